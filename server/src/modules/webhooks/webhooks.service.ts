// The webhook outbox 外部推送: events written in the caller's transaction (nothing committed is lost), and the
// supervisors' view of their deliveries (list, one, retry a failed one). The dispatcher sends them.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Page } from '@hearth/contracts/common';
import type {
  WebhookDelivery,
  WebhookDeliveryQuery,
  WebhookDeliveryStatus,
} from '@hearth/contracts/webhooks';
import type { Database } from '../../db/schema.ts';
import { toIso } from '../../db/schema.ts';
import { conflict, notFound } from '../../http/domain-error.ts';
import type { Actor } from '../auth/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { DeliveryRow, Executor, WebhooksRepository } from './webhooks.repository.ts';

export type WebhookEvent = { topic: string; payload: unknown };

function toDelivery(r: DeliveryRow): WebhookDelivery {
  return {
    id: r.id,
    eventId: r.eventId,
    topic: r.topic,
    status: r.status as WebhookDeliveryStatus,
    attempts: r.attempts,
    lastStatus: r.lastStatus,
    lastError: r.lastError,
    nextAttemptAt: r.status === 'pending' ? toIso(r.nextAttemptAt) : null,
    deliveredAt: r.deliveredAt === null ? null : toIso(r.deliveredAt),
    createdAt: toIso(r.createdAt),
    updatedAt: toIso(r.updatedAt),
    payload: JSON.parse(r.payload) as unknown,
  };
}

export function createWebhookOutbox(deps: {
  db: Kysely<Database>;
  repo: WebhooksRepository;
  audit: AuditService;
  /** false (no HEARTH_WEBHOOK_URL): events are not recorded at all */
  enabled: boolean;
  now?: () => number;
}) {
  const { db, repo, audit } = deps;
  const now = () => new Date(deps.now?.() ?? Date.now()).toISOString();
  async function get(id: number): Promise<WebhookDelivery> {
    const row = await repo.get(id);
    if (!row) throw notFound('webhook_delivery', '推送记录', id);
    return toDelivery(row);
  }
  return {
    enabled: deps.enabled,

    /**
     * Records an event for delivery inside `executor`'s transaction: it is sent only if that transaction
     * commits, and then at least once (after a crash too). Nothing when webhooks are off.
     */
    async enqueue(executor: Executor, event: WebhookEvent): Promise<void> {
      if (!deps.enabled) return;
      await repo.insert(executor, {
        eventId: randomUUID(),
        topic: event.topic,
        payload: JSON.stringify(event.payload ?? null),
        at: now(),
      });
    },

    async list(query: WebhookDeliveryQuery): Promise<Page<WebhookDelivery>> {
      const { rows, total } = await repo.list(query);
      return { items: rows.map(toDelivery), total, page: query.page, pageSize: query.pageSize };
    },

    get,

    /** Puts a failed delivery back in the queue (attempts start again); audited. */
    async retry(actor: Actor, id: number): Promise<WebhookDelivery> {
      const row = await repo.get(id);
      if (!row) throw notFound('webhook_delivery', '推送记录', id);
      await db.transaction().execute(async (trx) => {
        if (!(await repo.requeue(trx, id, now())))
          throw conflict(
            'webhook_delivery.not_failed',
            '只有发送失败的推送可以重试 / only a failed delivery can be retried',
          );
        await audit.record(trx, actor, {
          action: 'retry',
          entity: 'webhook_delivery',
          entityId: id,
          changes: {
            status: { from: row.status, to: 'pending' },
            attempts: { from: row.attempts, to: 0 },
          },
        });
      });
      return get(id);
    },
  };
}
export type WebhookOutbox = ReturnType<typeof createWebhookOutbox>;
