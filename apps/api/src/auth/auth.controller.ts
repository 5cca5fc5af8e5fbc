import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig } from '#config';
import { isHttps } from '../common/security-headers.js';
import { IdPipe } from '../common/validation.js';
import { AuthService, type ClientInfo, type SessionView, type TokenView } from './auth.service.js';
import { type Actor, CSRF_COOKIE, CurrentUser, Public, SESSION_COOKIE } from './auth.types.js';
import { ChangeOwnPasswordDto, CreateTokenDto, LoginDto } from './dto/login.dto.js';

/** The client's address (X-Forwarded-For only from DUBAN_TRUST_PROXY) and browser. */
function clientOf(request: Request): ClientInfo {
  const agent = request.headers['user-agent'];
  return { ip: request.ip ?? request.socket.remoteAddress ?? 'unknown', userAgent: typeof agent === 'string' && agent !== '' ? agent : null };
}

const SESSION_EXAMPLE = { id: 41, createdAt: '2024-10-09T01:00:00.000Z', expiresAt: '2024-10-09T13:00:00.000Z', ip: '10.1.2.3', userAgent: 'Mozilla/5.0 …', current: true };

const TOKEN_EXAMPLE = { id: 3, name: '月报导出脚本', kind: 'personal', createdAt: '2024-10-09T01:00:00.000Z', expiresAt: '2025-01-07T01:00:00.000Z', revokedAt: null };

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: '密码登录',
    description: '返回供脚本使用的 bearer 令牌,同时为网页设置 HttpOnly 会话 Cookie 和 CSRF Cookie(网页的写请求须在 X-CSRF-Token 头中带上 csrfToken)。',
  })
  @ApiOkResponse({
    description: '登录成功',
    example: { token: 'dbn_3q2-7wEXAMPLEexampleEXAMPLEexampleEXAMPLE12', csrfToken: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', expiresAt: '2024-10-09T13:00:00.000Z', user: { id: 2, username: 'zhangsan', displayName: '张三', role: 'editor', departmentId: 3 } },
  })
  @ApiUnauthorizedResponse({ description: '用户名或密码错误' })
  @ApiTooManyRequestsResponse({ description: '失败次数过多,须稍后再试' })
  async login(@Body() body: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const { token, csrfToken, expiresAt, user } = await this.auth.login(body.username, body.password, clientOf(request));
    // Secure over HTTPS: TLS here, X-Forwarded-Proto from a trusted proxy (DUBAN_TRUST_PROXY), or an https DUBAN_PUBLIC_URL.
    const secure = isHttps(request, this.config);
    response.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
    response.cookie(CSRF_COOKIE, csrfToken, { httpOnly: false, sameSite: 'lax', secure, path: '/', expires: expiresAt });
    return {
      token,
      csrfToken,
      expiresAt,
      user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, departmentId: user.departmentId },
    };
  }

  @Post('logout')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: '退出登录(撤销当前会话)' })
  @ApiOkResponse({ description: '已退出', example: { ok: true } })
  async logout(@CurrentUser() actor: Actor, @Res({ passthrough: true }) response: Response) {
    await this.auth.logout(actor);
    response.clearCookie(SESSION_COOKIE, { path: '/' });
    response.clearCookie(CSRF_COOKIE, { path: '/' });
    return { ok: true };
  }

  @Post('password')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: '修改自己的密码(其他登录会话和个人令牌随之失效)' })
  @ApiOkResponse({ description: '已修改', example: { ok: true } })
  @ApiUnauthorizedResponse({ description: '当前密码不正确' })
  async changePassword(@CurrentUser() actor: Actor, @Body() body: ChangeOwnPasswordDto) {
    await this.auth.changePassword(actor, body.currentPassword, body.newPassword);
    return { ok: true };
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: '当前用户' })
  @ApiOkResponse({ description: '当前用户', example: { id: 2, username: 'zhangsan', displayName: '张三', role: 'editor', departmentId: 3, via: 'bearer' } })
  @ApiUnauthorizedResponse({ description: '未登录' })
  me(@CurrentUser() actor: Actor) {
    const { tokenId: _tokenId, ...rest } = actor;
    return rest;
  }

  @Get('tokens')
  @ApiBearerAuth()
  @ApiOperation({ summary: '我的个人 API 令牌(不含令牌本身)' })
  @ApiOkResponse({ description: '令牌列表', example: [TOKEN_EXAMPLE] })
  tokens(@CurrentUser() actor: Actor): Promise<TokenView[]> {
    return this.auth.listTokens(actor);
  }

  @Post('tokens')
  @ApiBearerAuth()
  @ApiOperation({ summary: '创建个人 API 令牌(令牌只显示这一次,库中只存其哈希)' })
  @ApiCreatedResponse({ description: '新令牌', example: { ...TOKEN_EXAMPLE, token: 'dbn_3q2-7wEXAMPLEexampleEXAMPLEexampleEXAMPLE12' } })
  createToken(@CurrentUser() actor: Actor, @Body() body: CreateTokenDto, @Req() request: Request) {
    return this.auth.createPersonalToken(actor, body.name, body.expiresInDays, clientOf(request));
  }

  @Get('sessions')
  @ApiBearerAuth()
  @ApiOperation({ summary: '我的登录会话(各处登录的时间、地址和浏览器;current 为当前会话)' })
  @ApiOkResponse({ description: '未过期、未撤销的会话,最早的在前', example: [SESSION_EXAMPLE] })
  sessions(@CurrentUser() actor: Actor): Promise<SessionView[]> {
    return this.auth.listSessions(actor);
  }

  @Delete('sessions/:id')
  @ApiBearerAuth()
  @ApiOperation({ summary: '结束我的另一个登录会话(如在别处忘记退出);当前会话请用退出登录' })
  @ApiOkResponse({ description: '已结束', example: { ok: true } })
  @ApiNotFoundResponse({ description: '会话不存在' })
  @ApiConflictResponse({ description: '这是当前使用的会话' })
  revokeSession(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number) {
    return this.auth.revokeSession(actor, id);
  }

  @Delete('tokens/:id')
  @ApiBearerAuth()
  @ApiOperation({ summary: '撤销个人 API 令牌' })
  @ApiOkResponse({ description: '已撤销', example: { ...TOKEN_EXAMPLE, revokedAt: '2024-10-10T01:00:00.000Z' } })
  @ApiNotFoundResponse({ description: '令牌不存在' })
  @ApiForbiddenResponse({ description: '无权操作' })
  revoke(@CurrentUser() actor: Actor, @Param('id', IdPipe) id: number) {
    return this.auth.revoke(actor, id);
  }
}
