// Heat load forecast 负荷预测 per station, heat source, enterprise and the city: the target's daily heat history
// (station heat power, via the monitoring service) and the weather, the least-squares load model fitted on it, its
// day-ahead backtest, and the next 1–7 days from the weather forecast. Computed once per target, scope and city day.
import type { ForecastLevel, ForecastTargets, LoadForecast } from '@hearth/contracts/forecast';
import { DomainError, forbidden } from '../../http/domain-error.ts';
import { SYSTEM_ACTOR, scopeOf, type Actor, type Scope } from '../auth/actor.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import { backtestDayAhead } from './backtest.rules.ts';
import { WEATHER_FEATURES } from './forecast.features.ts';
import {
  addDays,
  cityDate,
  cityMidnight,
  dayRecords,
  sumStationDays,
  type HeatHistoryPort,
  type WeatherPort,
} from './forecast.history.ts';
import { DEFAULT_BASE_TEMP, fitLoadModel, forecastAhead, GJ_PER_MW_DAY } from './load-model.rules.ts';

export type ForecastDeps = {
  registry: RegistryService;
  heatHistory: HeatHistoryPort;
  weather: WeatherPort;
  /** where the weather comes from (shown beside the figures) */
  weatherSource: string;
  timeZone: string;
  /** days of history the model is fitted and backtested on */
  historyDays?: number;
  /** days of history returned for the chart */
  chartDays?: number;
  now?: () => number;
};

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

type Target = { id: number | null; name: string; stationIds: number[] };

/** station histories read at once (a city's thousands of stations do not flood the database pool) */
const HISTORY_CONCURRENCY = 8;

