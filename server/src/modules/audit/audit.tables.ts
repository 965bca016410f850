// The audit trail (audit.migration.ts).
import type { Generated } from 'kysely';
import type { DbTime } from '../../db/columns.ts';

export type AuditLogTable = {
  id: Generated<number>;
  at: DbTime;
  userId: number | null;
  username: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  enterpriseId: number | null;
  changes: string | null;
};
