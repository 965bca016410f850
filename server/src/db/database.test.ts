// Database opening and migration: PostgreSQL schemas migrate independently of neighbours being dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { dropPostgresSchema, openDatabase } from './database.ts';
import { createTestDatabase } from '../test-support/test-database.ts';

test('migrates a fresh database and a second migrate does nothing', async () => {
  const db = await createTestDatabase();
  try {
    assert.deepEqual(await db.migrate(), []);
    const tables = await db.db.introspection.getTables();
    assert.ok(tables.some((t) => t.name === 'enterprises'));
  } finally {
    await db.dispose();
  }
});

test('sees only its own PostgreSQL schema’s tables, the migration tables only when asked', async (t) => {
  const url = process.env.HEARTH_DATABASE_URL;
  if (!url) return t.skip('PostgreSQL only (HEARTH_DATABASE_URL not set)');
  const neighbour = `n_${randomBytes(5).toString('hex')}`;
  const db = await createTestDatabase();
  const other = await openDatabase({ kind: 'postgres', url, schema: neighbour });
  try {
    await sql`CREATE TABLE neighbour_only (x int)`.execute(other.db);
    const names = (await db.db.introspection.getTables()).map((table) => table.name);
    assert.ok(names.includes('enterprises'));
    assert.ok(!names.includes('neighbour_only'));
    assert.ok(!names.includes('kysely_migration'));
    const all = await db.db.introspection.getTables({ withInternalKyselyTables: true });
    assert.ok(all.some((table) => table.name === 'kysely_migration'));
  } finally {
    await other.close();
    await dropPostgresSchema(url, neighbour);
    await db.dispose();
  }
});

test('migrates a PostgreSQL schema while neighbouring schemas are dropped', async (t) => {
  const url = process.env.HEARTH_DATABASE_URL;
  if (!url) return t.skip('PostgreSQL only (HEARTH_DATABASE_URL not set)');
  // Each round migrates a new schema while the previous round's schema is dropped beside it; Kysely's
  // database-wide introspection failed on such a race with 42P01 (relation does not exist).
  let previous: string | undefined;
  for (let round = 0; round < 6; round++) {
    const schema = `r_${randomBytes(5).toString('hex')}`;
    const dropping = previous !== undefined ? dropPostgresSchema(url, previous) : Promise.resolve();
    const handle = await openDatabase({ kind: 'postgres', url, schema });
    try {
      const [applied] = await Promise.all([handle.migrate(), dropping]);
      assert.ok(applied.length > 0);
      const tables = await handle.db.introspection.getTables();
      assert.ok(tables.every((table) => table.schema === schema));
    } finally {
      await handle.close();
    }
    previous = schema;
  }
  if (previous !== undefined) await dropPostgresSchema(url, previous);
});
