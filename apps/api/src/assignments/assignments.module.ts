import { Module } from '@nestjs/common';
import { ItemsModule } from '../items/items.module.js';
import { AssignmentsController } from './assignments.controller.js';
import { AssignmentsService } from './assignments.service.js';

@Module({ imports: [ItemsModule], controllers: [AssignmentsController], providers: [AssignmentsService] })
export class AssignmentsModule {}
