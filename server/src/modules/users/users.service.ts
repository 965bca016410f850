// User accounts: creation with role rules, listing, updates, and the initial admin account.
import type { Kysely } from 'kysely';
import {
  accountRoleIssues,
  type CreateUser,
  type Role,
  type UpdateUser,
  type User,
} from '@hearth/contracts/auth';
import type { Page } from '@hearth/contracts/common';
import type { Dialect } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { toIso } from '../../db/schema.ts';
import { constraintKind } from '../../http/db-errors.ts';
import { conflict, DomainError, invalid, notFound } from '../../http/domain-error.ts';
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
  /** PostgreSQL locks the admin rows while the last-admin rule is checked */
  dialect: Dialect;
  users: UsersRepository;
  /** ends an account's sessions in the change's transaction (auth's sessions, wired in the composition root) */
  sessions: { deleteForUser(userId: number, executor: Kysely<Database>): Promise<number> };
  audit: AuditService;
  /** resolves whether an enterprise / department exists, through the registry's service */
  enterpriseExists: (id: number) => Promise<boolean>;
  departmentExists: (code: string) => Promise<boolean>;
};

export function createUsersService(deps: UsersServiceDeps) {
  const { db, users, audit } = deps;

  async function create(actor: Actor, input: CreateUser): Promise<User> {
    const duplicate = () => conflict('user.duplicate', `用户名已存在 / username ${input.username} is taken`);
    if (await users.findByUsername(input.username)) throw duplicate();
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
    return db
      .transaction()
      .execute(async (trx) => {
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
      })
      .catch((error: unknown) => {
        // taken meanwhile by a concurrent request (or another process starting)
        throw constraintKind(error) === 'unique' ? duplicate() : error;
      });
  }

  /**
   * Applies a change to an account. The role rules hold for the result; changing the password, role,
   * enterprise, department or active flag ends every session of the account (in the same transaction), so a
   * demoted, moved or deactivated user loses access at once and a reactivated one must log in again. The last
   * active admin can be neither demoted nor deactivated.
   */
  async function update(actor: Actor, id: number, input: UpdateUser): Promise<User> {
    const existing = await users.findById(id);
    if (!existing) throw notFound('user', '用户', id);
    const role = input.role ?? (existing.role as Role);
    const next = {
      role,
      enterpriseId:
        input.enterpriseId !== undefined
          ? input.enterpriseId
          : role === 'enterprise'
            ? existing.enterpriseId
            : null,
      departmentCode: input.departmentCode !== undefined ? input.departmentCode : existing.departmentCode,
      active: input.active === undefined ? existing.active : input.active ? 1 : 0,
    };
    const issues = accountRoleIssues(next);
    if (issues.length > 0) {
      throw invalid(
        'user.invalid',
        '角色与所属企业或部门不符 / the role does not match the enterprise or department',
        issues.map((i) => ({ path: i.path, reason: i.message })),
      );
    }
    if (
      next.enterpriseId !== null &&
      next.enterpriseId !== existing.enterpriseId &&
      !(await deps.enterpriseExists(next.enterpriseId))
    ) {
      throw invalid(
        'user.enterprise_not_found',
        `供热企业不存在 / enterprise ${next.enterpriseId} not found`,
      );
    }
    if (
      next.departmentCode !== null &&
      next.departmentCode !== existing.departmentCode &&
      !(await deps.departmentExists(next.departmentCode))
    ) {
      throw invalid('user.department_not_found', `部门不存在 / department ${next.departmentCode} not found`);
    }

    const patch: Partial<UserRow> = {};
    const changes: Record<string, unknown> = {};
    const set = <K extends 'displayName' | 'role' | 'enterpriseId' | 'departmentCode' | 'active'>(
      key: K,
      value: UserRow[K],
    ) => {
      if (value === existing[key]) return;
      patch[key] = value;
      changes[key] =
        key === 'active'
          ? { from: existing.active === 1, to: value === 1 }
          : { from: existing[key], to: value };
    };
    if (input.displayName !== undefined) set('displayName', input.displayName);
    set('role', next.role);
    set('enterpriseId', next.enterpriseId);
    set('departmentCode', next.departmentCode);
    set('active', next.active);
    if (input.password !== undefined) {
      patch.passwordHash = await hashPassword(input.password);
      changes.password = '(changed)';
    }
    const endsSessions = Object.keys(changes).some((k) => k !== 'displayName');
    const removesAdmin =
      existing.role === 'admin' && existing.active === 1 && (next.role !== 'admin' || next.active !== 1);

    return db.transaction().execute(async (trx) => {
      if (removesAdmin) {
        let admins = trx.selectFrom('users').select('id').where('role', '=', 'admin').where('active', '=', 1);
        // concurrent demotions of two admins wait for each other instead of both seeing the other one
        if (deps.dialect === 'postgres') admins = admins.forUpdate();
        if (!(await admins.execute()).some((a) => a.id !== id)) {
          throw conflict(
            'user.last_admin',
            '不能停用或降级最后一个有效的系统管理员 / the last active admin cannot be deactivated or demoted',
          );
        }
      }
      if (Object.keys(changes).length === 0) return toUser(existing);
      const row = await users.update(trx, id, { ...patch, updatedAt: new Date().toISOString() });
      if (endsSessions) changes.sessionsEnded = await deps.sessions.deleteForUser(id, trx);
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
    try {
      await create(actor, { username: 'admin', password, displayName: '系统管理员', role: 'admin' });
    } catch (error) {
      // another process on the same database created it first
      if (error instanceof DomainError && error.code === 'user.duplicate') return { created: false };
      throw error;
    }
    return configured ? { created: true } : { created: true, generatedPassword: password };
  }

  return {
    create,
    update,
    list,
    ensureAdmin,
    findByUsername: users.findByUsername,
    /** auth's `Accounts.credentials` (login) */
    async credentials(username: string): Promise<{ passwordHash: string; user: User } | null> {
      const row = await users.findByUsername(username);
      return row ? { passwordHash: row.passwordHash, user: toUser(row) } : null;
    },
    /** auth's `Accounts.user` (the current user) */
    async user(id: number): Promise<User | null> {
      const row = await users.findById(id);
      return row ? toUser(row) : null;
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
