// Ingest bookkeeping (ingest.tables.ts): per-device counters and the dead-letter store, part of migration
// 0002_devices_ingest (db/migrations.ts).
import { typesFor, type AnyDb, type Dialect, type MigrationPart } from '../../db/migration-kit.ts';

/** telemetry_counters, telemetry_dead_letters (0002), with the dead letters' index. */
export function ingestBookkeepingTables(dialect: Dialect): MigrationPart {
  const { withId, time } = typesFor(dialect);
  return {
    async tables(db: AnyDb) {
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
    indexes: [],
  };
}
