// The one migration set for SQLite and PostgreSQL, collected in order from the modules that own the tables; engine
// differences are confined to the column-type helpers (migration-kit.ts). Never edit a released migration, add a new
// one; names and order are those existing databases ran.
import type { Migration } from 'kysely/migration';
import type { AnyDb, Dialect, MigrationPart } from './migration-kit.ts';
import { auditLogTable } from '../modules/audit/audit.migration.ts';
import { sessionsTable } from '../modules/auth/auth.migration.ts';
import { loginFailuresMigration } from '../modules/auth/login-failures.migration.ts';
import { demoDevicesMigration, devicesTable } from '../modules/devices/devices.migration.ts';
import { brokerCountersMigration } from '../modules/ingest/broker-counters.migration.ts';
import { ingestBookkeepingTables } from '../modules/ingest/ingest-bookkeeping.migration.ts';
import {
  householdSortIndexes,
  householdEnterpriseCodeIndex,
  registryTables,
} from '../modules/registry/registry.migration.ts';
import { telemetryMigrationsFor } from '../modules/telemetry/store/telemetry.migrations.ts';
import { raiseOrdersMigration } from '../modules/raise-orders/raise-orders.migration.ts';
import { usersTable } from '../modules/users/users.migration.ts';
import { stationCompensationMigration } from '../modules/weather/compensation.migration.ts';
import { weatherMigration } from '../modules/weather/weather.migration.ts';
import { alarmsMigration } from '../modules/alarms/alarms.migration.ts';
import { webhooksMigration } from '../modules/webhooks/webhooks.migration.ts';

/** One migration of several modules' parts: every part's tables in order, then every part's indexes in order. */
function combined(parts: MigrationPart[]): Migration {
  return {
    async up(db: AnyDb) {
      for (const part of parts) await part.tables(db);
      for (const part of parts) {
        for (const [table, columns] of part.indexes) {
          await db.schema
            .createIndex(`${table}_${columns.join('_')}_idx`)
            .on(table)
            .columns([...columns])
            .execute();
        }
      }
    },
  };
}

const nothing: Migration = { up: async () => undefined };
const SQLITE_TELEMETRY_ELSEWHERE: Record<string, Migration> = {
  '0003_telemetry_store': nothing,
  '0004_telemetry_readings_rowid': nothing,
};

/** Ordered by name. */
export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_registry_accounts': combined([
      registryTables(dialect),
      usersTable(dialect),
      sessionsTable(dialect),
      auditLogTable(dialect),
    ]),
    '0002_devices_ingest': combined([devicesTable(dialect), ingestBookkeepingTables(dialect)]),
    // SQLite keeps telemetry in a file of its own, migrated by the store (sqlite-telemetry-file.ts); the names
    // stay here, empty, so databases that ran them before still match this list
    ...(dialect === 'postgres' ? telemetryMigrationsFor(dialect) : SQLITE_TELEMETRY_ELSEWHERE),
    '0005_login_failures': loginFailuresMigration(dialect),
    '0006_broker_counters': brokerCountersMigration(dialect),
    '0007_household_sort_indexes': householdSortIndexes,
    '0008_household_enterprise_code_index': householdEnterpriseCodeIndex,
    '0009_demo_devices': demoDevicesMigration,
    '0010_weather': weatherMigration(dialect),
    '0011_station_compensation': stationCompensationMigration(dialect),
    '0012_raise_orders': raiseOrdersMigration(dialect),
    '0013_alarms': alarmsMigration(dialect),
    '0014_webhooks': webhooksMigration(dialect),
  };
}
