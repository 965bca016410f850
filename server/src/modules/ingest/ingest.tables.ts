// Ingest bookkeeping: per-device counters, dead letters (ingest-bookkeeping.migration.ts) and the external
// broker's counters (broker-counters.migration.ts).
import type { Generated } from 'kysely';
import type { DbTime } from '../../db/columns.ts';

export type TelemetryCountersTable = {
  deviceId: number;
  enterpriseId: number | null;
  accepted: number;
  duplicates: number;
  rejected: number;
  outOfOrder: number;
  updatedAt: DbTime;
};
export type TelemetryDeadLettersTable = {
  id: Generated<number>;
  at: DbTime;
  channel: string;
  deviceId: number | null;
  enterpriseId: number | null;
  target: string | null;
  code: string;
  reason: string;
  payload: string | null;
};
/** the external broker's $SYS counters as last seen (ingest/broker-counters.migration.ts) */
export type TelemetryBrokerCountersTable = {
  name: string;
  value: number;
  changedAt: DbTime;
  observedAt: DbTime;
};
