// Login sessions (table sessions): only a SHA-256 of the bearer token is stored.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export function createSessionsRepository(db: Kysely<Database>) {
  return {
    insert: (row: { tokenHash: string; userId: number; createdAt: string; expiresAt: string }) =>
      db.insertInto('sessions').values(row).execute(),
    /** The session's user if the session exists and has not expired. */
    findActive: (tokenHash: string, now: string) =>
      db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.userId')
        .select([
          'users.id as userId',
          'users.username',
          'users.role',
          'users.enterpriseId',
          'users.departmentCode',
          'users.active',
          'sessions.expiresAt',
        ])
        .where('sessions.tokenHash', '=', tokenHash)
        .where('sessions.expiresAt', '>', now)
        .executeTakeFirst(),
    delete: (tokenHash: string) => db.deleteFrom('sessions').where('tokenHash', '=', tokenHash).execute(),
    deleteExpired: (now: string) => db.deleteFrom('sessions').where('expiresAt', '<=', now).execute(),
    /** Ends every session of the user (inside the caller's transaction when given); answers how many. */
    async deleteForUser(userId: number, executor: Kysely<Database> = db): Promise<number> {
      const result = await executor.deleteFrom('sessions').where('userId', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
