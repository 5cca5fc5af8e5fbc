import { Body, Controller, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, CurrentUser } from '../auth/auth.types.js';
import { IdPipe } from '../common/validation.js';
import { DepartmentsAdminService } from './departments-admin.service.js';
import { AliasDto, CreateDepartmentDto, MergeDepartmentDto, UpdateDepartmentDto } from './dto/department.dto.js';

const DEPARTMENT_EXAMPLE = { id: 3, name: '市市场监管局', aliases: ['市质监局', '市工商局'], contactEmails: ['scjgj@example.gov.cn'] };

@ApiTags('departments')
@ApiBearerAuth()
@Controller('departments')
export class DepartmentsAdminController {
  constructor(private readonly admin: DepartmentsAdminService) {}

  @Post()
  @ApiOperation({ summary: '新建单位(管理员)' })
  @ApiCreatedResponse({ description: '新单位', example: DEPARTMENT_EXAMPLE })
  @ApiForbiddenResponse({ description: '只有管理员可以管理单位' })
  @ApiConflictResponse({ description: '名称已被使用' })
  create(@CurrentUser() actor: Actor, @Body() body: CreateDepartmentDto) {
    return this.admin.create(actor, body.name, body.contactEmails);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改单位名称、联系邮箱(管理员)' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: '修改后的单位', example: DEPARTMENT_EXAMPLE })
  @ApiForbiddenResponse({ description: '只有管理员可以管理单位' })
  @ApiNotFoundResponse({ description: '单位不存在' })
  update(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @Body() body: UpdateDepartmentDto) {
    return this.admin.update(actor, id, body);
  }

  @Post(':id/aliases')
  @ApiOperation({ summary: '添加别名(管理员)' })
  @ApiParam({ name: 'id', type: Number })
  @ApiCreatedResponse({ description: '单位及其别名', example: DEPARTMENT_EXAMPLE })
  @ApiConflictResponse({ description: '别名已被使用' })
  alias(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @Body() body: AliasDto) {
    return this.admin.addAlias(actor, id, body.alias);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @ApiOperation({ summary: '合并单位(管理员):把另一个单位(如“市质监局”)并入本单位,所有分工随之转移' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: '合并后的单位', example: { ...DEPARTMENT_EXAMPLE, movedAssignments: 12 } })
  @ApiConflictResponse({ description: '不能合并(如双方同月都有报告)' })
  merge(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @Body() body: MergeDepartmentDto) {
    return this.admin.merge(actor, id, body.from);
  }
}
