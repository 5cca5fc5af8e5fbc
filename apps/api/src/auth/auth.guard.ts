import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import { forbidden, unauthorized } from '../common/errors.js';
import { AuthService, csrfTokenFor } from './auth.service.js';
import { type AuthedRequest, CSRF_HEADER, IS_PUBLIC, SESSION_COOKIE } from './auth.types.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function header(request: AuthedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Signs every request in: "Authorization: Bearer <token>" (scripts; CSRF-exempt since a
 * browser never adds it by itself) or the HttpOnly session cookie (the web). A cookie-signed
 * unsafe request (POST, PUT, PATCH, DELETE) must carry the session's CSRF token in the
 * X-CSRF-Token header (double submit: the token is also in the readable duban_csrf cookie).
 * Authorisation happens in the services, where the data is read and written.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const authorization = header(request, 'authorization');
    if (authorization !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(authorization);
      const actor = m ? await this.auth.authenticate(m[1]!, 'bearer') : null;
      if (!actor) throw unauthorized('令牌无效、已过期或已被撤销');
      request.actor = actor;
      return true;
    }
    const session = request.cookies?.[SESSION_COOKIE];
    if (!session) throw unauthorized();
    const actor = await this.auth.authenticate(session, 'cookie');
    if (!actor) throw unauthorized('登录已失效,请重新登录');
    if (!SAFE_METHODS.has(request.method.toUpperCase())) {
      const sent = header(request, CSRF_HEADER);
      if (!sent || !sameText(sent, csrfTokenFor(session))) throw forbidden('CSRF 校验失败:请求缺少有效的 X-CSRF-Token,请刷新页面后重试');
    }
    request.actor = actor;
    return true;
  }
}
