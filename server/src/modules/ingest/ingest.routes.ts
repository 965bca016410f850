// Ingest HTTP: batch ingest for devices, dead letters, ingest counters, the external broker's counters and the
// telemetry settings.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf, PageQuery } from '@hearth/contracts/common';
import {
  BrokerStatus,
  DeadLetter,
  IngestResponse,
  IngestStats,
  TelemetrySettings,
} from '@hearth/contracts/telemetry';
import { DomainError } from '../../http/domain-error.ts';
import { ALL_ROLES, CITY_MANAGERS, requireRole, scopeOf } from '../auth/actor.ts';
import type { DevicesService } from '../devices/devices.service.ts';
import { outcomeJson } from './ingest-outcome.ts';
import type { IngestService } from './ingest.service.ts';
import type { BrokerWatch } from './mqtt/broker-watch.ts';

export const MAX_HTTP_BATCH = 50_000;

export function ingestRoutes(deps: {
  ingest: IngestService;
  devices: DevicesService;
  brokerWatch: BrokerWatch;
  settings: TelemetrySettings;
}): FastifyPluginAsyncZod {
  const { ingest, devices } = deps;
  return async (app) => {
    // This plugin's only body is the ingest batch: it reaches the handler as its bytes, which the ingest scanner
    // reads directly (JSON.parse only where it steps aside); the schema below documents the shape.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
      done(null, body);
    });

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
