// Tables of the weather module: station_compensation 气候补偿参数 (compensation.migration.ts, 0011).
import type { Times } from '../../db/columns.ts';

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
