// Weather 气象: imports of observations and forecasts (idempotent, counted, audited), the forecast provider refresh,
// the reads (weather.reads.ts) and the heating start/stop decision records; hourly/dailyForecast/outdoorNow are the
// ports other modules are given.
import type { Kysely } from 'kysely';
import type {
  CreateHeatingDecision,
  HeatingDecision,
  HeatingVerdict,
  WeatherImportResult,
  WeatherSettings,
} from '@hearth/contracts/weather';
import { CreateHeatingDecision as CreateHeatingDecisionSchema } from '@hearth/contracts/weather';
import type { Database } from '../../db/schema.ts';
import { DomainError } from '../../http/domain-error.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { fetchOpenMeteo } from './open-meteo.ts';
import { createWeatherReads, type WeatherReadSettings } from './weather.reads.ts';
import { createWeatherRepository, type ForecastRow, type ObservationRow } from './weather.repository.ts';
import { parseWeatherJson, type ParsedWeather } from './weather.import.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const DEMO_FORECAST_DAYS = 7;

export type WeatherServiceSettings = WeatherReadSettings & {
  forecastUrl: string | undefined;
  timeoutMs: number;
};

type Counts = Pick<WeatherImportResult, 'inserted' | 'updated' | 'unchanged'>;

const sameTemp = (a: number | null, b: number | null) =>
  a === b || (a !== null && b !== null && Math.abs(a - b) < 1e-9);

/** What changes: rows new or different from what is stored (the rest count as unchanged). */
function diffObservations(rows: readonly ObservationRow[], stored: ReadonlyMap<number, ObservationRow>) {
  const counts: Counts = { inserted: 0, updated: 0, unchanged: 0 };
  const changed: ObservationRow[] = [];
  for (const r of rows) {
    const old = stored.get(r.ms);
    if (!old) counts.inserted++;
    else if (sameTemp(old.temp, r.temp)) {
      counts.unchanged++;
      continue;
    } else counts.updated++;
    changed.push(r);
  }
  return { counts, changed };
}

/** Forecast rows: a target changes only for an issue at least as new as the stored one, with other values. */
function diffForecasts(rows: readonly ForecastRow[], stored: ReadonlyMap<number, ForecastRow>) {
  const counts: Counts = { inserted: 0, updated: 0, unchanged: 0 };
  const changed: ForecastRow[] = [];
  for (const r of rows) {
    const old = stored.get(r.ms);
    if (!old) counts.inserted++;
    else if (
      r.issuedMs < old.issuedMs ||
      (sameTemp(old.temp, r.temp) && sameTemp(old.min, r.min) && sameTemp(old.max, r.max))
    ) {
      counts.unchanged++;
      continue;
    } else counts.updated++;
    changed.push(r);
  }
  return { counts, changed };
}

/** [first, last + 1) of rows in time order */
function span(rows: readonly { ms: number }[]): [number, number] {
  return [rows[0]?.ms ?? 0, (rows.at(-1)?.ms ?? 0) + 1];
}

