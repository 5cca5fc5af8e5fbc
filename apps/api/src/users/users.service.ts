import { Department, User, type UserRole } from '#domain';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService } from '../auth/access.service.js';
import { assertPasswordAcceptable, AuthService, hashPassword } from '../auth/auth.service.js';
import type { Actor } from '../auth/auth.types.js';
import { badRequest, conflict, invalidField, refusedField } from '../common/errors.js';
import type { CreateUserDto, UpdateUserDto } from './dto/user.dto.js';

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  departmentId: number | null;
  departmentName: string | null;
  email: string | null;
  active: boolean;
}

/** Accounts, managed by the admin. Password hashes never leave this service. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
  ) {}

  async list(actor: Actor): Promise<UserView[]> {
    this.access.assertAdmin(actor, '管理用户');
    const rows = await this.dataSource.getRepository(User).find({ relations: { department: true }, order: { id: 'ASC' } });
    return rows.map((u) => this.view(u));
  }

  async create(actor: Actor, body: CreateUserDto): Promise<UserView> {
    this.access.assertAdmin(actor, '管理用户');
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(User);
      if (await repo.existsBy({ username: body.username })) throw refusedField(409, 'username', `登录名“${body.username}”已被使用`, 'duplicate');
      assertPasswordAcceptable(body.password, body.username);
      await this.checkDepartment(manager, body.role, body.departmentId ?? null);
      const saved = await repo.save(
        repo.create({
          username: body.username,
          displayName: body.displayName.trim(),
          passwordHash: await hashPassword(body.password),
          role: body.role,
          departmentId: body.departmentId ?? null,
          email: body.email ?? null,
          active: true,
        }),
      );
      const view = this.view(saved);
      await this.audit.record(manager, actor, 'user.create', 'user', saved.id, null, null, view);
      return view;
    });
  }

  async update(actor: Actor, id: number, body: UpdateUserDto): Promise<UserView> {
    this.access.assertAdmin(actor, '管理用户');
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(User);
      const user = await repo.findOneBy({ id });
      if (!user) throw new NotFoundException(`用户不存在:${id}`);
      const before = this.view(user);
      if (user.id === actor.id && (body.active === false || (body.role !== undefined && body.role !== 'admin'))) {
        throw conflict('不能停用自己或取消自己的管理员身份');
      }
      if (body.displayName !== undefined) user.displayName = body.displayName.trim();
      if (body.role !== undefined) user.role = body.role;
      if (body.departmentId !== undefined) user.departmentId = body.departmentId;
      if (body.email !== undefined) user.email = body.email;
      if (body.active !== undefined) user.active = body.active;
      if (body.password !== undefined) {
        assertPasswordAcceptable(body.password, user.username);
        user.passwordHash = await hashPassword(body.password);
      }
      await this.checkDepartment(manager, user.role, user.departmentId);
      const saved = await repo.save(user);
      const after = this.view(saved);
      // A reset, or a disabled account: nothing opened before stays valid (except the admin's own request).
      const endedCredentials =
        body.password !== undefined || body.active === false ? await this.auth.endCredentials(manager, id, id === actor.id ? actor.tokenId : null) : 0;
      await this.audit.record(manager, actor, 'user.update', 'user', id, null, before, { ...after, passwordChanged: body.password !== undefined, endedCredentials });
      return after;
    });
  }

  private async checkDepartment(manager: EntityManager, role: UserRole, departmentId: number | null): Promise<void> {
    if (role === 'editor' && departmentId === null) throw invalidField('departmentId', '单位填报员必须指定所属单位(departmentId)', 'required');
    if (departmentId !== null && !(await manager.getRepository(Department).existsBy({ id: departmentId }))) {
      throw invalidField('departmentId', `单位不存在:${departmentId}`, 'not_found');
    }
  }

  private view(u: User): UserView {
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      departmentId: u.departmentId,
      departmentName: u.department?.name ?? null,
      email: u.email,
      active: u.active,
    };
  }
}
