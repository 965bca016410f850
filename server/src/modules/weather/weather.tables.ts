// Weather tables 气象 (weather.migration.ts): hourly observations, forecasts (latest issue per target) and the
// heating start/stop decision records (0010); station_compensation 气候补偿参数 (0011).
import type { Generated } from 'kysely';
import type { DbTime, Times } from '../../db/columns.ts';

/** One observed hour of an area (`city` or a district code); key (area, ts). */
export type WeatherObservationsTable = {
  area: string;
  /** the hour's instant, UTC */
  ts: DbTime;
  /** ℃ */
  temp: number;
  /** import | provider | demo */
  source: string;
  updatedAt: DbTime;
};

/**
 * One forecast target of an area, as its latest issue gave it; key (area, resolution, target_ts). `hour`: `temp` of
 * that hour; `day`: `min`/`max` of the city day beginning at `target_ts` (its local midnight).
 */
export type WeatherForecastsTable = {
  area: string;
  resolution: 'hour' | 'day';
  targetTs: DbTime;
  issuedAt: DbTime;
  temp: number | null;
  min: number | null;
  max: number | null;
  source: string;
};

/** 供热气候会商记录: a heating start/stop decision with the verdict it was based on (JSON). */
export type WeatherDecisionsTable = {
  id: Generated<number>;
  area: string;
  /** 2025/26 */
  season: string;
  startDate: string;
  stopDate: string | null;
  note: string;
  userId: number | null;
  username: string;
  decidedAt: DbTime;
  /** the HeatingVerdict as JSON text */
  basis: string;
};

/** A station's own compensation settings; a null column means the city/standard default applies. */
export type StationCompensationTable = Times & {
  /** the registry station (no foreign key: deleting a station is the registry's business; a leftover row is inert) */
  stationId: number;
  /** tₙ, ℃ */
  indoorTemp: number | null;
  /** b */
  radiatorExponent: number | null;
  /** tw′, ℃ */
  designOutdoorTemp: number | null;
};
