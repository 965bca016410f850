// The audit trail's table (audit.tables.ts): part of migration 0001_registry_accounts (db/migrations.ts).
import { typesFor, type AnyDb, type Dialect, type MigrationPart } from '../../db/migration-kit.ts';

/** audit_log (0001). */
export function auditLogTable(dialect: Dialect): MigrationPart {
  const { withId, time } = typesFor(dialect);
  return {
    async tables(db: AnyDb) {
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
    },
    indexes: [
      ['audit_log', ['at']],
      ['audit_log', ['enterprise_id', 'at']],
    ],
  };
}
