// A local webhook receiver for tests (node:http): records every request with its raw body and answers what the
// test says (a status per request, or no answer at all to provoke a timeout); `webhooksOn` an outbox over a database.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DatabaseHandle } from '../db/database.ts';
import { createAuditService } from '../modules/audit/audit.service.ts';
import { createWebhookDispatcher } from '../modules/webhooks/webhooks.dispatcher.ts';
import { createWebhooksRepository } from '../modules/webhooks/webhooks.repository.ts';
import type { RetryPolicy } from '../modules/webhooks/webhooks.rules.ts';
import { createWebhookOutbox } from '../modules/webhooks/webhooks.service.ts';

export type ReceivedHook = { headers: http.IncomingHttpHeaders; body: string };
/** the status to answer the n-th request (0-based) with, or 'hang' to never answer */
export type Responder = (n: number, hook: ReceivedHook) => number | 'hang';

export type WebhookReceiver = {
  url: string;
  received: ReceivedHook[];
  respondWith(responder: Responder): void;
  close(): Promise<void>;
};

/** Listens on `port` (default: any free one) of 127.0.0.1. */
export async function startWebhookReceiver(
  responder: Responder = () => 200,
  port = 0,
): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = [];
  let respond = responder;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const hook = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      const status = respond(received.length, hook);
      received.push(hook);
      if (status === 'hang') return;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/hooks/hearth`,
    received,
    respondWith(r) {
      respond = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const SECRET = 'test-secret-0123456789';

/** An enabled outbox and a dispatcher on `database`, on a clock the test moves. */
export function webhooksOn(
  database: DatabaseHandle,
  url: string,
  options: { retry?: RetryPolicy; timeoutMs?: number; clock?: { now: number }; instance?: string } = {},
) {
  const clock = options.clock ?? { now: Date.now() };
  const repo = createWebhooksRepository(database.db, database.dialect);
  const audit = createAuditService({ db: database.db });
  const outbox = createWebhookOutbox({ db: database.db, repo, audit, enabled: true, now: () => clock.now });
  const dispatcher = createWebhookDispatcher({
    repo,
    url,
    secret: SECRET,
    timeoutMs: options.timeoutMs ?? 5000,
    retry: options.retry ?? { baseMs: 1000, maxMs: 60_000, maxAttempts: 4 },
    now: () => clock.now,
    random: () => 0.5,
    ...(options.instance ? { instance: options.instance } : {}),
  });
  return { repo, outbox, dispatcher, clock };
}
