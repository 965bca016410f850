// /api/weather/warnings — current cold-wave warnings 寒潮预警 (all roles); /api/raise-orders — 升温令: issue, list,
// detail with the compliance list per enterprise, cancel, (re)check, and the compliance list as CSV or XLSX.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PERMISSIONS } from '@hearth/contracts/auth';
import { Id } from '@hearth/contracts/common';
import {
  CreateRaiseOrder,
  RaiseOrderDetail,
  RaiseOrderPage,
  RaiseOrderQuery,
  WarningsResponse,
} from '@hearth/contracts/raise-orders';
import { sheetReply, SHEET_FORMATS } from '../../lib/spreadsheet.ts';
import { ALL_ROLES, requireRole } from '../auth/actor.ts';
import type { ColdWaveService } from './cold-wave.service.ts';
import type { RaiseOrdersService } from './raise-orders.service.ts';

const tags = ['raise-orders 升温令'];
const params = z.object({ id: Id });
const ISSUERS = PERMISSIONS['raiseOrders.issue'];

/** GET /api/weather/warnings (all roles) */
export function coldWaveRoutes(coldWave: ColdWaveService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/weather/warnings',
      {
        schema: {
          tags: ['weather 气象'],
          summary: '寒潮预警 / current cold-wave warnings with the days and figures that triggered them',
          response: { 200: WarningsResponse },
        },
      },
      async (request) => {
        requireRole(request.actor, ALL_ROLES);
        return coldWave.warnings();
      },
    );
  };
}

export function raiseOrdersRoutes(raiseOrders: RaiseOrdersService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/raise-orders',
      {
        schema: {
          tags,
          summary: '升温令列表 / list raise orders',
          querystring: RaiseOrderQuery,
          response: { 200: RaiseOrderPage },
        },
      },
      async (request) => raiseOrders.list(requireRole(request.actor, ALL_ROLES), request.query),
    );
    app.post(
      '/api/raise-orders',
      {
        schema: {
          tags,
          summary: '下达升温令 / issue a raise order',
          body: CreateRaiseOrder,
          response: { 201: RaiseOrderDetail },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await raiseOrders.create(requireRole(request.actor, ISSUERS), request.body)),
    );
    app.get(
      '/api/raise-orders/:id',
      {
        schema: {
          tags,
          summary: '升温令详情及各企业执行核查 / a raise order with its compliance list per enterprise',
          params,
          response: { 200: RaiseOrderDetail },
        },
      },
      async (request) => raiseOrders.get(requireRole(request.actor, ALL_ROLES), request.params.id),
    );
    app.post(
      '/api/raise-orders/:id/cancel',
      {
        schema: {
          tags,
          summary: '撤销升温令 / cancel a raise order',
          params,
          response: { 200: RaiseOrderDetail },
        },
      },
      async (request) => raiseOrders.cancel(requireRole(request.actor, ISSUERS), request.params.id),
    );
    app.post(
      '/api/raise-orders/:id/check',
      {
        schema: {
          tags,
          summary: '核查（重新计算并存档）/ (re)compute and store the compliance check',
          params,
          response: { 200: RaiseOrderDetail },
        },
      },
      async (request) => raiseOrders.check(requireRole(request.actor, ISSUERS), request.params.id),
    );
    app.get(
      '/api/raise-orders/:id/compliance/export',
      {
        schema: {
          tags,
          summary: '导出执行核查 / the compliance list as CSV or XLSX',
          params,
          querystring: z.object({ format: z.enum(SHEET_FORMATS).default('csv') }),
        },
      },
      async (request, reply) => {
        const actor = requireRole(request.actor, ALL_ROLES);
        const { code, body } = await raiseOrders.complianceSheet(
          actor,
          request.params.id,
          request.query.format,
        );
        const { contentType, disposition } = sheetReply(request.query.format, `升温令执行核查-${code}`);
        return reply
          .header('content-type', contentType)
          .header('content-disposition', disposition)
          .send(body);
      },
    );
  };
}
