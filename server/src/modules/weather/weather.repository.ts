// Weather storage (Kysely, its own tables only): observations and forecasts upserted on their keys, read by range;
// the decision records.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { toIso, type DbTime } from '../../db/columns.ts';

/** rows per INSERT (SQLite's bound-parameter limit is far above 8 × 500) */
const CHUNK = 500;

const iso = (ms: number) => new Date(ms).toISOString();
const msOf = (t: DbTime) => Date.parse(toIso(t));

export type ObservationRow = { ms: number; temp: number; source: string };
export type ForecastRow = {
  resolution: 'hour' | 'day';
  ms: number;
  issuedMs: number;
  temp: number | null;
  min: number | null;
  max: number | null;
  source: string;
};
export type DecisionInsert = {
  area: string;
  season: string;
  startDate: string;
  stopDate: string | null;
  note: string;
  userId: number | null;
  username: string;
  decidedAt: string;
  basis: string;
};

export function createWeatherRepository(db: Kysely<Database>) {
  return {
    async observations(area: string, fromMs: number, toMs: number): Promise<ObservationRow[]> {
      const rows = await db
        .selectFrom('weatherObservations')
        .select(['ts', 'temp', 'source'])
        .where('area', '=', area)
        .where('ts', '>=', iso(fromMs))
        .where('ts', '<', iso(toMs))
        .orderBy('ts')
        .execute();
      return rows.map((r) => ({ ms: msOf(r.ts), temp: r.temp, source: r.source }));
    },

    /** the newest observation at or before `atMs` */
    async lastObservation(area: string, atMs: number): Promise<ObservationRow | null> {
      const r = await db
        .selectFrom('weatherObservations')
        .select(['ts', 'temp', 'source'])
        .where('area', '=', area)
        .where('ts', '<=', iso(atMs))
        .orderBy('ts', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r ? { ms: msOf(r.ts), temp: r.temp, source: r.source } : null;
    },

    async upsertObservations(area: string, rows: readonly ObservationRow[]): Promise<void> {
      const now = new Date().toISOString();
      for (let i = 0; i < rows.length; i += CHUNK) {
        await db
          .insertInto('weatherObservations')
          .values(
            rows.slice(i, i + CHUNK).map((r) => ({
              area,
              ts: iso(r.ms),
              temp: r.temp,
              source: r.source,
              updatedAt: now,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['area', 'ts']).doUpdateSet((eb) => ({
              temp: eb.ref('excluded.temp'),
              source: eb.ref('excluded.source'),
              updatedAt: eb.ref('excluded.updatedAt'),
            })),
          )
          .execute();
      }
    },

    async forecasts(
      area: string,
      resolution: 'hour' | 'day',
      fromMs: number,
      toMs: number,
    ): Promise<ForecastRow[]> {
      const rows = await db
        .selectFrom('weatherForecasts')
        .select(['targetTs', 'issuedAt', 'temp', 'min', 'max', 'source'])
        .where('area', '=', area)
        .where('resolution', '=', resolution)
        .where('targetTs', '>=', iso(fromMs))
        .where('targetTs', '<', iso(toMs))
        .orderBy('targetTs')
        .execute();
      return rows.map((r) => ({
        resolution,
        ms: msOf(r.targetTs),
        issuedMs: msOf(r.issuedAt),
        temp: r.temp,
        min: r.min,
        max: r.max,
        source: r.source,
      }));
    },

    async upsertForecasts(area: string, rows: readonly ForecastRow[]): Promise<void> {
      for (let i = 0; i < rows.length; i += CHUNK) {
        await db
          .insertInto('weatherForecasts')
          .values(
            rows.slice(i, i + CHUNK).map((r) => ({
              area,
              resolution: r.resolution,
              targetTs: iso(r.ms),
              issuedAt: iso(r.issuedMs),
              temp: r.temp,
              min: r.min,
              max: r.max,
              source: r.source,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['area', 'resolution', 'targetTs']).doUpdateSet((eb) => ({
              issuedAt: eb.ref('excluded.issuedAt'),
              temp: eb.ref('excluded.temp'),
              min: eb.ref('excluded.min'),
              max: eb.ref('excluded.max'),
              source: eb.ref('excluded.source'),
            })),
          )
          .execute();
      }
    },

    async insertDecision(row: DecisionInsert): Promise<number> {
      const r = await db.insertInto('weatherDecisions').values(row).returning('id').executeTakeFirstOrThrow();
      return r.id;
    },

    async decisions(area: string, limit: number) {
      const rows = await db
        .selectFrom('weatherDecisions')
        .selectAll()
        .where('area', '=', area)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ ...r, decidedAt: toIso(r.decidedAt) }));
    },
  };
}
export type WeatherRepository = ReturnType<typeof createWeatherRepository>;
