// GET /api/stats/overview, GET /api/map/network and /api/map/network-assets — derived figures and map layers, scoped.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NetworkAssets, NetworkMap, Overview } from '@hearth/contracts/stats';
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
    app.get(
      '/api/map/network-assets',
      {
        schema: {
          tags: ['stats 统计'],
          summary: '管网设施地图图层 / map layer of the pipe network: nodes, pipes, valves (compact arrays)',
          response: { 200: NetworkAssets },
        },
      },
      async (request) => overview.networkAssets(scopeOf(requireRole(request.actor, ALL_ROLES))),
    );
  };
}
