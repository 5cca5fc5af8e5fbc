import { Assignment } from './assignment.entity.js';
import { Department, DepartmentAlias } from './department.entity.js';
import { Indicator } from './indicator.entity.js';
import { Item } from './item.entity.js';
import { Plan } from './plan.entity.js';

export { Assignment, ASSIGNMENT_ROLES, type AssignmentRole } from './assignment.entity.js';
export { Department, DepartmentAlias } from './department.entity.js';
export { Indicator, INDICATOR_OPS, type IndicatorOpValue } from './indicator.entity.js';
export { Item, ITEM_KINDS, INITIAL_ITEM_STATUS, type ItemKindValue } from './item.entity.js';
export { Plan } from './plan.entity.js';

/** Every entity, for the DataSource. */
export const ENTITIES = [Plan, Item, Department, DepartmentAlias, Assignment, Indicator];
