// GET /api/overview/live — the city now 城市实时概览 for the overview page (polled), within the caller's scope.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LiveOverview } from '@hearth/contracts/live-overview';
import { ALL_ROLES, requireRole } from '../auth/actor.ts';
import type { LiveOverviewService } from './live-overview.service.ts';

export function liveOverviewRoutes(liveOverview: LiveOverviewService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/overview/live',
      {
        schema: {
          tags: ['stats 统计'],
          summary:
            '实时概览：站点在线、室温合格率、最冷小区、热负荷 (MW) 与装机、室外温度 (℃) / live overview: stations online, indoor compliance, coldest communities, heat load vs capacity, outdoor temperature',
          response: { 200: LiveOverview },
        },
      },
      async (request) => liveOverview.live(requireRole(request.actor, ALL_ROLES)),
    );
  };
}
