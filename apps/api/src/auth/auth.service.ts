import { AppConfig } from '#config';
import { ApiToken, type ApiTokenKind, CLOCK, type Clock, User } from '#domain';
import { Inject, Injectable, Logger, NotFoundException, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import argon2 from 'argon2';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { unauthorized } from '../common/errors.js';
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

  async login(username: string, password: string, ip: string): Promise<{ token: string; csrfToken: string; expiresAt: Date; user: User }> {
    await this.limiter.check(username, ip);
    const user = await this.dataSource.getRepository(User).findOneBy({ username: username.trim() });
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const ok = await argon2.verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
    if (!user || !ok || !user.active) {
      await this.limiter.failed(username, ip);
      throw unauthorized('用户名或密码错误');
    }
    await this.limiter.succeeded(username, ip);
    const expiresAt = new Date(this.clock.now().getTime() + this.config.DUBAN_SESSION_HOURS * 3600_000);
    const { token } = await this.issue(user.id, 'session', '登录会话', expiresAt);
    return { token, csrfToken: csrfTokenFor(token), expiresAt, user };
  }

  private async issue(userId: number, kind: ApiTokenKind, name: string, expiresAt: Date | null): Promise<{ token: string; row: ApiToken }> {
    const token = `dbn_${randomBytes(32).toString('base64url')}`;
    const repo = this.dataSource.getRepository(ApiToken);
    const row = await repo.save(repo.create({ userId, kind, name, tokenHash: sha256(token), expiresAt, revokedAt: null }));
    return { token, row };
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

  async createPersonalToken(actor: Actor, name: string, expiresInDays: number | undefined): Promise<TokenView & { token: string }> {
    const expiresAt = expiresInDays ? new Date(this.clock.now().getTime() + expiresInDays * 86_400_000) : null;
    const { token, row } = await this.issue(actor.id, 'personal', name, expiresAt);
    await this.audit.record(this.dataSource.manager, actor, 'token.create', 'api_token', row.id, null, null, { name, expiresAt });
    return { ...this.view(row), token };
  }

  async listTokens(actor: Actor): Promise<TokenView[]> {
    const rows = await this.dataSource.getRepository(ApiToken).find({ where: { userId: actor.id, kind: 'personal' }, order: { id: 'ASC' } });
    return rows.map((r) => this.view(r));
  }

  /** Revokes one of the user's own tokens (an admin may revoke anyone's). */
  async revoke(actor: Actor, id: number): Promise<TokenView> {
    const repo = this.dataSource.getRepository(ApiToken);
    const row = await repo.findOneBy(actor.role === 'admin' ? { id } : { id, userId: actor.id });
    if (!row) throw new NotFoundException(`令牌不存在:${id}`);
    if (row.revokedAt === null) {
      row.revokedAt = this.clock.now();
      await repo.save(row);
      await this.audit.record(this.dataSource.manager, actor, 'token.revoke', 'api_token', row.id, null, { revokedAt: null }, { revokedAt: row.revokedAt });
    }
    return this.view(row);
  }

  /** Changes the user's own password; every other session of the user ends. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const users = this.dataSource.getRepository(User);
    const user = await users.findOneByOrFail({ id: actor.id });
    if (!(await argon2.verify(user.passwordHash, currentPassword).catch(() => false))) throw unauthorized('当前密码不正确');
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(User).update({ id: user.id }, { passwordHash: await hashPassword(newPassword) });
      await manager
        .getRepository(ApiToken)
        .update({ userId: user.id, kind: 'session', revokedAt: IsNull(), id: Not(actor.tokenId) }, { revokedAt: this.clock.now() });
      await this.audit.record(manager, actor, 'user.password', 'user', user.id, null, null, { passwordChanged: true });
    });
  }

  async logout(actor: Actor): Promise<void> {
    await this.dataSource.getRepository(ApiToken).update({ id: actor.tokenId, kind: 'session', revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  private view(r: ApiToken): TokenView {
    return { id: r.id, name: r.name, kind: r.kind, createdAt: r.createdAt, expiresAt: r.expiresAt, revokedAt: r.revokedAt };
  }
}
