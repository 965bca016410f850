// Bulk loads into empty tables without their secondary indexes: each is dropped before the load and built again
// after it from its own definition (one sort instead of millions of random B-tree inserts — the Tianjin-scale
// seed took 304 s with the households' eight indexes maintained row by row). Unique and primary-key indexes stay.
import { sql, type Kysely } from 'kysely';
import type { Dialect } from './migration-kit.ts';
import type { Database } from './schema.ts';

type Index = { name: string; definition: string };

/** the droppable indexes of these tables: not backing a primary key or unique constraint */
async function secondaryIndexes(
  db: Kysely<Database>,
  dialect: Dialect,
  tables: readonly string[],
): Promise<Index[]> {
  if (dialect === 'sqlite') {
    const rows = await sql<{ name: string; sql: string | null }>`
      SELECT name, sql FROM sqlite_master
      WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${sql.join(tables)})`.execute(db);
    return rows.rows
      .filter((r) => r.sql !== null && !/^\s*CREATE\s+UNIQUE/i.test(r.sql))
      .map((r) => ({ name: r.name, definition: r.sql as string }));
  }
  // pg_get_indexdef runs only on this schema's rows (a materialized CTE): evaluated on another schema's index while
  // that schema is being dropped, it fails with "could not open relation with OID"
  const rows = await sql<{ indexname: string; indexdef: string }>`
    WITH mine AS MATERIALIZED (
      SELECT ic.oid, ic.relname AS indexname
      FROM pg_index x
      JOIN pg_class ic ON ic.oid = x.indexrelid
      JOIN pg_class tc ON tc.oid = x.indrelid
      WHERE tc.relnamespace = current_schema()::regnamespace AND tc.relname IN (${sql.join(tables)})
        AND NOT x.indisunique
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid))
    SELECT indexname, pg_get_indexdef(oid) AS indexdef FROM mine`.execute(db);
  return rows.rows.map((r) => ({ name: r.indexname, definition: r.indexdef }));
}

/** Runs `load` with the tables' secondary indexes dropped, then builds them again (also when `load` fails). */
export async function withIndexesDeferred<T>(
  db: Kysely<Database>,
  dialect: Dialect,
  tables: readonly string[],
  load: () => Promise<T>,
): Promise<T> {
  const indexes = await secondaryIndexes(db, dialect, tables);
  for (const index of indexes) await sql`DROP INDEX ${sql.id(index.name)}`.execute(db);
  try {
    return await load();
  } finally {
    for (const index of indexes) await sql.raw(index.definition).execute(db);
  }
}
