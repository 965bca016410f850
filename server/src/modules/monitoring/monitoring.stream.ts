// The live stream of the monitoring table (SSE): the changed stations' rows, within the caller's scope, at most
// every 2 s — fed by the readings stored in this process and announced by the others.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { MetricTarget } from '@hearth/contracts/telemetry';
import { ALL_ROLES, requireRole, type Actor } from '../auth/actor.ts';
import { eventStreamQuery, eventStreamSecurity, openEventStream } from '../../http/event-stream.ts';
import type { MonitoringService } from './monitoring.service.ts';

export type LiveStreamDeps = {
  /** subscribes to stored readings of every process (the ingest's announcement); returns an unsubscribe */
  onStored: (listener: (kind: MetricTarget, targetId: number) => void) => () => void;
  /** resolves a user session token (EventSource cannot send headers, so the stream takes it as a query) */
  authenticate: (token: string) => Promise<Actor | null>;
};

export function liveStreamRoute(
  deps: LiveStreamDeps & { monitoring: MonitoringService },
): FastifyPluginAsyncZod {
  const { monitoring } = deps;
  return async (app) => {
    app.get(
      '/api/monitoring/stream',
      {
        schema: {
          tags: ['telemetry 运行监测'],
          summary: '实时推送（SSE）/ live station updates as server-sent events',
          description:
            'Event `stations`: the changed rows of the monitoring table (same shape), at most every 2 s, within the caller’s scope. Authenticate with the header or `?access_token=`.',
          security: eventStreamSecurity,
          querystring: eventStreamQuery,
          produces: ['text/event-stream'],
        },
      },
      async (request, reply) => {
        const token = request.query.access_token;
        const actor = requireRole(
          request.actor ?? (token ? await deps.authenticate(token) : null),
          ALL_ROLES,
        );
        const stream = openEventStream(request, reply, () => stop());
        const changed = new Set<number>();
        const off = deps.onStored((kind, id) => {
          if (kind === 'station') changed.add(id);
        });
        let busy = false;
        const timer = setInterval(() => {
          if (busy) return;
          if (changed.size === 0) {
            stream.keepAlive();
            return;
          }
          const ids = [...changed];
          changed.clear();
          busy = true;
          monitoring
            .updates(actor, ids)
            .then((rows) => {
              if (rows.length > 0) stream.send('stations', rows);
            })
            .catch((error: unknown) => request.log.error({ err: error }, 'live stream update failed'))
            .finally(() => (busy = false));
        }, 2000);
        function stop() {
          clearInterval(timer);
          off();
        }
      },
    );
  };
}
