import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import { forbidden, unauthorized } from '../common/errors.js';
import { AuthService, csrfTokenFor } from './auth.service.js';
import { type Actor, type AuthedRequest, CSRF_HEADER, IS_PUBLIC, SESSION_COOKIE } from './auth.types.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type RequestParts = Pick<AuthedRequest, 'headers' | 'cookies' | 'method'>;

function header(request: Pick<AuthedRequest, 'headers'>, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The credential a request carries: a bearer token (malformed = '' token), the session cookie, or none. */
export function requestCredential(request: Pick<AuthedRequest, 'headers' | 'cookies'>): { token: string; via: Actor['via'] } | null {
  const authorization = header(request, 'authorization');
  if (authorization !== undefined) return { token: /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] ?? '', via: 'bearer' };
  const session = request.cookies?.[SESSION_COOKIE];
  return session ? { token: session, via: 'cookie' } : null;
}

/**
 * Whether a request passes the CSRF check: safe methods and bearer requests always; a
 * cookie-signed unsafe request only with the session's CSRF token in one of `headers`.
 */
export function passesCsrf(request: RequestParts, credential: { token: string; via: Actor['via'] }, headers: string[] = [CSRF_HEADER]): boolean {
  if (credential.via === 'bearer' || SAFE_METHODS.has(request.method.toUpperCase())) return true;
  const expected = csrfTokenFor(credential.token);
  return headers.some((name) => {
    const sent = header(request, name);
    return sent !== undefined && sameText(sent, expected);
  });
}

export const CSRF_REFUSED = 'CSRF 校验失败:请求缺少有效的 X-CSRF-Token,请刷新页面后重试';

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
    const credential = requestCredential(request);
    if (!credential) throw unauthorized();
    const actor = await this.auth.authenticate(credential.token, credential.via);
    if (!actor) throw unauthorized(credential.via === 'bearer' ? '令牌无效、已过期或已被撤销' : '登录已失效,请重新登录');
    if (!passesCsrf(request, credential)) throw forbidden(CSRF_REFUSED);
    request.actor = actor;
    return true;
  }
}
