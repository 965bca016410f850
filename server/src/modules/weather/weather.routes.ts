// /api/weather — imports (CSV or JSON; city authority), provider refresh, hourly/daily/degree-day reads, the outdoor
// temperature now, the heating-period verdict and the decision records (all roles read; the authority decides).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PERMISSIONS } from '@hearth/contracts/auth';
import { ErrorBody } from '@hearth/contracts/common';
import {
  Averaging,
  CreateHeatingDecision,
  DailyQuery,
  DailyResponse,
  DegreeDaysQuery,
  DegreeDaysResponse,
  HeatingDecision,
  HeatingVerdict,
  HourlyQuery,
  HourlyResponse,
  OutdoorNow,
  WeatherArea,
  WeatherImportQuery,
  WeatherImportResult,
  WeatherSettings,
} from '@hearth/contracts/weather';
import { ALL_ROLES, requireRole } from '../auth/actor.ts';
import {
  fileInvalid,
  MAX_IMPORT_BYTES,
  parseWeatherCsv,
  parseWeatherJson,
  type ParsedWeather,
} from './weather.import.ts';
import type { WeatherService } from './weather.service.ts';

type App = Parameters<FastifyPluginAsyncZod>[0];

const tags = ['weather 气象'];
const CSV_TYPES = ['text/csv', 'text/plain', 'application/octet-stream'];

const IMPORT_DESCRIPTION =
  'Body: `text/csv` — the UCI hourly format (`year,month,day,hour,…,TEMP`, `NA` for a missing hour, city time), `time,temp` (ISO 8601 with offset, or city-local `YYYY-MM-DD HH:mm`, on the hour) or, for forecasts, `date,min,max`; or `application/json` — `[{time,temp}]`, `{observations|hourly: [{time,temp}], daily: [{date,min,max}]}` or an Open-Meteo answer. Good rows go in, bad rows are listed in `errors` with line, column and a stable code; re-importing the same file changes nothing (`unchanged`).';

export function weatherRoutes(weather: WeatherService, timeZone: string): FastifyPluginAsyncZod {
  return async (app) => {
    // CSV arrives as bytes (UTF-8, else GB18030); JSON as parsed by Fastify, within the same limit
    app.addContentTypeParser(
      CSV_TYPES,
      { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES },
      (_r, body, done) => done(null, body),
    );

    const parse = async (body: unknown): Promise<ParsedWeather> =>
      Buffer.isBuffer(body) ? parseWeatherCsv(body, timeZone) : parseWeatherJson(body, timeZone);
    const importSchema = (summary: string) => ({
      tags,
      summary,
      description: IMPORT_DESCRIPTION,
      querystring: WeatherImportQuery,
      body: z.unknown(),
      response: { 200: WeatherImportResult, 413: ErrorBody, 422: ErrorBody },
    });

    app.post(
      '/api/weather/observations/import',
      { bodyLimit: MAX_IMPORT_BYTES, schema: importSchema('导入气象实况 / import hourly observations') },
      async (request) => {
        const actor = requireRole(request.actor, PERMISSIONS['weather.import']);
        const parsed = await parse(request.body);
        if (parsed.daily.length > 0)
          throw fileInvalid('实况只接受逐时气温 / observations are hourly temperatures, not daily min/max');
        return weather.importObservations(actor, request.query.area, parsed);
      },
    );
    app.post(
      '/api/weather/forecasts/import',
      { bodyLimit: MAX_IMPORT_BYTES, schema: importSchema('导入气象预报 / import a forecast issue') },
      async (request) => {
        const actor = requireRole(request.actor, PERMISSIONS['weather.import']);
        const parsed = await parse(request.body);
        const issued = request.query.issuedAt ? Date.parse(request.query.issuedAt) : undefined;
        return weather.importForecasts(actor, request.query.area, parsed, issued);
      },
    );
    app.post(
      '/api/weather/forecasts/refresh',
      {
        schema: {
          tags,
          summary: '立即拉取预报 / fetch the configured forecast provider now',
          querystring: z.object({ area: WeatherArea }),
          response: { 200: WeatherImportResult, 409: ErrorBody, 502: ErrorBody, 504: ErrorBody },
        },
      },
      async (request) =>
        weather.refreshForecast(
          requireRole(request.actor, PERMISSIONS['weather.import']),
          request.query.area,
        ),
    );

    readRoutes(app, weather);
  };
}

