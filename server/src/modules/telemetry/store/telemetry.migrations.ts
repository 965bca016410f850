// The telemetry store's migrations, by the names they have always had: on PostgreSQL they run with the domain ones
// (db/migrations.ts), on SQLite on the store's own file (sqlite-telemetry-file.ts).
import type { Migration } from 'kysely/migration';
import type { Dialect } from '../../../db/migration-kit.ts';
import { telemetryReadingsRowidMigration } from './telemetry-readings-rowid.migration.ts';
import { telemetryStoreMigration } from './telemetry-store.migration.ts';

export function telemetryMigrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '0003_telemetry_store': telemetryStoreMigration(dialect),
    '0004_telemetry_readings_rowid': telemetryReadingsRowidMigration(dialect),
  };
}
