// Monitoring HTTP: the live stream, latest values and series per station and household, the monitoring table,
// indoor temperatures of a community, data quality and indoor sampling; the analysis series in series.routes.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, PageQuery } from '@hearth/contracts/common';
import {
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
import { ALL_ROLES, requireRole } from '../auth/actor.ts';
import type { MonitoringService } from './monitoring.service.ts';
import { liveStreamRoute, type LiveStreamDeps } from './monitoring.stream.ts';
import { seriesRoutes } from './series.routes.ts';

export function monitoringRoutes(
  deps: LiveStreamDeps & { monitoring: MonitoringService },
): FastifyPluginAsyncZod {
  const { monitoring } = deps;
  return async (app) => {
    await app.register(liveStreamRoute(deps));

    await app.register(targetRoutes(monitoring));
    await app.register(seriesRoutes(monitoring));

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

/** latest values and series of one station or household */
function targetRoutes(monitoring: MonitoringService): FastifyPluginAsyncZod {
  return async (app) => {
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
  };
}
