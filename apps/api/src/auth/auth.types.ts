import type { UserRole } from '#domain';
import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';

/** The signed-in user, as the services see them. */
export interface Actor {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  departmentId: number | null;
  /** How the request was authenticated. */
  via: 'bearer' | 'cookie';
  /** Id of the token used. */
  tokenId: number;
}

export interface AuthedRequest {
  actor?: Actor;
  method: string;
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
  cookies?: Record<string, string>;
}

export const IS_PUBLIC = 'duban:isPublic';
/** Marks a route that needs no sign-in (login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The signed-in user of the request. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<AuthedRequest>();
  return request.actor!;
});

export const SESSION_COOKIE = 'duban_session';
export const CSRF_COOKIE = 'duban_csrf';
export const CSRF_HEADER = 'x-csrf-token';
