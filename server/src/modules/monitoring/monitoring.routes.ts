// Monitoring HTTP: the live stream, latest values and series per station and household, the monitoring table,
// indoor temperatures of a community, data quality and indoor sampling.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, PageQuery } from '@hearth/contracts/common';
import {
  type MetricTarget,
  DataQualityResponse,
  IndoorSummary,
  LatestValues,
  MonitoringPage,
  SamplingQuery,
  SamplingResponse,
  SeriesQuery,
  SeriesResponse,
  StationStatus,
} from '@hearth/contracts/telemetry';
import { ALL_ROLES, requireRole, type Actor } from '../auth/actor.ts';
import type { MonitoringService } from './monitoring.service.ts';

export function monitoringRoutes(deps: {
  monitoring: MonitoringService;
  /** subscribes to stored readings of every process (the ingest's announcement); returns an unsubscribe */
  onStored: (listener: (kind: MetricTarget, targetId: number) => void) => () => void;
  /** resolves a user session token (EventSource cannot send headers, so the stream takes it as a query) */
  authenticate: (token: string) => Promise<Actor | null>;
}): FastifyPluginAsyncZod {
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
          security: [{ bearer: [] }, { accessToken: [] }],
          querystring: z.object({ access_token: z.string().max(200).optional() }),
          produces: ['text/event-stream'],
        },
      },
      async (request, reply) => {
        const token = request.query.access_token;
        const actor = requireRole(
          request.actor ?? (token ? await deps.authenticate(token) : null),
          ALL_ROLES,
        );
        reply.hijack();
        const out = reply.raw;
        out.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        out.write('retry: 3000\n\n');
        const changed = new Set<number>();
        const off = deps.onStored((kind, id) => {
          if (kind === 'station') changed.add(id);
        });
        let busy = false;
        const timer = setInterval(() => {
          if (busy) return;
          if (changed.size === 0) {
            out.write(': keep-alive\n\n');
            return;
          }
          const ids = [...changed];
          changed.clear();
          busy = true;
          monitoring
            .updates(actor, ids)
            .then((rows) => {
              if (rows.length > 0) out.write(`event: stations\ndata: ${JSON.stringify(rows)}\n\n`);
            })
            .catch((error: unknown) => request.log.error({ err: error }, 'live stream update failed'))
            .finally(() => (busy = false));
        }, 2000);
        request.raw.on('close', () => {
          clearInterval(timer);
          off();
        });
      },
    );

    for (const kind of ['station', 'household'] as const) {
      const path = kind === 'station' ? '/api/stations' : '/api/households';
      const noun = kind === 'station' ? '换热站 / station' : '住户室温 / household (indoor sensor)';
      app.get(
        `${path}/:id/latest`,
        {
          schema: {
            tags: ['telemetry 运行监测'],
            summary: `${noun}: 各测点最新值 / latest value of every point`,
            params: z.object({ id: Id }),
            response: { 200: LatestValues },
          },
        },
        async (request) => monitoring.latest(requireRole(request.actor, ALL_ROLES), kind, request.params.id),
      );
      app.get(
        `${path}/:id/series`,
        {
          schema: {
            tags: ['telemetry 运行监测'],
            summary: `${noun}: 指标曲线，自动选择汇总粒度 / a metric over a range; resolution chosen by the range`,
            params: z.object({ id: Id }),
            querystring: SeriesQuery,
            response: { 200: SeriesResponse },
          },
        },
        async (request) =>
          monitoring.series(requireRole(request.actor, ALL_ROLES), kind, request.params.id, request.query),
      );
    }

    app.get(
      '/api/communities/:id/indoor',
      {
        schema: {
          tags: ['telemetry 运行监测'],
          summary:
            '小区室温：各采样住户最新室温与室温合格率 / newest indoor temperature of each sensed household, and compliance',
          params: z.object({ id: Id }),
          response: { 200: IndoorSummary },
        },
      },
      async (request) => monitoring.indoor(requireRole(request.actor, ALL_ROLES), request.params.id),
    );

    app.get(
      '/api/monitoring/stations',
      {
        schema: {
          tags: ['telemetry 运行监测'],
          summary: '监测列表：状态与实时值 / monitoring table: status and live values',
          querystring: PageQuery.extend({
            enterpriseId: z.coerce.number().int().positive().optional(),
            status: StationStatus.optional(),
          }),
          response: { 200: MonitoringPage },
        },
      },
      async (request) => monitoring.stations(requireRole(request.actor, ALL_ROLES), request.query),
    );

    app.get(
      '/api/telemetry/quality',
      {
        schema: {
          tags: ['telemetry 运行监测'],
          summary: '数据质量（按企业）/ data quality per enterprise: coverage, completeness, stale sensors',
          response: { 200: DataQualityResponse },
        },
      },
      async (request) => monitoring.quality(requireRole(request.actor, ALL_ROLES)),
    );

    app.get(
      '/api/telemetry/sampling',
      {
        schema: {
          tags: ['telemetry 运行监测'],
          summary:
            '室温采样代表性 / indoor-sensor sampling share: one page of communities, totals and enterprises over all',
          querystring: SamplingQuery,
          response: { 200: SamplingResponse },
        },
      },
      async (request) => monitoring.sampling(requireRole(request.actor, ALL_ROLES), request.query),
    );
  };
}
