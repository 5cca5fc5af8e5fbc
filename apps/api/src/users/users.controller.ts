import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
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
import { CreateUserDto, UpdateUserDto } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

const USER_EXAMPLE = {
  id: 5,
  username: 'kejiju01',
  displayName: '张三',
  role: 'editor',
  departmentId: 3,
  departmentName: '市科技局',
  email: 'zhangsan@kjj.example.gov.cn',
  active: true,
};

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: '用户列表(管理员)' })
  @ApiOkResponse({ description: '用户', example: [USER_EXAMPLE] })
  @ApiForbiddenResponse({ description: '只有管理员可以管理用户' })
  list(@CurrentUser() actor: Actor) {
    return this.users.list(actor);
  }

  @Post()
  @ApiOperation({ summary: '创建用户(管理员)' })
  @ApiCreatedResponse({ description: '新用户', example: USER_EXAMPLE })
  @ApiForbiddenResponse({ description: '只有管理员可以管理用户' })
  @ApiConflictResponse({ description: '登录名已被使用' })
  @ApiBadRequestResponse({ description: '参数有误' })
  create(@CurrentUser() actor: Actor, @Body() body: CreateUserDto) {
    return this.users.create(actor, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改用户(管理员):姓名、密码、角色、单位、邮箱、停用' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: '修改后的用户', example: { ...USER_EXAMPLE, active: false } })
  @ApiForbiddenResponse({ description: '只有管理员可以管理用户' })
  @ApiNotFoundResponse({ description: '用户不存在' })
  update(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number, @Body() body: UpdateUserDto) {
    return this.users.update(actor, id, body);
  }
}
