import { CHAT_PLATFORMS } from '#domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { IsPositiveId } from '../../common/validation.js';

export class CreateChatChannelDto {
  @ApiProperty({ description: '单位编号', example: 3 })
  @IsPositiveId('departmentId')
  departmentId!: number;

  @ApiProperty({ description: '平台:wecom 企业微信群机器人、dingtalk 钉钉自定义机器人、feishu 飞书自定义机器人', enum: CHAT_PLATFORMS, example: 'dingtalk' })
  @IsIn(CHAT_PLATFORMS as unknown as string[], { message: `platform 只能是 ${CHAT_PLATFORMS.join('、')}` })
  platform!: string;

  @ApiProperty({ description: '机器人的 Webhook 地址', example: 'https://oapi.dingtalk.com/robot/send?access_token=xxxx' })
  @IsString({ message: 'webhookUrl 必须是文字' })
  @IsNotEmpty({ message: '请填写机器人的 Webhook 地址' })
  @MaxLength(1000, { message: 'Webhook 地址不能超过 1000 个字符' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'Webhook 地址必须是 http:// 或 https:// 开头的网址' })
  webhookUrl!: string;

  @ApiPropertyOptional({ description: '钉钉“加签”密钥(SEC 开头)或飞书“签名校验”密钥;企业微信不需要', example: 'SEC0123456789abcdef' })
  @IsOptional()
  @IsString({ message: 'secret 必须是文字' })
  @MaxLength(200, { message: '密钥不能超过 200 个字符' })
  secret?: string;
}
