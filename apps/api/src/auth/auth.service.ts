import { AppConfig } from '#config';
import { ApiToken, type ApiTokenKind, CLOCK, type Clock, passwordProblem, User } from '#domain';
import { Inject, Injectable, Logger, NotFoundException, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import argon2 from 'argon2';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, type EntityManager, In, IsNull, MoreThan, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { badRequest, conflict, invalidField, refusedField, unauthorized } from '../common/errors.js';
import type { Actor } from './auth.types.js';
import { LoginLimiter } from './login-limiter.js';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The CSRF token of a session: derived from the session secret, so it cannot be guessed without it. */
export function csrfTokenFor(sessionToken: string): string {
  return sha256(`csrf:${sessionToken}`);
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

// A hash to verify against when the user does not exist, so both cases take as long.
let dummyHash: Promise<string> | undefined;

/** Refuses a new password the policy rejects (passwordProblem), with its Chinese reason. */
export function assertPasswordAcceptable(password: string, username: string, field = 'password'): void {
  const problem = passwordProblem(password, username);
  if (problem) throw invalidField(field, problem);
}

/** Where a sign-in came from, kept with its session for the owner's session list. */
export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

/** One of the user's open sign-in sessions (never the secret). */
export interface SessionView {
  id: number;
  createdAt: Date;
  expiresAt: Date | null;
  ip: string | null;
  userAgent: string | null;
  /** The session this request is signed in with. */
  current: boolean;
}

export interface TokenView {
  id: number;
  name: string;
  kind: ApiTokenKind;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly limiter: LoginLimiter,
    private readonly audit: AuditService,
  ) {}

  /** On first start: the account "admin" with DUBAN_ADMIN_PASSWORD, or a generated password printed once. */
  async onApplicationBootstrap(): Promise<void> {
    const users = this.dataSource.getRepository(User);
    if (await users.existsBy({ username: 'admin' })) return;
    const given = this.config.DUBAN_ADMIN_PASSWORD;
    const password = given ?? randomBytes(12).toString('base64url');
    // Several API processes may start together on a new database: the first insert wins, the others
    // find a row that is not theirs (each hash has its own salt) and say nothing.
    const passwordHash = await hashPassword(password);
    await users
      .createQueryBuilder()
      .insert()
      .values({ username: 'admin', displayName: '系统管理员', passwordHash, role: 'admin', departmentId: null, email: null, active: true })
      .orIgnore()
      .updateEntity(false)
      .execute();
    if ((await users.findOneBy({ username: 'admin' }))?.passwordHash !== passwordHash) return;
    if (!given) {
      // Printed once, on the console only: it is not stored anywhere in clear.
      console.log(`duban: 已创建管理员账号 admin,初始密码:${password}(请登录后修改)`);
    } else {
      this.logger.log('已按 DUBAN_ADMIN_PASSWORD 创建管理员账号 admin');
    }
  }

  async login(username: string, password: string, client: ClientInfo): Promise<{ token: string; csrfToken: string; expiresAt: Date; user: User }> {
    // Counted before the password is checked, so simultaneous guesses are slowed like serial ones.
    await this.limiter.attempt(username, client.ip);
    const user = await this.dataSource.getRepository(User).findOneBy({ username: username.trim() });
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const ok = await argon2.verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
    if (!user || !ok || !user.active) {
      const who = { id: user?.id ?? null, username: (user?.username ?? username.trim()).slice(0, 64) };
      await this.audit.record(this.dataSource.manager, who, 'auth.login_failed', 'user', user?.id ?? null, null, null, {
        ip: client.ip,
        reason: !user ? 'unknown_user' : !ok ? 'wrong_password' : 'inactive',
      });
      throw unauthorized('用户名或密码错误');
    }
    await this.limiter.succeeded(username, client.ip);
    const expiresAt = new Date(this.clock.now().getTime() + this.config.DUBAN_SESSION_HOURS * 3600_000);
    const token = await this.dataSource.transaction(async (manager) => {
      const { token, row } = await this.issue(manager, user.id, 'session', '登录会话', expiresAt, client);
      const ended = await this.endSessionsBeyondLimit(manager, user.id);
      await this.audit.record(manager, user, 'auth.login', 'api_token', row.id, null, null, { ip: client.ip, userAgent: client.userAgent, endedSessions: ended });
      return token;
    });
    return { token, csrfToken: csrfTokenFor(token), expiresAt, user };
  }

  private async issue(manager: EntityManager, userId: number, kind: ApiTokenKind, name: string, expiresAt: Date | null, client: ClientInfo | null): Promise<{ token: string; row: ApiToken }> {
    const token = `dbn_${randomBytes(32).toString('base64url')}`;
    const repo = manager.getRepository(ApiToken);
    const row = await repo.save(
      repo.create({ userId, kind, name, tokenHash: sha256(token), expiresAt, revokedAt: null, ip: client?.ip.slice(0, 64) ?? null, userAgent: client?.userAgent?.slice(0, 300) ?? null }),
    );
    return { token, row };
  }

  /** The user's open sessions, newest last. */
  private openSessions(manager: EntityManager, userId: number): Promise<ApiToken[]> {
    return manager.getRepository(ApiToken).find({
      where: { userId, kind: 'session', revokedAt: IsNull(), expiresAt: MoreThan(this.clock.now()) },
      order: { id: 'ASC' },
    });
  }

  /** At most DUBAN_MAX_SESSIONS open sessions per user: the oldest beyond it end. Returns their ids. */
  private async endSessionsBeyondLimit(manager: EntityManager, userId: number): Promise<number[]> {
    const open = await this.openSessions(manager, userId);
    const ended = open.slice(0, Math.max(0, open.length - this.config.DUBAN_MAX_SESSIONS)).map((r) => r.id);
    if (ended.length > 0) await manager.getRepository(ApiToken).update({ id: In(ended) }, { revokedAt: this.clock.now() });
    return ended;
  }

  /**
   * Ends every session and personal token of a user except `keep` (the one making the change, or
   * null): after a password change or reset, nothing opened with the old password stays valid.
   */
  async endCredentials(manager: EntityManager, userId: number, keep: number | null): Promise<number> {
    const result = await manager
      .getRepository(ApiToken)
      .update({ userId, revokedAt: IsNull(), ...(keep === null ? {} : { id: Not(keep) }) }, { revokedAt: this.clock.now() });
    return result.affected ?? 0;
  }

  async listSessions(actor: Actor): Promise<SessionView[]> {
    const rows = await this.openSessions(this.dataSource.manager, actor.id);
    return rows.map((r) => ({ id: r.id, createdAt: r.createdAt, expiresAt: r.expiresAt, ip: r.ip, userAgent: r.userAgent, current: r.id === actor.tokenId }));
  }

  /** Ends one of the owner's other sessions (another user's is not found). */
  async revokeSession(actor: Actor, id: number): Promise<{ ok: true }> {
    const repo = this.dataSource.getRepository(ApiToken);
    const row = await repo.findOneBy({ id, userId: actor.id, kind: 'session' });
    if (!row) throw new NotFoundException(`登录会话不存在:${id}`);
    // As on GitLab's active sessions: the session in use ends by signing out, not from the list.
    if (row.id === actor.tokenId) throw conflict('这是当前使用的会话,请使用“退出登录”');
    if (row.revokedAt === null) {
      await this.dataSource.transaction(async (manager) => {
        await manager.getRepository(ApiToken).update({ id, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
        await this.audit.record(manager, actor, 'auth.session_revoke', 'api_token', id, null, { revokedAt: null }, { revokedAt: this.clock.now() });
      });
    }
    return { ok: true };
  }

  /** The user a bearer or session token belongs to, or null when it is unknown, revoked, expired or its user disabled. */
  async authenticate(token: string, via: Actor['via']): Promise<Actor | null> {
    if (!/^dbn_[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const row = await this.dataSource.getRepository(ApiToken).findOne({ where: { tokenHash: sha256(token) }, relations: { user: true } });
    if (!row || row.revokedAt !== null || !row.user.active) return null;
    if (row.expiresAt !== null && row.expiresAt.getTime() <= this.clock.now().getTime()) return null;
    // A cookie must hold a session token; personal tokens are for scripts.
    if (via === 'cookie' && row.kind !== 'session') return null;
    const u = row.user;
    return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, departmentId: u.departmentId, via, tokenId: row.id };
  }

  /** A personal token: DUBAN_TOKEN_DAYS unless the creator asks for another lifetime, at most DUBAN_TOKEN_MAX_DAYS. */
  async createPersonalToken(actor: Actor, name: string, expiresInDays: number | undefined, client: ClientInfo): Promise<TokenView & { token: string }> {
    const max = this.config.DUBAN_TOKEN_MAX_DAYS;
    if (expiresInDays !== undefined && expiresInDays > max) throw invalidField('expiresInDays', `令牌有效期最长 ${max} 天`, 'out_of_range');
    const days = expiresInDays ?? Math.min(this.config.DUBAN_TOKEN_DAYS, max);
    const expiresAt = new Date(this.clock.now().getTime() + days * 86_400_000);
    return this.dataSource.transaction(async (manager) => {
      const { token, row } = await this.issue(manager, actor.id, 'personal', name, expiresAt, client);
      await this.audit.record(manager, actor, 'token.create', 'api_token', row.id, null, null, { name, expiresAt });
      return { ...this.view(row), token };
    });
  }

  async listTokens(actor: Actor): Promise<TokenView[]> {
    const rows = await this.dataSource.getRepository(ApiToken).find({ where: { userId: actor.id, kind: 'personal' }, order: { id: 'ASC' } });
    return rows.map((r) => this.view(r));
  }

  /** Revokes one of the user's own tokens (an admin may revoke anyone's). */
  async revoke(actor: Actor, id: number): Promise<TokenView> {
    const repo = this.dataSource.getRepository(ApiToken);
    // Personal tokens only: sessions end by signing out or from the session list.
    const row = await repo.findOneBy(actor.role === 'admin' ? { id, kind: 'personal' } : { id, userId: actor.id, kind: 'personal' });
    if (!row) throw new NotFoundException(`令牌不存在:${id}`);
    if (row.revokedAt === null) {
      row.revokedAt = this.clock.now();
      await repo.save(row);
      await this.audit.record(this.dataSource.manager, actor, 'token.revoke', 'api_token', row.id, null, { revokedAt: null }, { revokedAt: row.revokedAt });
    }
    return this.view(row);
  }

  /** Changes the user's own password; every other session and personal token of the user ends. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const users = this.dataSource.getRepository(User);
    const user = await users.findOneByOrFail({ id: actor.id });
    if (!(await argon2.verify(user.passwordHash, currentPassword).catch(() => false))) throw refusedField(401, 'currentPassword', '当前密码不正确', 'incorrect');
    assertPasswordAcceptable(newPassword, user.username, 'newPassword');
    const passwordHash = await hashPassword(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(User).update({ id: user.id }, { passwordHash });
      const ended = await this.endCredentials(manager, user.id, actor.tokenId);
      await this.audit.record(manager, actor, 'user.password', 'user', user.id, null, null, { passwordChanged: true, endedCredentials: ended });
    });
  }

  async logout(actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.getRepository(ApiToken).update({ id: actor.tokenId, kind: 'session', revokedAt: IsNull() }, { revokedAt: this.clock.now() });
      if (result.affected) await this.audit.record(manager, actor, 'auth.logout', 'api_token', actor.tokenId, null, null, null);
    });
  }

  private view(r: ApiToken): TokenView {
    return { id: r.id, name: r.name, kind: r.kind, createdAt: r.createdAt, expiresAt: r.expiresAt, revokedAt: r.revokedAt };
  }
}
