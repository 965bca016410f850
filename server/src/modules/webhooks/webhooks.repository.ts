// The webhook outbox table: inserts in the caller's transaction, the dispatchers' claim (lease + SKIP LOCKED),
// their outcomes, and the supervisors' list.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Dialect } from '../../db/migration-kit.ts';
import type { WebhookDeliveriesTable } from './webhooks.tables.ts';

export type DeliveryRow = Selectable<WebhookDeliveriesTable>;
export type Executor = Kysely<Database> | Transaction<Database>;

export function createWebhooksRepository(db: Kysely<Database>, dialect: Dialect) {
  return {
    async insert(
      executor: Executor,
      row: { eventId: string; topic: string; payload: string; at: string },
    ): Promise<void> {
      await executor
        .insertInto('webhookDeliveries')
        .values({
          eventId: row.eventId,
          topic: row.topic,
          payload: row.payload,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: row.at,
          leaseUntil: null,
          leasedBy: null,
          lastStatus: null,
          lastError: null,
          deliveredAt: null,
          createdAt: row.at,
          updatedAt: row.at,
        })
        .execute();
    },

    /**
     * Takes up to `limit` due pending deliveries for `by` until `leaseUntil` and counts the attempt. One statement:
     * on PostgreSQL the rows another dispatcher is claiming are skipped (FOR UPDATE SKIP LOCKED), and a held lease
     * keeps them from everyone else until it passes (a dispatcher that died mid-send frees them that way); SQLite
     * runs the statement under its single writer lock.
     */
    async claim(now: string, leaseUntil: string, by: string, limit: number): Promise<DeliveryRow[]> {
      const due = db
        .selectFrom('webhookDeliveries')
        .select('id')
        .where('status', '=', 'pending')
        .where('nextAttemptAt', '<=', now)
        .where((eb) => eb.or([eb('leaseUntil', 'is', null), eb('leaseUntil', '<', now)]))
        .orderBy('nextAttemptAt')
        .orderBy('id')
        .limit(limit);
      return db
        .updateTable('webhookDeliveries')
        .set((eb) => ({ leaseUntil, leasedBy: by, attempts: eb('attempts', '+', 1), updatedAt: now }))
        .where('id', 'in', dialect === 'postgres' ? due.forUpdate().skipLocked() : due)
        .returningAll()
        .execute();
    },

    /** Records an attempt's outcome, if `by` still holds the lease (else another dispatcher took it over). */
    async settle(
      id: number,
      by: string,
      outcome: {
        status: 'pending' | 'delivered' | 'failed';
        at: string;
        nextAttemptAt?: string;
        lastStatus: number | null;
        lastError: string | null;
      },
    ): Promise<boolean> {
      const result = await db
        .updateTable('webhookDeliveries')
        .set({
          status: outcome.status,
          leaseUntil: null,
          leasedBy: null,
          lastStatus: outcome.lastStatus,
          lastError: outcome.lastError,
          updatedAt: outcome.at,
          ...(outcome.nextAttemptAt !== undefined ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
          ...(outcome.status === 'delivered' ? { deliveredAt: outcome.at } : {}),
        })
        .where('id', '=', id)
        .where('leasedBy', '=', by)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Forgets deliveries delivered before `before` (failed and pending ones stay); the number removed. */
    async purgeDelivered(before: string): Promise<number> {
      const result = await db
        .deleteFrom('webhookDeliveries')
        .where('status', '=', 'delivered')
        .where('deliveredAt', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async get(id: number): Promise<DeliveryRow | undefined> {
      return db.selectFrom('webhookDeliveries').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** A failed delivery back in the queue, due now, with a full set of attempts. */
    async requeue(executor: Executor, id: number, at: string): Promise<boolean> {
      const result = await executor
        .updateTable('webhookDeliveries')
        .set({
          status: 'pending',
          attempts: 0,
          nextAttemptAt: at,
          leaseUntil: null,
          leasedBy: null,
          updatedAt: at,
        })
        .where('id', '=', id)
        .where('status', '=', 'failed')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async list(query: {
      status?: string | undefined;
      topic?: string | undefined;
      page: number;
      pageSize: number;
    }): Promise<{ rows: DeliveryRow[]; total: number }> {
      let base = db.selectFrom('webhookDeliveries');
      if (query.status) base = base.where('status', '=', query.status);
      if (query.topic) base = base.where('topic', '=', query.topic);
      const rows = await base
        .selectAll()
        .orderBy('id', 'desc')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute();
      const { total } = await base
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow();
      return { rows, total: Number(total) };
    },
  };
}
export type WebhooksRepository = ReturnType<typeof createWebhooksRepository>;
