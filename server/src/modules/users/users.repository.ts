// Storage of user accounts (table users).
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { UsersTable } from './users.tables.ts';

export type UserRow = Selectable<UsersTable>;

export function createUsersRepository(db: Kysely<Database>) {
  return {
    findById: (id: number, executor: Kysely<Database> = db) =>
      executor.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
    findByUsername: (username: string) =>
      db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst(),
    async list(page: number, pageSize: number): Promise<{ rows: UserRow[]; total: number }> {
      const rows = await db
        .selectFrom('users')
        .selectAll()
        .orderBy('id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      const { total } = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow();
      return { rows, total: Number(total) };
    },
    async insert(executor: Kysely<Database>, row: Omit<UserRow, 'id'>): Promise<UserRow> {
      return executor.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
    },
    async update(
      executor: Kysely<Database>,
      id: number,
      patch: Partial<Omit<UserRow, 'id'>>,
    ): Promise<UserRow> {
      return executor
        .updateTable('users')
        .set(patch)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },
  };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
