import { USER_ROLES, type UserRole } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsOmittable, IsPositiveId } from '../../common/validation.js';

export class CreateUserDto {
  @ApiProperty({ description: '登录名(字母、数字、_ . -)', example: 'kejiju01' })
  @IsString({ message: 'username 必须是文字' })
  @Matches(/^[A-Za-z0-9_.-]{2,64}$/, { message: '登录名只能包含字母、数字、_ . -,长度 2-64' })
  username!: string;

  @ApiProperty({ description: '姓名', example: '张三' })
  @IsString({ message: 'displayName 必须是文字' })
  @IsNotEmpty({ message: '请填写姓名' })
  @MaxLength(100, { message: '姓名不能超过 100 个字' })
  displayName!: string;

  @ApiProperty({ description: '初始密码(至少 8 位)', example: 'Chang3-me-please' })
  @IsString({ message: 'password 必须是文字' })
  @MinLength(8, { message: '密码至少 8 位' })
  @MaxLength(200, { message: '密码不能超过 200 位' })
  password!: string;

  @ApiProperty({ enum: USER_ROLES, example: 'editor', description: 'admin 管理员;coordinator 质量强市办;editor 单位填报员;viewer 只读;leader 领导(只读,看督办总览、月报、报告)' })
  @IsIn(USER_ROLES, { message: `role 必须是以下之一:${USER_ROLES.join('、')}` })
  role!: UserRole;

  @ApiPropertyOptional({ description: '所属单位编号(填报员必填)', example: 3 })
  @IsOptional()
  @IsPositiveId('departmentId')
  departmentId?: number;

  @ApiPropertyOptional({ description: '联系邮箱', example: 'zhangsan@kjj.example.gov.cn' })
  @IsOptional()
  @IsEmail({}, { message: 'email 不是有效的邮箱地址' })
  @MaxLength(200, { message: 'email 不能超过 200 个字符' })
  email?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: '张三' })
  @IsOmittable()
  @IsString({ message: 'displayName 必须是文字' })
  @IsNotEmpty({ message: '姓名不能为空' })
  @MaxLength(100, { message: '姓名不能超过 100 个字' })
  displayName?: string;

  @ApiPropertyOptional({ description: '新密码(至少 8 位)', example: 'An0ther-passw0rd' })
  @IsOmittable()
  @IsString({ message: 'password 必须是文字' })
  @MinLength(8, { message: '密码至少 8 位' })
  @MaxLength(200, { message: '密码不能超过 200 位' })
  password?: string;

  @ApiPropertyOptional({ enum: USER_ROLES, example: 'viewer' })
  @IsOmittable()
  @IsIn(USER_ROLES, { message: `role 必须是以下之一:${USER_ROLES.join('、')}` })
  role?: UserRole;

  @ApiPropertyOptional({ description: '所属单位编号,null 为不属于任何单位', example: 3, nullable: true })
  @ValidateIf((o: UpdateUserDto) => o.departmentId !== undefined && o.departmentId !== null)
  @IsPositiveId('departmentId')
  departmentId?: number | null;

  @ApiPropertyOptional({ example: 'zhangsan@kjj.example.gov.cn', nullable: true })
  @ValidateIf((o: UpdateUserDto) => o.email !== undefined && o.email !== null)
  @IsEmail({}, { message: 'email 不是有效的邮箱地址' })
  @MaxLength(200, { message: 'email 不能超过 200 个字符' })
  email?: string | null;

  @ApiPropertyOptional({ description: '停用后不能登录,令牌失效', example: false })
  @IsOmittable()
  @IsBoolean({ message: 'active 必须是 true 或 false' })
  active?: boolean;
}
