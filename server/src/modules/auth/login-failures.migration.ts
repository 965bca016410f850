// Migration: table login_failures, the failed logins the login rate limit counts (shared by every process).
import type { Migration } from 'kysely/migration';
import type { AnyDb, Dialect } from '../../db/migration-kit.ts';

export function loginFailuresMigration(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('login_failures')
        .addColumn('id', pg ? 'bigserial' : 'integer', (c) =>
          pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        // lower-cased, as typed (unknown usernames count too, so nobody learns which accounts exist)
        .addColumn('username', 'text', (c) => c.notNull())
        // the client address (an IPv6 client by its /64)
        .addColumn('client', 'text', (c) => c.notNull())
        .addColumn('at', pg ? 'timestamptz' : 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('login_failures_username_at_idx')
        .on('login_failures')
        .columns(['username', 'at'])
        .execute();
      await db.schema.createIndex('login_failures_at_idx').on('login_failures').column('at').execute();
    },
  };
}
