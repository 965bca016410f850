// GET /api/stats/overview and GET /api/map/network — derived registry figures and the map layer, scoped.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NetworkMap, Overview } from '@hearth/contracts/stats';
import { ALL_ROLES, requireRole, scopeOf } from '../auth/actor.ts';
import type { OverviewService } from './overview.service.ts';

export function overviewRoutes(overview: OverviewService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/stats/overview',
      {
        schema: {
          tags: ['stats 统计'],
          summary:
            '城市总览：户数、面积、能源结构 / city overview: households, heated area by energy type, counts',
          response: { 200: Overview },
        },
      },
      async (request) => overview.overview(scopeOf(requireRole(request.actor, ALL_ROLES))),
    );
    app.get(
      '/api/map/network',
      {
        schema: {
          tags: ['stats 统计'],
          summary: '管网地图图层 / map layer: sources, stations, pipes (own geometry, no tile server)',
          response: { 200: NetworkMap },
        },
      },
      async (request) => overview.networkMap(scopeOf(requireRole(request.actor, ALL_ROLES))),
    );
  };
}
