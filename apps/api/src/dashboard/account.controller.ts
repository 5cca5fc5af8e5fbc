import { User } from '#domain';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { badRequest } from '../common/errors.js';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { hashPassword } from '../auth/auth.service.js';
import { type Actor, CurrentUser } from '../auth/auth.types.js';
import { ChangePasswordDto } from './dto/dashboard.query.js';

/** 修改密码: every signed-in user changes their own password, knowing the current one. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('account')
export class AccountController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  @Post('password')
  @HttpCode(200)
  @ApiOperation({ summary: '修改本人密码(须填当前密码)' })
  @ApiOkResponse({ description: '已修改', example: { ok: true } })
  @ApiBadRequestResponse({ description: '当前密码不正确,或新密码不符合要求' })
  async change(@CurrentUser() actor: Actor, @Body() body: ChangePasswordDto) {
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: actor.id });
    const ok = await argon2.verify(user.passwordHash, body.currentPassword).catch(() => false);
    if (!ok) throw badRequest('当前密码不正确');
    if (body.newPassword === body.currentPassword) throw badRequest('新密码不能与当前密码相同');
    const passwordHash = await hashPassword(body.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(User).update({ id: actor.id }, { passwordHash });
      await this.audit.record(manager, actor, 'user.password', 'user', actor.id, null, null, { changed: true });
    });
    return { ok: true };
  }
}
