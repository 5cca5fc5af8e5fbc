import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { FieldLabel } from '../../common/validation.js';

export class LoginDto {
  @ApiProperty({ example: 'zhangsan' })
  @IsString({ message: 'username 必须是文字' })
  @IsNotEmpty({ message: '请填写用户名' })
  @MaxLength(64, { message: '用户名不能超过 64 个字符' })
  username!: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString({ message: 'password 必须是文字' })
  @IsNotEmpty({ message: '请填写密码' })
  @MaxLength(200, { message: '密码不能超过 200 个字符' })
  password!: string;
}

export class CreateTokenDto {
  @ApiProperty({ description: '令牌用途', example: '月报导出脚本' })
  @FieldLabel('令牌名称')
  @IsString({ message: 'name 必须是文字' })
  @IsNotEmpty({ message: '请填写令牌名称' })
  @MaxLength(100, { message: '令牌名称不能超过 100 个字' })
  name!: string;

  @ApiPropertyOptional({ description: '有效天数(不填为 90 天,最长 365 天,见 DUBAN_TOKEN_DAYS / DUBAN_TOKEN_MAX_DAYS;可随时撤销)', example: 90 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'expiresInDays 必须是 1 到 3650 之间的整数' })
  @Min(1, { message: 'expiresInDays 必须是 1 到 3650 之间的整数' })
  @Max(3650, { message: 'expiresInDays 必须是 1 到 3650 之间的整数' })
  expiresInDays?: number;
}

export class ChangeOwnPasswordDto {
  @ApiProperty({ example: 'old-password' })
  @IsString({ message: 'currentPassword 必须是文字' })
  @IsNotEmpty({ message: '请填写当前密码' })
  @MaxLength(200, { message: '密码不能超过 200 位' })
  currentPassword!: string;

  @ApiProperty({ description: '新密码(至少 8 位,不能是常见密码或用户名)', example: 'An0ther-passw0rd' })
  @IsString({ message: 'newPassword 必须是文字' })
  @MinLength(8, { message: '新密码至少 8 位' })
  @MaxLength(200, { message: '密码不能超过 200 位' })
  newPassword!: string;
}
