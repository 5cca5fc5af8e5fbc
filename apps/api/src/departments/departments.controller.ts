import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type DepartmentView, DepartmentsService } from './departments.service.js';

@ApiTags('departments')
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get()
  @ApiOperation({ summary: '单位列表(含牵头、配合事项数)' })
  @ApiOkResponse({
    description: '所有单位',
    example: [{ id: 3, name: '市质监局', aliases: ['市质量技术监督局'], contactEmails: [], leadCount: 6, coCount: 5 }],
  })
  list(): Promise<DepartmentView[]> {
    return this.departments.list();
  }
}
