// 0014_webhooks: the webhook outbox table (webhooks.tables.ts).
import type { Migration } from 'kysely/migration';
import { typesFor, type AnyDb, type Dialect } from '../../db/migration-kit.ts';

export function webhooksMigration(dialect: Dialect): Migration {
  const { withId, withTimes, time } = typesFor(dialect);
  return {
    async up(db: AnyDb) {
      await withTimes(
        withId(db.schema.createTable('webhook_deliveries'))
          .addColumn('event_id', 'text', (c) => c.notNull().unique())
          .addColumn('topic', 'text', (c) => c.notNull())
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('next_attempt_at', time, (c) => c.notNull())
          .addColumn('lease_until', time)
          .addColumn('leased_by', 'text')
          .addColumn('last_status', 'integer')
          .addColumn('last_error', 'text')
          .addColumn('delivered_at', time),
      ).execute();
      // the dispatcher's claim: pending rows due first
      await db.schema
        .createIndex('webhook_deliveries_status_next_attempt_at_idx')
        .on('webhook_deliveries')
        .columns(['status', 'next_attempt_at'])
        .execute();
    },
  };
}
