// Migrations of the weather module's tables (weather.tables.ts), on SQLite and PostgreSQL: 0010_weather
// (observations, forecasts, decisions), 0011_station_compensation.
import type { Migration } from 'kysely/migration';
import { real, typesFor, type AnyDb, type Dialect } from '../../db/migration-kit.ts';

export function weatherMigration(dialect: Dialect): Migration {
  const { withId, time } = typesFor(dialect);
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('weather_observations')
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('ts', time, (c) => c.notNull())
        .addColumn('temp', real, (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        .addPrimaryKeyConstraint('weather_observations_pk', ['area', 'ts'])
        .execute();
      await db.schema
        .createTable('weather_forecasts')
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('resolution', 'text', (c) => c.notNull())
        .addColumn('target_ts', time, (c) => c.notNull())
        .addColumn('issued_at', time, (c) => c.notNull())
        .addColumn('temp', real)
        .addColumn('min', real)
        .addColumn('max', real)
        .addColumn('source', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('weather_forecasts_pk', ['area', 'resolution', 'target_ts'])
        .execute();
      await withId(db.schema.createTable('weather_decisions'))
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('season', 'text', (c) => c.notNull())
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('stop_date', 'text')
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer')
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('decided_at', time, (c) => c.notNull())
        .addColumn('basis', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('weather_decisions_area_season_idx')
        .on('weather_decisions')
        .columns(['area', 'season'])
        .execute();
    },
  };
}

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