export function createWeatherService(deps: {
  db: Kysely<Database>;
  audit: AuditService;
  settings: WeatherServiceSettings;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const { settings } = deps;
  const reads = createWeatherReads({ repo: createWeatherRepository(deps.db), settings, now });

  async function storeObservations(actor: Actor, area: string, parsed: ParsedWeather, source: string) {
    return deps.db.transaction().execute(async (tx) => {
      const repo = createWeatherRepository(tx);
      const rows = parsed.hourly.map((h) => ({ ms: h.ms, temp: h.temp, source }));
      let counts: Counts = { inserted: 0, updated: 0, unchanged: 0 };
      if (rows.length > 0) {
        const [from, to] = span(rows);
        const stored = new Map((await repo.observations(area, from, to)).map((o) => [o.ms, o]));
        const diff = diffObservations(rows, stored);
        await repo.upsertObservations(area, diff.changed);
        counts = diff.counts;
      }
      const result = { area, ...counts, ...summaryOf(parsed), issuedAt: null };
      await deps.audit.record(tx, actor, {
        action: 'import',
        entity: 'weather_observation',
        entityId: area,
        changes: { source, ...auditFigures(result) },
      });
      return result;
    });
  }

  async function storeForecasts(
    actor: Actor,
    area: string,
    parsed: ParsedWeather,
    issuedMs: number,
    source: string,
  ) {
    return deps.db.transaction().execute(async (tx) => {
      const repo = createWeatherRepository(tx);
      const counts: Counts = { inserted: 0, updated: 0, unchanged: 0 };
      const resolutions = [
        ['hour', parsed.hourly.map((h) => ({ ms: h.ms, temp: h.temp, min: null, max: null }))],
        ['day', parsed.daily.map((d) => ({ ms: d.ms, temp: null, min: d.min, max: d.max }))],
      ] as const;
      for (const [resolution, list] of resolutions) {
        if (list.length === 0) continue;
        const rows: ForecastRow[] = list.map((r) => ({ ...r, resolution, issuedMs, source }));
        const [from, to] = span(rows);
        const stored = new Map((await repo.forecasts(area, resolution, from, to)).map((f) => [f.ms, f]));
        const diff = diffForecasts(rows, stored);
        await repo.upsertForecasts(area, diff.changed);
        for (const k of ['inserted', 'updated', 'unchanged'] as const) counts[k] += diff.counts[k];
      }
      const result = { area, ...counts, ...summaryOf(parsed), issuedAt: new Date(issuedMs).toISOString() };
      await deps.audit.record(tx, actor, {
        action: 'import',
        entity: 'weather_forecast',
        entityId: area,
        changes: { source, ...auditFigures(result) },
      });
      return result;
    });
  }

  function settingsOf(): WeatherSettings {
    return {
      legalStart: settings.legalPeriod.start,
      legalEnd: settings.legalPeriod.end,
      hddBase: settings.hddBase,
      threshold: settings.threshold,
      providerConfigured: settings.forecastUrl !== undefined,
    };
  }

  return {
    ...reads,
    settings: settingsOf,

    /** Observed hours of a file; only new or changed hours are written. */
    importObservations: (actor: Actor, area: string, parsed: ParsedWeather, source = 'import') =>
      storeObservations(actor, area, parsed, source),

    /** Forecast hours/days of one issue (default: now); a target keeps its latest issue. */
    importForecasts: (
      actor: Actor,
      area: string,
      parsed: ParsedWeather,
      issuedMs?: number,
      source = 'import',
    ) => storeForecasts(actor, area, parsed, issuedMs ?? now(), source),

    /** Fetches the configured provider now; on any failure nothing is written (the previous forecast stays). */
    async refreshForecast(actor: Actor, area = 'city'): Promise<WeatherImportResult> {
      if (!settings.forecastUrl)
        throw new DomainError(
          'weather.provider_disabled',
          409,
          '未配置气象预报接口（HEARTH_WEATHER_FORECAST_URL）/ no forecast provider configured (HEARTH_WEATHER_FORECAST_URL)',
        );
      const body = await fetchOpenMeteo(settings.forecastUrl, settings.timeoutMs);
      const parsed = parseWeatherJson(body, settings.timeZone);
      if (parsed.format !== 'open_meteo')
        throw new DomainError(
          'weather.provider_invalid',
          502,
          '预报接口返回的不是 Open-Meteo 格式 / not an Open-Meteo answer',
        );
      return storeForecasts(actor, area, parsed, now(), 'provider');
    },

    /** Records the decision with the verdict as it stands now (its basis). */
    async decide(actor: Actor, input: CreateHeatingDecision): Promise<HeatingDecision> {
      const body = CreateHeatingDecisionSchema.parse(input);
      if (body.stopDate && body.stopDate <= body.startDate)
        throw new DomainError(
          'weather_decision.invalid',
          422,
          '停止日期须晚于开始日期 / the stop date must follow the start date',
          [{ path: 'stopDate', reason: 'must be after startDate' }],
        );
      const basis = await reads.verdict(body.area, body.averaging);
      const decidedAt = new Date(now()).toISOString();
      const id = await deps.db.transaction().execute(async (tx) => {
        const newId = await createWeatherRepository(tx).insertDecision({
          area: body.area,
          season: basis.winter,
          startDate: body.startDate,
          stopDate: body.stopDate ?? null,
          note: body.note,
          userId: actor.userId === 0 ? null : actor.userId,
          username: actor.username,
          decidedAt,
          basis: JSON.stringify(basis),
        });
        await deps.audit.record(tx, actor, {
          action: 'create',
          entity: 'weather_decision',
          entityId: newId,
          changes: {
            season: basis.winter,
            startDate: body.startDate,
            stopDate: body.stopDate ?? null,
            note: body.note,
            recommendedStart: basis.recommendedStart,
            recommendedStop: basis.recommendedStop,
          },
        });
        return newId;
      });
      return {
        id,
        area: body.area,
        season: basis.winter,
        startDate: body.startDate,
        stopDate: body.stopDate ?? null,
        note: body.note,
        decidedAt,
        decidedBy: actor.username,
        basis,
      };
    },

    async decisions(area: string, limit = 50): Promise<HeatingDecision[]> {
      const rows = await createWeatherRepository(deps.db).decisions(area, limit);
      return rows.map((r) => ({
        id: r.id,
        area: r.area,
        season: r.season,
        startDate: r.startDate,
        stopDate: r.stopDate,
        note: r.note,
        decidedAt: r.decidedAt,
        decidedBy: r.username,
        basis: JSON.parse(r.basis) as HeatingVerdict,
      }));
    },

    /**
     * The demo city's weather: the hourly series `temperatureAt` observed from `fromMs` to now (whole hours), and a
     * 7-day forecast continuing it, both marked `demo`.
     */
    async writeDemo(actor: Actor, fromMs: number, temperatureAt: (ms: number) => number) {
      const end = Math.floor(now() / HOUR_MS) * HOUR_MS;
      const start = Math.ceil(fromMs / HOUR_MS) * HOUR_MS;
      const at = (ms: number) => ({ ms, temp: Math.round(temperatureAt(ms) * 10) / 10 });
      const observed: ParsedWeather = demoParsed([]);
      for (let ms = start; ms <= end; ms += HOUR_MS) observed.hourly.push(at(ms));
      const forecast: ParsedWeather = demoParsed([]);
      for (let ms = end + HOUR_MS; ms <= end + DEMO_FORECAST_DAYS * DAY_MS; ms += HOUR_MS)
        forecast.hourly.push(at(ms));
      observed.rows = observed.hourly.length;
      forecast.rows = forecast.hourly.length;
      const observations = await storeObservations(actor, 'city', observed, 'demo');
      const forecasts = await storeForecasts(actor, 'city', forecast, end, 'demo');
      return {
        observations: observations.inserted + observations.updated,
        forecasts: forecasts.inserted + forecasts.updated,
      };
    },
  };
}
export type WeatherService = ReturnType<typeof createWeatherService>;

function demoParsed(hourly: ParsedWeather['hourly']): ParsedWeather {
  return { format: 'json', hourly, daily: [], rows: 0, missing: 0, rejected: 0, errors: [] };
}

function summaryOf(p: ParsedWeather) {
  return { format: p.format, rows: p.rows, missing: p.missing, rejected: p.rejected, errors: p.errors };
}

function auditFigures(r: WeatherImportResult) {
  return {
    format: r.format,
    rows: r.rows,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    missing: r.missing,
    rejected: r.rejected,
    ...(r.issuedAt ? { issuedAt: r.issuedAt } : {}),
  };
}
