// A PostgreSQL dialect whose introspection sees only the connection's own schema (current_schema()).
import {
  PostgresDialect,
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadataOptions,
  type Dialect,
  type Kysely,
  type TableMetadata,
} from 'kysely';
import { DEFAULT_MIGRATION_LOCK_TABLE, DEFAULT_MIGRATION_TABLE } from 'kysely/migration';

/**
 * Kysely's own Postgres introspector reads every schema in the database and resolves each table by name
 * (`pg_get_serial_sequence`), so it fails with 42P01 when a neighbouring schema is dropped while it runs
 * (parallel test runs each own a schema). Hearth works in one schema, and the Migrator only needs to know
 * which tables exist there: this introspector answers names and kinds. It leaves `columns` empty (nothing in
 * Hearth reads them) and, like Kysely's, hides the migration tables unless asked for them.
 */
export function schemaScopedPostgresDialect(
  config: ConstructorParameters<typeof PostgresDialect>[0],
): Dialect {
  const inner = new PostgresDialect(config);
  return {
    createAdapter: () => inner.createAdapter(),
    createDriver: () => inner.createDriver(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => schemaScopedIntrospector(db),
  };
}

type TableRow = { name: string; kind: string; schema: string };

function schemaScopedIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
  return {
    async getSchemas() {
      const { rows } = await sql<{ name: string }>`SELECT current_schema() AS name`.execute(db);
      return rows;
    },
    async getTables(options?: DatabaseMetadataOptions): Promise<TableMetadata[]> {
      const internal = new Set<string>(
        options?.withInternalKyselyTables === true
          ? []
          : [DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE],
      );
      const { rows } = await sql<TableRow>`
        SELECT c.relname AS name, c.relkind AS kind, ns.nspname AS schema
        FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace ns ON ns.oid = c.relnamespace
        WHERE ns.nspname = current_schema() AND c.relkind IN ('r', 'v', 'p', 'f')
        ORDER BY c.relname`.execute(db);
      return rows
        .filter((r) => !internal.has(r.name))
        .map((r) => ({
          name: r.name,
          schema: r.schema,
          isView: r.kind === 'v',
          isForeign: r.kind === 'f',
          columns: [],
        }));
    },
  };
}
