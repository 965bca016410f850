// Forecast HTTP: GET /api/forecast/load (a target's daily heat for the next 1–7 days, model and backtest) and
// GET /api/forecast/targets (what the caller may pick per level), within the caller's scope.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ForecastQuery,
  ForecastTargets,
  ForecastTargetsQuery,
  LoadForecast,
} from '@hearth/contracts/forecast';
import { ALL_ROLES, requireRole } from '../auth/actor.ts';
import type { ForecastService } from './forecast.service.ts';

export function forecastRoutes(forecast: ForecastService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/forecast/load',
      {
        schema: {
          tags: ['forecast 负荷预测'],
          summary:
            '热负荷预测：未来 1–7 日热量 (GJ) 与平均负荷 (MW)、模型系数与日前回测 / daily heat forecast (GJ, mean MW) with the fitted model and its day-ahead backtest',
          querystring: ForecastQuery,
          response: { 200: LoadForecast },
        },
      },
      async (request) => {
        const { level, id, days } = request.query;
        return forecast.load(requireRole(request.actor, ALL_ROLES), level, id, days);
      },
    );

    app.get(
      '/api/forecast/targets',
      {
        schema: {
          tags: ['forecast 负荷预测'],
          summary: '可预测对象（按层级）/ the targets of a level the caller may forecast',
          querystring: ForecastTargetsQuery,
          response: { 200: ForecastTargets },
        },
      },
      async (request) => forecast.targets(requireRole(request.actor, ALL_ROLES), request.query.level),
    );
  };
}
