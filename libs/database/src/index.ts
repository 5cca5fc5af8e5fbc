export { DatabaseModule } from './database.module.js';
export { MIGRATIONS } from './migrations/index.js';
export { buildDataSourceOptions } from './options.js';
export { BUSY_SLICE_MS, createDataSource, isSqliteBusy, withLockBudget } from './sqlite-gate.js';
