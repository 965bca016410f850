// Telemetry HTTP: batch ingest for devices, latest values and series per station, the monitoring table,
// dead letters and ingest counters.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, pageOf, PageQuery } from '@hearth/contracts/common';
import {
  IndoorSummary,
  IngestResponse,
  LatestValues,
  MonitoringPage,
  SeriesQuery,
  SeriesResponse,
  StationStatus,
  DataQualityResponse,
  SamplingQuery,
  SamplingResponse,
  DeadLetter,
  IngestStats,
  BrokerStatus,
  TelemetrySettings,
} from '@hearth/contracts/telemetry';
import { DomainError } from '../../http/domain-error.ts';
import { ALL_ROLES, CITY_MANAGERS, requireRole, scopeOf, type Actor } from '../auth/actor.ts';
import type { DevicesService } from '../devices/devices.service.ts';
import { outcomeJson } from './ingest-outcome.ts';
import type { IngestService } from './ingest.service.ts';
import type { MonitoringService } from './monitoring.service.ts';
import type { BrokerWatch } from './mqtt/broker-watch.ts';

export const MAX_HTTP_BATCH = 50_000;

export function telemetryRoutes(deps: {
  ingest: IngestService;
  devices: DevicesService;
  monitoring: MonitoringService;
  brokerWatch: BrokerWatch;
  /** resolves a user session token (EventSource cannot send headers, so the stream takes it as a query) */
  authenticate: (token: string) => Promise<Actor | null>;
  settings: TelemetrySettings;
}): FastifyPluginAsyncZod {
  const { ingest, devices, monitoring } = deps;
  return async (app) => {
    // This plugin's only body is the ingest batch: it reaches the handler as its bytes, which the ingest scanner
    // reads directly (JSON.parse only where it steps aside); the schema below documents the shape.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
      done(null, body);
    });

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
        const off = ingest.onStored((kind, id) => {
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

    app.post(
      '/api/ingest/telemetry',
      {
        bodyLimit: 64 * 1024 * 1024,
        // The body is checked while it is ingested (ingest.service: the scanner, else JSON.parse and shape checks)
        // and the answer is written as JSON bytes (ingest-outcome.ts): the schemas below document both.
        validatorCompiler: () => (data) => ({ value: data }),
        schema: {
          tags: ['telemetry 运行监测'],
          summary: '设备批量上报 / batch ingest from a device (Authorization: Bearer <device token>)',
          description:
            'Body: JSON array of `{ stationCode | householdCode, ts, values }`. Each item is validated on its own; the answer lists one result per item and is sent only after the accepted ones are committed.',
          security: [{ deviceToken: [] }],
          body: z.array(z.unknown()).max(MAX_HTTP_BATCH),
          response: { 200: IngestResponse },
        },
      },
      async (request, reply) => {
        const device = request.bearerToken ? await devices.authenticate(request.bearerToken) : null;
        if (!device)
          throw new DomainError(
            'device.unauthenticated',
            401,
            '设备认证失败 / unknown or revoked device token',
          );
        // the raw JSON bytes (see the content type parser above)
        const bytes = request.body as unknown as Buffer;
        const outcome = await ingest.ingestBatch(device, bytes, MAX_HTTP_BATCH);
        // an IngestResponse as its JSON bytes: Fastify sends a Buffer as it is
        const json = outcomeJson(outcome) as unknown as IngestResponse;
        return reply.type('application/json; charset=utf-8').send(json);
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
      '/api/telemetry/settings',
      {
        schema: {
          tags: ['telemetry 运行监测'],
          summary: '接入参数 / telemetry settings: broker address, status thresholds, retention',
          response: { 200: TelemetrySettings },
        },
      },
      async (request) => {
        requireRole(request.actor, ALL_ROLES);
        return deps.settings;
      },
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

    app.get(
      '/api/telemetry/dead-letters',
      {
        schema: {
          tags: ['telemetry 运行监测'],
          summary: '被拒绝的消息 / rejected messages (bounded store)',
          querystring: PageQuery.extend({ code: z.string().max(60).optional() }),
          response: { 200: pageOf(DeadLetter) },
        },
      },
      async (request) => {
        requireRole(request.actor, CITY_MANAGERS);
        const { page, pageSize, code } = request.query;
        return ingest.deadLetters(page, pageSize, code);
      },
    );

    app.get(
      '/api/telemetry/broker',
      {
        schema: {
          tags: ['telemetry 运行监测'],
          summary: '外部 MQTT 代理的计数（丢弃消息）/ the external broker’s own counters (dropped messages)',
          response: { 200: BrokerStatus },
        },
      },
      async (request) => {
        requireRole(request.actor, ALL_ROLES);
        return deps.brokerWatch.status();
      },
    );

    app.get(
      '/api/telemetry/ingest-stats',
      {
        schema: {
          tags: ['telemetry 运行监测'],
          summary: '接入计数（按企业）/ ingest counters per enterprise',
          response: { 200: IngestStats },
        },
      },
      async (request) => {
        const scope = scopeOf(requireRole(request.actor, ALL_ROLES));
        return { items: await ingest.stats(scope.enterpriseId) };
      },
    );
  };
}
