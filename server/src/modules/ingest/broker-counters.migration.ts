// Migration: table telemetry_broker_counters, the external broker's own counters ($SYS) as last seen by any Hearth
// process — one row per counter, so every process shows the same figures and a drop is recorded once.
import type { Migration } from 'kysely/migration';
import type { AnyDb, Dialect } from '../../db/migration-kit.ts';

export function brokerCountersMigration(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('telemetry_broker_counters')
        // `dropped`, `stored`, `clients`: $SYS/broker/publish/messages/dropped, …/store/messages/count, …/clients/connected
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'bigint', (c) => c.notNull())
        // when the value last changed (a drop's time for `dropped`)
        .addColumn('changed_at', pg ? 'timestamptz' : 'text', (c) => c.notNull())
        .addColumn('observed_at', pg ? 'timestamptz' : 'text', (c) => c.notNull())
        .execute();
    },
  };
}
