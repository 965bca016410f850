// The accounts table (users.tables.ts): part of migration 0001_registry_accounts (db/migrations.ts).
import { typesFor, type AnyDb, type Dialect, type MigrationPart } from '../../db/migration-kit.ts';

/** users (0001). */
export function usersTable(dialect: Dialect): MigrationPart {
  const { withId, withTimes } = typesFor(dialect);
  return {
    async tables(db: AnyDb) {
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
    },
    indexes: [],
  };
}
