// /api/stations/:id/compensation — weather compensation 气候补偿: the target now or at an outdoor temperature, the
// curve, the targets over the hourly outdoor series, and the station's own settings (audited).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PERMISSIONS } from '@hearth/contracts/auth';
import { Id } from '@hearth/contracts/common';
import {
  CompensationCurve,
  CompensationQuery,
  CompensationSeries,
  CompensationSeriesQuery,
  CompensationSetup,
  CompensationTarget,
  UpdateCompensation,
} from '@hearth/contracts/compensation';
import { ALL_ROLES, requireRole, scopeOf } from '../auth/actor.ts';
import type { CompensationService } from './compensation.service.ts';

const tags = ['weather 气象联动'];
const params = z.object({ id: Id });

export function compensationRoutes(compensation: CompensationService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/stations/:id/compensation',
      {
        schema: {
          tags,
          summary:
            '气候补偿目标供回水温度及参数来源 / target supply and return, the parameters and where each came from',
          params,
          querystring: CompensationQuery,
          response: { 200: CompensationTarget },
        },
      },
      async (request) =>
        compensation.targetFor(
          scopeOf(requireRole(request.actor, ALL_ROLES)),
          request.params.id,
          request.query.outdoorTemp,
        ),
    );
    app.get(
      '/api/stations/:id/compensation/curve',
      {
        schema: {
          tags,
          summary: '气候补偿曲线（−20 … +10 ℃）/ the compensation curve, −20 … +10 ℃',
          params,
          response: { 200: CompensationCurve },
        },
      },
      async (request) =>
        compensation.curve(scopeOf(requireRole(request.actor, ALL_ROLES)), request.params.id),
    );
    app.get(
      '/api/stations/:id/compensation/series',
      {
        schema: {
          tags,
          summary: '逐时目标供水温度 / hourly targets over the outdoor temperature series',
          params,
          querystring: CompensationSeriesQuery,
          response: { 200: CompensationSeries },
        },
      },
      async (request) =>
        compensation.series(
          scopeOf(requireRole(request.actor, ALL_ROLES)),
          request.params.id,
          request.query.from,
          request.query.to,
        ),
    );
    app.put(
      '/api/stations/:id/compensation',
      {
        schema: {
          tags,
          summary:
            '设置本站气候补偿参数（null 恢复默认）/ set the station settings (null restores the default)',
          params,
          body: UpdateCompensation,
          response: { 200: CompensationSetup },
        },
      },
      async (request) =>
        compensation.update(
          requireRole(request.actor, PERMISSIONS['compensation.write']),
          request.params.id,
          request.body,
        ),
    );
  };
}
