import { Module } from '@nestjs/common';
import { DepartmentsAdminController } from './departments-admin.controller.js';
import { DepartmentsAdminService } from './departments-admin.service.js';
import { DepartmentsController } from './departments.controller.js';
import { DepartmentsService } from './departments.service.js';

@Module({ controllers: [DepartmentsController, DepartmentsAdminController], providers: [DepartmentsService, DepartmentsAdminService] })
export class DepartmentsModule {}
