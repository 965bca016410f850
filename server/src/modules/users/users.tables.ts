// The accounts table (users.migration.ts).
import type { Generated } from 'kysely';
import type { Times, DbFlag } from '../../db/columns.ts';

export type UsersTable = Times & {
  id: Generated<number>;
  username: string;
  displayName: string;
  role: string;
  enterpriseId: number | null;
  departmentCode: string | null;
  passwordHash: string;
  active: DbFlag;
};
