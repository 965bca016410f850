// Migration 0012_raise_orders: the tables of raise-orders.tables.ts, on SQLite and PostgreSQL.
import type { Migration } from 'kysely/migration';
import { real, typesFor, type AnyDb, type Dialect } from '../../db/migration-kit.ts';

export function raiseOrdersMigration(dialect: Dialect): Migration {
  const { withId, withTimes, time } = typesFor(dialect);
  return {
    async up(db: AnyDb) {
      await withTimes(
        withId(db.schema.createTable('raise_orders'))
          .addColumn('code', 'text', (c) => c.notNull().unique())
          .addColumn('scope', 'text', (c) => c.notNull())
          .addColumn('mode', 'text', (c) => c.notNull())
          .addColumn('value', real, (c) => c.notNull())
          .addColumn('effective_at', time, (c) => c.notNull())
          .addColumn('deadline', time, (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('warning_date', 'text')
          .addColumn('warning_level', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('issued_by', 'text', (c) => c.notNull())
          .addColumn('cancelled_at', time)
          .addColumn('checked_at', time),
      ).execute();
      await db.schema
        .createIndex('raise_orders_status_deadline_idx')
        .on('raise_orders')
        .columns(['status', 'deadline'])
        .execute();
      await db.schema
        .createTable('raise_order_enterprises')
        .addColumn('order_id', 'integer', (c) => c.notNull().references('raise_orders.id'))
        .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
        .addPrimaryKeyConstraint('raise_order_enterprises_pk', ['order_id', 'enterprise_id'])
        .execute();
      await db.schema
        .createIndex('raise_order_enterprises_enterprise_id_idx')
        .on('raise_order_enterprises')
        .column('enterprise_id')
        .execute();
      await db.schema
        .createTable('raise_order_stations')
        .addColumn('order_id', 'integer', (c) => c.notNull().references('raise_orders.id'))
        .addColumn('station_id', 'integer', (c) => c.notNull().references('stations.id'))
        .addPrimaryKeyConstraint('raise_order_stations_pk', ['order_id', 'station_id'])
        .execute();
      await db.schema
        .createTable('raise_order_results')
        .addColumn('order_id', 'integer', (c) => c.notNull().references('raise_orders.id'))
        .addColumn('station_id', 'integer', (c) => c.notNull())
        .addColumn('enterprise_id', 'integer', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('baseline', real)
        .addColumn('after', real)
        .addColumn('required', real)
        .addColumn('achieved', real)
        .addColumn('baseline_readings', 'integer', (c) => c.notNull())
        .addColumn('after_readings', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('raise_order_results_pk', ['order_id', 'station_id'])
        .execute();
    },
  };
}
