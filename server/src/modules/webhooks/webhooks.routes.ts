// /api/webhooks/deliveries — the webhook outbox for supervisors: list with status, one delivery, retry a failed one.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@hearth/contracts/common';
import { WebhookDelivery, WebhookDeliveryPage, WebhookDeliveryQuery } from '@hearth/contracts/webhooks';
import { CITY_MANAGERS, requireRole } from '../auth/actor.ts';
import type { WebhookOutbox } from './webhooks.service.ts';

const tags = ['webhooks 外部推送'];
const params = z.object({ id: Id });

export function webhooksRoutes(outbox: WebhookOutbox): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/webhooks/deliveries',
      {
        schema: {
          tags,
          summary: '推送记录 / webhook deliveries, newest first',
          description:
            'Each event is POSTed to HEARTH_WEBHOOK_URL with `X-Hearth-Event-Id` (idempotency key), `X-Hearth-Topic` ' +
            'and `X-Hearth-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.',
          querystring: WebhookDeliveryQuery,
          response: { 200: WebhookDeliveryPage },
        },
      },
      async (request) => {
        requireRole(request.actor, CITY_MANAGERS);
        return outbox.list(request.query);
      },
    );
    app.get(
      '/api/webhooks/deliveries/:id',
      { schema: { tags, summary: '推送详情 / one delivery', params, response: { 200: WebhookDelivery } } },
      async (request) => {
        requireRole(request.actor, CITY_MANAGERS);
        return outbox.get(request.params.id);
      },
    );
    app.post(
      '/api/webhooks/deliveries/:id/retry',
      {
        schema: {
          tags,
          summary: '重试失败的推送 / send a failed delivery again',
          params,
          response: { 200: WebhookDelivery },
        },
      },
      async (request) => outbox.retry(requireRole(request.actor, CITY_MANAGERS), request.params.id),
    );
  };
}
