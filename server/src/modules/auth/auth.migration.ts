// The sessions table (auth.tables.ts): part of migration 0001_registry_accounts (db/migrations.ts); failed logins
// are login-failures.migration.ts.
import { typesFor, type AnyDb, type Dialect, type MigrationPart } from '../../db/migration-kit.ts';

/** sessions (0001). */
export function sessionsTable(dialect: Dialect): MigrationPart {
  const { withId, time } = typesFor(dialect);
  return {
    async tables(db: AnyDb) {
      await withId(db.schema.createTable('sessions'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('expires_at', time, (c) => c.notNull())
        .execute();
    },
    indexes: [['sessions', ['user_id']]],
  };
}
