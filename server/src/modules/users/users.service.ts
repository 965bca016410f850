// User accounts: creation with role rules, listing, updates, and the initial admin account.
import type { Kysely } from 'kysely';
import type { CreateUser, UpdateUser, User } from '@hearth/contracts/auth';
import type { Page } from '@hearth/contracts/common';
import type { Database } from '../../db/schema.ts';
import { toIso } from '../../db/schema.ts';
import { conflict, invalid, notFound } from '../../http/domain-error.ts';
import type { Actor } from '../auth/actor.ts';
import { generatePassword, hashPassword } from '../auth/password.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { UserRow, UsersRepository } from './users.repository.ts';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role as User['role'],
    enterpriseId: row.enterpriseId,
    departmentCode: row.departmentCode,
    active: row.active === 1,
    createdAt: toIso(row.createdAt),
  };
}

export type UsersServiceDeps = {
  db: Kysely<Database>;
  users: UsersRepository;
  audit: AuditService;
  /** resolves whether an enterprise / department exists, through the registry's service */
  enterpriseExists: (id: number) => Promise<boolean>;
  departmentExists: (code: string) => Promise<boolean>;
};

export function createUsersService(deps: UsersServiceDeps) {
  const { db, users, audit } = deps;

  async function create(actor: Actor, input: CreateUser): Promise<User> {
    if (await users.findByUsername(input.username)) {
      throw conflict('user.duplicate', `用户名已存在 / username ${input.username} is taken`);
    }
    if (input.enterpriseId !== undefined && !(await deps.enterpriseExists(input.enterpriseId))) {
      throw invalid(
        'user.enterprise_not_found',
        `供热企业不存在 / enterprise ${input.enterpriseId} not found`,
      );
    }
    if (input.departmentCode !== undefined && !(await deps.departmentExists(input.departmentCode))) {
      throw invalid('user.department_not_found', `部门不存在 / department ${input.departmentCode} not found`);
    }
    const now = new Date().toISOString();
    const passwordHash = await hashPassword(input.password);
    return db.transaction().execute(async (trx) => {
      const row = await users.insert(trx, {
        username: input.username,
        displayName: input.displayName ?? input.username,
        role: input.role,
        enterpriseId: input.enterpriseId ?? null,
        departmentCode: input.departmentCode ?? null,
        passwordHash,
        active: 1,
        createdAt: now,
        updatedAt: now,
      });
      const user = toUser(row);
      await audit.record(trx, actor, {
        action: 'create',
        entity: 'user',
        entityId: row.id,
        changes: { ...user },
      });
      return user;
    });
  }

  async function update(actor: Actor, id: number, input: UpdateUser): Promise<User> {
    const existing = await users.findById(id);
    if (!existing) throw notFound('user', '用户', id);
    const patch: Partial<UserRow> = { updatedAt: new Date().toISOString() };
    if (input.displayName !== undefined) patch.displayName = input.displayName;
    if (input.active !== undefined) patch.active = input.active ? 1 : 0;
    if (input.password !== undefined) patch.passwordHash = await hashPassword(input.password);
    return db.transaction().execute(async (trx) => {
      const row = await users.update(trx, id, patch);
      const changes = { ...input, ...(input.password !== undefined ? { password: '(changed)' } : {}) };
      await audit.record(trx, actor, { action: 'update', entity: 'user', entityId: id, changes });
      return toUser(row);
    });
  }

  async function list(page: number, pageSize: number): Promise<Page<User>> {
    const { rows, total } = await users.list(page, pageSize);
    return { items: rows.map(toUser), total, page, pageSize };
  }

  /**
   * Creates the account `admin` when it does not exist yet (first start, also after a demo seed created
   * the role accounts). Returns the generated password when none was configured, to be printed once.
   */
  async function ensureAdmin(
    actor: Actor,
    configured: string | undefined,
  ): Promise<{ created: boolean; generatedPassword?: string }> {
    if (await users.findByUsername('admin')) return { created: false };
    const password = configured ?? generatePassword();
    await create(actor, { username: 'admin', password, displayName: '系统管理员', role: 'admin' });
    return configured ? { created: true } : { created: true, generatedPassword: password };
  }

  return {
    create,
    update,
    list,
    ensureAdmin,
    findByUsername: users.findByUsername,
    findById: users.findById,
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
