// 报警中心 HTTP: alarms (list, summary, export, one with its timeline, acknowledge, close), their live stream
// (SSE) and the rules (authority only). Enterprise users see their own alarms: a foreign id is 404.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcknowledgeAlarm,
  Alarm,
  AlarmDetail,
  AlarmExportQuery,
  AlarmListQuery,
  AlarmPage,
  AlarmRule,
  AlarmSummary,
  CloseAlarm,
  CreateAlarmRule,
  UpdateAlarmRule,
} from '@hearth/contracts/alarms';
import { PERMISSIONS } from '@hearth/contracts/auth';
import { Id } from '@hearth/contracts/common';
import { eventStreamQuery, eventStreamSecurity, openEventStream } from '../../http/event-stream.ts';
import { sheetReply } from '../../lib/spreadsheet.ts';
import { requireRole, scopeOf, type Actor } from '../auth/actor.ts';
import type { AlarmsService } from './alarms.service.ts';

const tags = ['alarms 报警'];
const params = z.object({ id: Id });
const exportName = () => `报警记录-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`;

export type AlarmRoutesDeps = {
  alarms: AlarmsService;
  /** resolves a user session token (EventSource cannot send headers) */
  authenticate: (token: string) => Promise<Actor | null>;
};

export function alarmsRoutes(deps: AlarmRoutesDeps): FastifyPluginAsyncZod {
  const { alarms } = deps;
  return async (app) => {
    app.get(
      '/api/alarms',
      {
        schema: {
          tags,
          summary: '报警列表 / alarms, filtered and paged',
          querystring: AlarmListQuery,
          response: { 200: AlarmPage },
        },
      },
      async (request) => alarms.list(requireRole(request.actor, PERMISSIONS['alarms.read']), request.query),
    );

    app.get(
      '/api/alarms/summary',
      {
        schema: {
          tags,
          summary: '未关闭报警统计 / open alarms by severity',
          response: { 200: AlarmSummary },
        },
      },
      async (request) => alarms.summary(requireRole(request.actor, PERMISSIONS['alarms.read'])),
    );

    app.get(
      '/api/alarms/export',
      { schema: { tags, summary: '导出报警记录 / alarms as CSV or XLSX', querystring: AlarmExportQuery } },
      async (request, reply) => {
        const actor = requireRole(request.actor, PERMISSIONS['alarms.read']);
        const { format, ...filter } = request.query;
        const body = await alarms.exportSheet(actor, format, filter);
        const { contentType, disposition } = sheetReply(format, exportName());
        return reply
          .header('content-type', contentType)
          .header('content-disposition', disposition)
          .send(body);
      },
    );

    await app.register(alarmStreamRoute(deps));
    app.get(
      '/api/alarms/:id',
      {
        schema: {
          tags,
          summary: '报警详情与时间线 / an alarm and its timeline',
          params,
          response: { 200: AlarmDetail },
        },
      },
      async (request) =>
        alarms.get(requireRole(request.actor, PERMISSIONS['alarms.read']), request.params.id),
    );

    await app.register(actionRoutes(alarms));
    await app.register(ruleRoutes(alarms));
  };
}

/** GET /api/alarms/stream: every change of an alarm within the caller's scope, as it commits (any process). */
function alarmStreamRoute(deps: AlarmRoutesDeps): FastifyPluginAsyncZod {
  const { alarms } = deps;
  return async (app) => {
    app.get(
      '/api/alarms/stream',
      {
        schema: {
          tags,
          summary: '报警实时推送（SSE）/ live alarm changes as server-sent events',
          description:
            'Event `alarm`: `{ event, alarm }` (AlarmLiveEvent) for every change within the caller’s scope. Authenticate with the header or `?access_token=`.',
          security: eventStreamSecurity,
          querystring: eventStreamQuery,
          produces: ['text/event-stream'],
        },
      },
      async (request, reply) => {
        const token = request.query.access_token;
        const actor = requireRole(
          request.actor ?? (token ? await deps.authenticate(token) : null),
          PERMISSIONS['alarms.read'],
        );
        const scope = scopeOf(actor);
        const stream = openEventStream(request, reply, () => stop());
        const off = alarms.onChange((event) => {
          if (alarms.visibleTo(scope, event.alarm)) stream.send('alarm', event);
        });
        const keepAlive = setInterval(stream.keepAlive, 15_000);
        function stop() {
          clearInterval(keepAlive);
          off();
        }
      },
    );
  };
}

/** acknowledge and close, with a note, within the caller's scope */
function actionRoutes(alarms: AlarmsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/alarms/:id/acknowledge',
      {
        schema: {
          tags,
          summary: '确认报警 / acknowledge',
          params,
          body: AcknowledgeAlarm,
          response: { 200: Alarm },
        },
      },
      async (request) =>
        alarms.acknowledge(
          requireRole(request.actor, PERMISSIONS['alarms.handle']),
          request.params.id,
          request.body.note,
        ),
    );

    app.post(
      '/api/alarms/:id/close',
      {
        schema: {
          tags,
          summary: '关闭报警 / close with a note',
          params,
          body: CloseAlarm,
          response: { 200: Alarm },
        },
      },
      async (request) =>
        alarms.close(
          requireRole(request.actor, PERMISSIONS['alarms.handle']),
          request.params.id,
          request.body.note,
        ),
    );
  };
}

function ruleRoutes(alarms: AlarmsService): FastifyPluginAsyncZod {
  const { rules } = alarms;
  return async (app) => {
    app.get(
      '/api/alarm-rules',
      {
        schema: {
          tags,
          summary: '报警规则 / alarm rules and overrides',
          response: { 200: z.array(AlarmRule) },
        },
      },
      async (request) => {
        requireRole(request.actor, PERMISSIONS['alarmRules.read']);
        return rules.list();
      },
    );
    app.post(
      '/api/alarm-rules',
      {
        schema: {
          tags,
          summary: '新建报警规则 / create a rule or override',
          body: CreateAlarmRule,
          response: { 201: AlarmRule },
        },
      },
      async (request, reply) => {
        const actor = requireRole(request.actor, PERMISSIONS['alarmRules.write']);
        return reply.status(201).send(await rules.create(actor, request.body));
      },
    );
    app.patch(
      '/api/alarm-rules/:id',
      {
        schema: {
          tags,
          summary: '修改报警规则 / update a rule',
          params,
          body: UpdateAlarmRule,
          response: { 200: AlarmRule },
        },
      },
      async (request) =>
        rules.update(
          requireRole(request.actor, PERMISSIONS['alarmRules.write']),
          request.params.id,
          request.body,
        ),
    );
    app.delete(
      '/api/alarm-rules/:id',
      { schema: { tags, summary: '删除报警规则 / delete a rule', params, response: { 204: z.null() } } },
      async (request, reply) => {
        await rules.remove(requireRole(request.actor, PERMISSIONS['alarmRules.write']), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