/** what every role may read, and the decision records (written by the authority) */
function readRoutes(app: App, weather: WeatherService): void {
  app.get(
    '/api/weather/settings',
    { schema: { tags, summary: '气象设置 / weather settings', response: { 200: WeatherSettings } } },
    async (request) => {
      requireRole(request.actor, ALL_ROLES);
      return weather.settings();
    },
  );
  app.get(
    '/api/weather/hourly',
    {
      schema: {
        tags,
        summary: '逐时实况与预报 / hourly observations and forecast',
        querystring: HourlyQuery,
        response: { 200: HourlyResponse },
      },
    },
    async (request) => {
      requireRole(request.actor, ALL_ROLES);
      const q = request.query;
      return weather.hourlySeries(q.area, Date.parse(q.from), Date.parse(q.to));
    },
  );
  app.get(
    '/api/weather/daily',
    {
      schema: {
        tags,
        summary: '日平均/最低/最高气温 / daily mean, min, max',
        querystring: DailyQuery,
        response: { 200: DailyResponse },
      },
    },
    async (request) => {
      requireRole(request.actor, ALL_ROLES);
      const q = request.query;
      return {
        area: q.area,
        averaging: q.averaging,
        days: await weather.daily(q.area, q.from, q.to, q.averaging),
      };
    },
  );
  app.get(
    '/api/weather/degree-days',
    {
      schema: {
        tags,
        summary: '采暖度日数 / heating degree days',
        querystring: DegreeDaysQuery,
        response: { 200: DegreeDaysResponse },
      },
    },
    async (request) => {
      requireRole(request.actor, ALL_ROLES);
      const q = request.query;
      return weather.degreeDays(q.area, q.from, q.to, q.averaging, q.base);
    },
  );
  app.get(
    '/api/weather/now',
    {
      schema: {
        tags,
        summary: '当前室外温度 / outdoor temperature now',
        querystring: z.object({ area: WeatherArea }),
        response: { 200: OutdoorNow },
      },
    },
    async (request) => {
      requireRole(request.actor, ALL_ROLES);
      return weather.outdoorNow(request.query.area);
    },
  );
  decisionRoutes(app, weather);
}

/** the heating start/stop decision records: every role reads, the authority records */
function decisionRoutes(app: App, weather: WeatherService): void {
  app.get(
    '/api/weather/heating-period',
    {
      schema: {
        tags,
        summary: '本供暖季开停研判 / heating start/stop verdict of the current season',
        querystring: z.object({ area: WeatherArea, averaging: Averaging.default('24h') }),
        response: { 200: HeatingVerdict },
      },
    },
    async (request) => {
      requireRole(request.actor, ALL_ROLES);
      return weather.verdict(request.query.area, request.query.averaging);
    },
  );
  app.get(
    '/api/weather/decisions',
    {
      schema: {
        tags,
        summary: '供热气候会商记录 / heating start/stop decision records',
        querystring: z.object({ area: WeatherArea }),
        response: { 200: z.object({ items: z.array(HeatingDecision) }) },
      },
    },
    async (request) => {
      requireRole(request.actor, ALL_ROLES);
      return { items: await weather.decisions(request.query.area) };
    },
  );
  app.post(
    '/api/weather/decisions',
    {
      schema: {
        tags,
        summary: '记录开停决定 / record a heating start/stop decision',
        body: CreateHeatingDecision,
        response: { 201: HeatingDecision, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request.actor, PERMISSIONS['weather.decide']);
      return reply.status(201).send(await weather.decide(actor, request.body));
    },
  );
}
