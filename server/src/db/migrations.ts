// The one migration set for SQLite and PostgreSQL; engine differences are confined to the column-type helpers.
import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Dialect } from './database.ts';
import { telemetryMigrationsFor } from '../modules/telemetry/store/sqlite-telemetry-file.ts';
import { loginFailuresMigration } from '../modules/auth/login-failures.migration.ts';
import { brokerCountersMigration } from '../modules/ingest/broker-counters.migration.ts';

type Table = CreateTableBuilder<string, never>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

function typesFor(dialect: Dialect) {
  const pg = dialect === 'postgres';
  return {
    withId: (t: Table): Table =>
      pg
        ? t.addColumn('id', 'serial', (c) => c.primaryKey())
        : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()),
    time: pg ? ('timestamptz' as const) : ('text' as const),
    withTimes: (t: Table): Table =>
      t
        .addColumn('created_at', pg ? 'timestamptz' : 'text', (c) => c.notNull())
        .addColumn('updated_at', pg ? 'timestamptz' : 'text', (c) => c.notNull()),
  };
}

const real = 'double precision' as const;

function registry(dialect: Dialect): Migration {
  const { withId, withTimes, time } = typesFor(dialect);
  const owned = (t: Table) =>
    t.addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'));
  return {
    async up(db: AnyDb) {
      await withTimes(
        withId(db.schema.createTable('enterprises'))
          .addColumn('code', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('license_no', 'text')
          .addColumn('hotline', 'text')
          .addColumn('address', 'text'),
      ).execute();

      await withTimes(
        owned(
          withId(db.schema.createTable('heat_sources')).addColumn('code', 'text', (c) =>
            c.notNull().unique(),
          ),
        )
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('fuel', 'text', (c) => c.notNull())
          .addColumn('capacity_mw', real, (c) => c.notNull())
          .addColumn('lon', real)
          .addColumn('lat', real)
          .addColumn('address', 'text'),
      ).execute();

      await withTimes(
        owned(
          withId(db.schema.createTable('stations')).addColumn('code', 'text', (c) => c.notNull().unique()),
        )
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('heat_source_id', 'integer', (c) => c.references('heat_sources.id'))
          .addColumn('capacity_mw', real, (c) => c.notNull())
          .addColumn('design_supply_temp', real, (c) => c.notNull())
          .addColumn('design_return_temp', real, (c) => c.notNull())
          .addColumn('served_area_m2', real, (c) => c.notNull())
          .addColumn('lon', real)
          .addColumn('lat', real)
          .addColumn('address', 'text'),
      ).execute();

      await withTimes(
        owned(
          withId(db.schema.createTable('communities')).addColumn('code', 'text', (c) => c.notNull().unique()),
        )
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('station_id', 'integer', (c) => c.references('stations.id'))
          .addColumn('district', 'text')
          .addColumn('address', 'text')
          .addColumn('lon', real)
          .addColumn('lat', real)
          .addColumn('household_count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('heated_area_m2', real, (c) => c.notNull().defaultTo(0))
          .addColumn('paid_count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('vulnerable_count', 'integer', (c) => c.notNull().defaultTo(0)),
      ).execute();

      await withTimes(
        owned(
          withId(db.schema.createTable('buildings')).addColumn('code', 'text', (c) => c.notNull().unique()),
        )
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('floors', 'integer', (c) => c.notNull())
          .addColumn('built_year', 'integer'),
      ).execute();

      await withTimes(
        owned(
          withId(db.schema.createTable('households')).addColumn('code', 'text', (c) => c.notNull().unique()),
        )
          .addColumn('community_id', 'integer', (c) => c.notNull().references('communities.id'))
          .addColumn('building_id', 'integer', (c) => c.references('buildings.id'))
          .addColumn('unit', 'text')
          .addColumn('floor', 'integer')
          .addColumn('room', 'text')
          .addColumn('owner_name', 'text')
          .addColumn('area_m2', real, (c) => c.notNull())
          .addColumn('billing', 'text', (c) => c.notNull())
          .addColumn('paid_this_season', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('vulnerable', 'text'),
      ).execute();

      await withTimes(
        owned(
          withId(db.schema.createTable('network_nodes')).addColumn('code', 'text', (c) =>
            c.notNull().unique(),
          ),
        )
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('heat_source_id', 'integer', (c) => c.references('heat_sources.id'))
          .addColumn('station_id', 'integer', (c) => c.references('stations.id'))
          .addColumn('lon', real, (c) => c.notNull())
          .addColumn('lat', real, (c) => c.notNull()),
      ).execute();

      await withTimes(
        owned(withId(db.schema.createTable('pipes')).addColumn('code', 'text', (c) => c.notNull().unique()))
          .addColumn('from_node_id', 'integer', (c) => c.notNull().references('network_nodes.id'))
          .addColumn('to_node_id', 'integer', (c) => c.notNull().references('network_nodes.id'))
          .addColumn('diameter_mm', 'integer', (c) => c.notNull())
          .addColumn('length_m', real, (c) => c.notNull())
          .addColumn('built_year', 'integer')
          .addColumn('coordinates', 'text', (c) => c.notNull()),
      ).execute();

      await withTimes(
        owned(withId(db.schema.createTable('valves')).addColumn('code', 'text', (c) => c.notNull().unique()))
          .addColumn('pipe_id', 'integer', (c) => c.notNull().references('pipes.id'))
          .addColumn('node_id', 'integer', (c) => c.notNull().references('network_nodes.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('lon', real, (c) => c.notNull())
          .addColumn('lat', real, (c) => c.notNull()),
      ).execute();

      await withTimes(
        withId(db.schema.createTable('departments'))
          .addColumn('code', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('duty', 'text')
          .addColumn('phone', 'text'),
      ).execute();

      await withTimes(
        owned(
          withId(db.schema.createTable('repair_teams')).addColumn('code', 'text', (c) =>
            c.notNull().unique(),
          ),
        )
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('leader', 'text')
          .addColumn('phone', 'text')
          .addColumn('members', 'integer', (c) => c.notNull())
          .addColumn('lon', real)
          .addColumn('lat', real),
      ).execute();

      await withTimes(
        withId(db.schema.createTable('users'))
          .addColumn('username', 'text', (c) => c.notNull().unique())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('enterprise_id', 'integer', (c) => c.references('enterprises.id'))
          .addColumn('department_code', 'text')
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)),
      ).execute();

      await withId(db.schema.createTable('sessions'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('expires_at', time, (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('audit_log'))
        .addColumn('at', time, (c) => c.notNull())
        .addColumn('user_id', 'integer')
        .addColumn('username', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text')
        .addColumn('enterprise_id', 'integer')
        .addColumn('changes', 'text')
        .execute();

      const indexes: [string, string[]][] = [
        ['heat_sources', ['enterprise_id']],
        ['stations', ['enterprise_id']],
        ['stations', ['heat_source_id']],
        ['communities', ['enterprise_id']],
        ['communities', ['station_id']],
        ['buildings', ['community_id']],
        ['buildings', ['enterprise_id']],
        ['households', ['enterprise_id', 'id']],
        ['households', ['community_id']],
        ['households', ['building_id']],
        ['network_nodes', ['enterprise_id']],
        ['pipes', ['enterprise_id']],
        ['pipes', ['from_node_id']],
        ['pipes', ['to_node_id']],
        ['valves', ['pipe_id']],
        ['valves', ['enterprise_id']],
        ['repair_teams', ['enterprise_id']],
        ['sessions', ['user_id']],
        ['audit_log', ['at']],
        ['audit_log', ['enterprise_id', 'at']],
      ];
      for (const [table, columns] of indexes) {
        await db.schema
          .createIndex(`${table}_${columns.join('_')}_idx`)
          .on(table)
          .columns(columns)
          .execute();
      }
    },
  };
}

/** Devices 采集设备 and the ingest bookkeeping: per-device counters and the dead-letter store. */
function devicesIngest(dialect: Dialect): Migration {
  const { withId, withTimes, time } = typesFor(dialect);
  return {
    async up(db: AnyDb) {
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

      await db.schema
        .createTable('telemetry_counters')
        .addColumn('device_id', 'integer', (c) => c.primaryKey())
        .addColumn('enterprise_id', 'integer')
        .addColumn('accepted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('duplicates', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('out_of_order', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', time, (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('telemetry_dead_letters'))
        .addColumn('at', time, (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('device_id', 'integer')
        .addColumn('enterprise_id', 'integer')
        .addColumn('target', 'text')
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('payload', 'text')
        .execute();
      await db.schema
        .createIndex('telemetry_dead_letters_enterprise_id_idx')
        .on('telemetry_dead_letters')
        .columns(['enterprise_id', 'id'])
        .execute();
    },
  };
}

/**
 * Sort orders the console offers on the largest list (households, 5.89 M at Tianjin scale): without an index a
 * page sorted by area or floor sorts every row (0.5–0.6 s on either engine). The engines read these in
 * order and sort only ties by id (SQLite: a temp B-tree for the right part of ORDER BY; PostgreSQL: incremental
 * sort).
 */
const listSortIndexes: Migration = {
  async up(db: AnyDb) {
    for (const columns of [
      ['area_m2'],
      ['enterprise_id', 'area_m2'],
      ['floor'],
      ['enterprise_id', 'floor'],
    ]) {
      await db.schema
        .createIndex(`households_${columns.join('_')}_idx`)
        .ifNotExists()
        .on('households')
        .columns(columns)
        .execute();
    }
  },
};

const nothing: Migration = { up: async () => undefined };
const SQLITE_TELEMETRY_ELSEWHERE: Record<string, Migration> = {
  '0003_telemetry_store': nothing,
  '0004_telemetry_readings_rowid': nothing,
};

/** Ordered by name; never edit a released migration, add a new one. */
export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_registry_accounts': registry(dialect),
    '0002_devices_ingest': devicesIngest(dialect),
    // SQLite keeps telemetry in a file of its own, migrated by the store (sqlite-telemetry-file.ts); the names
    // stay here, empty, so databases that ran them before still match this list
    ...(dialect === 'postgres' ? telemetryMigrationsFor(dialect) : SQLITE_TELEMETRY_ELSEWHERE),
    '0005_login_failures': loginFailuresMigration(dialect),
    '0006_broker_counters': brokerCountersMigration(dialect),
    '0007_household_sort_indexes': listSortIndexes,
  };
}
