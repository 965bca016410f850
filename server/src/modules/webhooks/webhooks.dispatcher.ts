// The webhook dispatcher: claims due deliveries from the outbox (a lease, SKIP LOCKED on PostgreSQL, so several
// processes send each once), POSTs them signed to the configured URL with a timeout, and settles each: delivered,
// retried later with backoff and jitter, or failed after the last attempt.
import { randomUUID } from 'node:crypto';
import type { DeliveryRow, WebhooksRepository } from './webhooks.repository.ts';
import {
  ATTEMPT_HEADER,
  DEFAULT_RETRY,
  EVENT_ID_HEADER,
  SIGNATURE_HEADER,
  TOPIC_HEADER,
  isDelivered,
  retryDelayMs,
  signatureOf,
  type RetryPolicy,
} from './webhooks.rules.ts';
import { toIso } from '../../db/columns.ts';

export type DispatcherOptions = {
  repo: WebhooksRepository;
  url: string;
  secret: string;
  /** one attempt's limit (connect + answer), ms */
  timeoutMs: number;
  retry?: RetryPolicy;
  /** deliveries claimed a pass */
  batchSize?: number;
  /** the wait between passes that found nothing to send, ms */
  pollMs?: number;
  /** delivered events are kept this long (the deliveries list), ms; default 30 days */
  keepDeliveredMs?: number;
  /** this dispatcher among the processes (the lease holder's name) */
  instance?: string;
  now?: () => number;
  random?: () => number;
  log?: (message: string, detail?: Record<string, unknown>) => void;
};

/** The body every receiver gets: the event's id, topic and time around its payload (sent as recorded). */
export function bodyOf(row: DeliveryRow): string {
  const head = JSON.stringify({ id: row.eventId, topic: row.topic, createdAt: toIso(row.createdAt) });
  return `${head.slice(0, -1)},"payload":${row.payload}}`;
}

const clip = (s: string) => (s.length > 500 ? `${s.slice(0, 497)}...` : s);

function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `timeout after ${timeoutMs} ms`;
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return clip(cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error)));
}

export function createWebhookDispatcher(options: DispatcherOptions) {
  const { repo, url, secret, timeoutMs } = options;
  const retry = options.retry ?? DEFAULT_RETRY;
  const batchSize = options.batchSize ?? 20;
  const pollMs = options.pollMs ?? 1000;
  const instance = options.instance ?? randomUUID();
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  // a held delivery is someone else's until every attempt of the batch could have timed out, and some
  const leaseMs = timeoutMs + 30_000;

  /** One attempt: the receiver's HTTP status, or null and why there was none. */
  async function post(row: DeliveryRow): Promise<{ status: number | null; error: string | null }> {
    const body = bodyOf(row);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Hearth-Webhook/1',
          [EVENT_ID_HEADER]: row.eventId,
          [TOPIC_HEADER]: row.topic,
          [ATTEMPT_HEADER]: String(row.attempts),
          [SIGNATURE_HEADER]: signatureOf(secret, Math.floor(now() / 1000), body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel().catch(() => undefined);
      return {
        status: response.status,
        error: isDelivered(response.status) ? null : `HTTP ${response.status}`,
      };
    } catch (error) {
      return { status: null, error: describeError(error, timeoutMs) };
    }
  }

  async function deliver(row: DeliveryRow): Promise<void> {
    const result = await post(row);
    const at = new Date(now()).toISOString();
    if (result.status !== null && isDelivered(result.status)) {
      await repo.settle(row.id, instance, {
        status: 'delivered',
        at,
        lastStatus: result.status,
        lastError: null,
      });
      return;
    }
    const delay = retryDelayMs(retry, row.attempts, random());
    await repo.settle(row.id, instance, {
      status: delay === null ? 'failed' : 'pending',
      at,
      ...(delay === null ? {} : { nextAttemptAt: new Date(now() + delay).toISOString() }),
      lastStatus: result.status,
      lastError: result.error,
    });
    if (delay === null)
      log?.('webhook delivery failed for good', { id: row.id, topic: row.topic, error: result.error });
  }

  const keepDeliveredMs = options.keepDeliveredMs ?? 30 * 86_400_000;
  let purgedAt = 0;

  /** One pass: claims a batch of due deliveries and sends them (in parallel); the number claimed. */
  async function runOnce(): Promise<number> {
    const t = now();
    // at most hourly: delivered events past their keeping time go
    if (t - purgedAt >= 3_600_000) {
      purgedAt = t;
      await repo.purgeDelivered(new Date(t - keepDeliveredMs).toISOString());
    }
    const rows = await repo.claim(
      new Date(t).toISOString(),
      new Date(t + leaseMs).toISOString(),
      instance,
      batchSize,
    );
    await Promise.all(rows.map((row) => deliver(row)));
    return rows.length;
  }

  let log = options.log;
  let running = false;
  let pass: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let wake: (() => void) | null = null;

  async function loop(): Promise<void> {
    while (running) {
      let claimed = 0;
      try {
        claimed = await runOnce();
      } catch (error) {
        log?.('webhook dispatch pass failed', { error: String(error) });
      }
      if (!running) break;
      // a full batch: more may be due at once
      if (claimed < batchSize)
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, pollMs);
        });
    }
  }

  return {
    instance,
    runOnce,
    /** Sends in the background until `stop`; `logTo` hears of failed passes and deliveries that failed for good. */
    start(logTo?: DispatcherOptions['log']): void {
      if (logTo) log = logTo;
      if (running) return;
      running = true;
      pass = loop();
    },
    /** Finishes the pass in progress (its attempts settle) and stops. */
    async stop(): Promise<void> {
      running = false;
      if (timer) clearTimeout(timer);
      wake?.();
      await pass;
      pass = null;
    },
  };
}
export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;
