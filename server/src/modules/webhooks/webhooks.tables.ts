// The webhook outbox 外部推送 (webhooks.migration.ts): one row per event, its delivery state and lease.
import type { Generated } from 'kysely';
import type { Times, DbTime } from '../../db/columns.ts';

export type WebhookDeliveriesTable = Times & {
  id: Generated<number>;
  /** random UUID, sent as X-Hearth-Event-Id */
  eventId: string;
  topic: string;
  /** the event's payload as JSON text */
  payload: string;
  /** pending | delivered | failed */
  status: string;
  attempts: number;
  /** when a pending delivery may next be tried */
  nextAttemptAt: DbTime;
  /** a dispatcher holds the delivery until then (a crash mid-send frees it when it passes) */
  leaseUntil: DbTime | null;
  leasedBy: string | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: DbTime | null;
};
