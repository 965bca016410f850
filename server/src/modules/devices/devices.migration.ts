// The devices table 采集设备 (devices.tables.ts): part of migration 0002_devices_ingest (db/migrations.ts).
import type { Migration } from 'kysely/migration';
import { typesFor, type AnyDb, type Dialect, type MigrationPart } from '../../db/migration-kit.ts';

/** devices (0002), with its indexes (created right after the table, as 0002 always did). */
export function devicesTable(dialect: Dialect): MigrationPart {
  const { withId, withTimes, time } = typesFor(dialect);
  return {
    async tables(db: AnyDb) {
      await withTimes(
        withId(db.schema.createTable('devices'))
          .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
          .addColumn('station_id', 'integer', (c) => c.references('stations.id'))
          .addColumn('household_id', 'integer', (c) => c.references('households.id'))
          // an indoor sensor's community, fixed at registration: sampling shares group by it
          .addColumn('community_id', 'integer', (c) => c.references('communities.id'))
          .addColumn('name', 'text')
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('rotated_at', time)
          .addColumn('last_seen_at', time),
      ).execute();
      await db.schema.createIndex('devices_station_id_idx').on('devices').column('station_id').execute();
      await db.schema.createIndex('devices_household_id_idx').on('devices').column('household_id').execute();
      await db.schema
        .createIndex('devices_enterprise_id_idx')
        .on('devices')
        .column('enterprise_id')
        .execute();
    },
    indexes: [],
  };
}

/**
 * 0009: `demo` marks the demo city's own devices (registered once at seed, reused by the simulator, filterable in
 * 设备管理); every other device is 0.
 */
export const demoDevicesMigration: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .alterTable('devices')
      .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
