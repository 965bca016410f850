// Migration of the weather module's compensation table (compensation.tables.ts).
import type { Migration } from 'kysely/migration';
import { real, typesFor, type AnyDb, type Dialect } from '../../db/migration-kit.ts';

/** 0011: station_compensation, one row per station with its own compensation settings. */
export function stationCompensationMigration(dialect: Dialect): Migration {
  const { withTimes } = typesFor(dialect);
  return {
    async up(db: AnyDb) {
      await withTimes(
        db.schema
          .createTable('station_compensation')
          .addColumn('station_id', 'integer', (c) => c.primaryKey())
          .addColumn('indoor_temp', real)
          .addColumn('radiator_exponent', real)
          .addColumn('design_outdoor_temp', real),
      ).execute();
    },
  };
}