/** `work` over the items, at most `limit` at a time, results in input order */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export function createForecastService(deps: ForecastDeps) {
  const { registry, timeZone } = deps;
  const historyDays = deps.historyDays ?? 120;
  const chartDays = deps.chartDays ?? 30;
  const now = deps.now ?? Date.now;
  const cache = new Map<string, Promise<LoadForecast>>();

  async function stationIdsWhere(scope: Scope, filter: Record<string, number>): Promise<number[]> {
    const ids: number[] = [];
    for await (const s of registry.scan(scope, 'stations', filter)) ids.push(s.id);
    return ids;
  }

  /** The target in the actor's scope (another enterprise's object is not found) and the stations it sums. */
  async function resolveTarget(actor: Actor, level: ForecastLevel, id: number | undefined): Promise<Target> {
    const scope = scopeOf(actor);
    if (level === 'city') {
      if (scope.enterpriseId !== null)
        throw forbidden('全市预测仅限全市角色 / the city forecast is for city-wide roles');
      return { id: null, name: '全市', stationIds: await stationIdsWhere(scope, {}) };
    }
    if (id === undefined)
      throw new DomainError('forecast.id_required', 400, '需要指定对象 id / `id` is required for this level');
    if (level === 'station') {
      const s = await registry.require(scope, 'stations', id);
      return { id, name: s.name, stationIds: [id] };
    }
    if (level === 'source') {
      const s = await registry.require(scope, 'heat-sources', id);
      return { id, name: s.name, stationIds: await stationIdsWhere(scope, { heatSourceId: id }) };
    }
    const e = await registry.require(scope, 'enterprises', id);
    return { id, name: e.name, stationIds: await stationIdsWhere(scope, { enterpriseId: id }) };
  }

  async function compute(level: ForecastLevel, target: Target, today: string): Promise<LoadForecast> {
    const last = addDays(today, -1);
    const first = addDays(today, -historyDays);
    const from = new Date(cityMidnight(first, timeZone)).toISOString();
    const to = new Date(cityMidnight(today, timeZone)).toISOString();
    const [perStation, observed, coming] = await Promise.all([
      mapLimited(target.stationIds, HISTORY_CONCURRENCY, (id) => deps.heatHistory(id, from, to)),
      deps.weather.daily(first, last),
      deps.weather.dailyForecast(),
    ]);
    const days = dayRecords(sumStationDays(perStation, first, last, timeZone), observed);
    const model = fitLoadModel(days, WEATHER_FEATURES, DEFAULT_BASE_TEMP);
    // observed temperatures stand in for the forecasts issued the day before (no archive of past forecasts)
    const backtest = backtestDayAhead(days, WEATHER_FEATURES);
    const lastDay = days[days.length - 1];
    const ahead = coming.filter((d) => d.date >= today).slice(0, 7);
    const predicted =
      model && lastDay?.energy !== null && lastDay?.energy !== undefined
        ? forecastAhead(model, { energy: lastDay.energy }, ahead)
        : [];
    const tempOf = new Map(ahead.map((d) => [d.date, d.mean]));
    return {
      level,
      target: { id: target.id, name: target.name },
      stations: target.stationIds.length,
      timeZone,
      history: days.slice(-chartDays).map((d) => ({
        date: d.date,
        energyGJ: d.energy === null ? null : round(d.energy),
        meanMW: d.energy === null ? null : round(d.energy / GJ_PER_MW_DAY, 4),
        meanTemp: d.meanTemp ?? null,
      })),
      forecast: predicted.map((p) => ({
        date: p.date,
        energyGJ: round(p.energy),
        meanMW: round(p.energy / GJ_PER_MW_DAY, 4),
        meanTemp: tempOf.get(p.date) ?? null,
      })),
      model: model && {
        coefficients: model.features.map((feature, j) => ({
          feature,
          value: model.coefficients[j] as number,
        })),
        trainingDays: model.trainingDays,
        baseTemp: model.baseTemp,
      },
      backtest: backtest.days > 0 ? backtest : null,
      weatherSource: deps.weatherSource,
    };
  }

  /** The whole forecast of a target (7 days), cached per target, scope and city day. */
  function cached(level: ForecastLevel, target: Target, scope: Scope): Promise<LoadForecast> {
    const today = cityDate(now(), timeZone);
    const key = `${today}|${level}|${target.id ?? ''}|${scope.enterpriseId ?? 'city'}`;
    let hit = cache.get(key);
    if (!hit) {
      // a new day drops yesterday's entries
      for (const k of cache.keys()) if (!k.startsWith(today)) cache.delete(k);
      hit = compute(level, target, today);
      cache.set(key, hit);
      hit.catch(() => cache.get(key) === hit && cache.delete(key));
    }
    return hit;
  }

  const service = {
    /** The load forecast of a target for the next `days` days (1–7), with its model and backtest. */
    async load(
      actor: Actor,
      level: ForecastLevel,
      id: number | undefined,
      days: number,
    ): Promise<LoadForecast> {
      const target = await resolveTarget(actor, level, id);
      const whole = await cached(level, target, scopeOf(actor));
      return { ...whole, forecast: whole.forecast.slice(0, days) };
    },

    /** The targets of a level the actor may pick, by name. */
    async targets(actor: Actor, level: ForecastLevel): Promise<ForecastTargets> {
      const scope = scopeOf(actor);
      if (level === 'city') return { items: scope.enterpriseId === null ? [{ id: 0, name: '全市' }] : [] };
      const name = level === 'station' ? 'stations' : level === 'source' ? 'heat-sources' : 'enterprises';
      const items: ForecastTargets['items'] = [];
      for await (const item of registry.scan(scope, name)) items.push({ id: item.id, name: item.name });
      return { items: items.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')) };
    },

    /**
     * The daily heat forecast of a target for other modules (fuel's burn forecast): city-wide, GJ and mean MW per
     * day from today. Throws `<entity>.not_found` for an unknown target.
     */
    async forecastDaily(
      level: ForecastLevel,
      id: number | undefined,
      days: number,
    ): Promise<{ date: string; energyGJ: number; meanMW: number }[]> {
      const result = await service.load(SYSTEM_ACTOR, level, id, Math.min(7, Math.max(1, days)));
      return result.forecast.map(({ date, energyGJ, meanMW }) => ({ date, energyGJ, meanMW }));
    },
  };
  return service;
}
export type ForecastService = ReturnType<typeof createForecastService>;
