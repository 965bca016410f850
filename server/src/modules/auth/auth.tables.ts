// Sessions (auth.migration.ts) and failed logins (login-failures.migration.ts).
import type { Generated } from 'kysely';
import type { DbTime } from '../../db/columns.ts';

export type SessionsTable = {
  id: Generated<number>;
  tokenHash: string;
  userId: number;
  createdAt: DbTime;
  expiresAt: DbTime;
};
/** One failed login (auth/login-limiter.ts); rows older than the limit's windows are pruned. */
export type LoginFailuresTable = {
  id: Generated<number>;
  username: string;
  client: string;
  at: DbTime;
};
