// Migration 0004 on SQLite: readings written under 0003 survive the move to the rowid table (and a failed move
// changes nothing), the key still refuses a second copy of a reading, and reads go through the key index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { openDatabase } from '../../../db/database.ts';
import { telemetryMigrationsFor } from './sqlite-telemetry-file.ts';
import { READINGS, READING_COLUMNS, rawSql, rollupSelectSql } from './telemetry-store.schema.ts';

const columns = sql.join(READING_COLUMNS.map((c) => sql.ref(c)));
const row = (ts: number, target: number) =>
  sql.join(
    READING_COLUMNS.map((c) =>
      c === 'ts' ? ts : c === 'target_id' ? target : c === 'kind' ? 1 : c.startsWith('m_') ? ts / 1000 : 7,
    ),
  );

test('0004 moves SQLite readings into a rowid table with a unique key index', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-0004-'));
  const handle = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'hearth.db') });
  try {
    const migrator = new Migrator({
      db: handle.db,
      provider: { getMigrations: async () => telemetryMigrationsFor('sqlite') },
    });
    assert.equal((await migrator.migrateTo('0003_telemetry_store')).error, undefined);
    for (const [ts, target] of [
      [2000, 2],
      [1000, 1],
      [1000, 2],
    ] as const) {
      await sql`INSERT INTO ${sql.table(READINGS)} (${columns}) VALUES (${row(ts, target)})`.execute(
        handle.db,
      );
    }

    // a failure inside 0004 (here: its index name already taken) leaves the 0003 table whole, and it runs again
    await sql`CREATE TABLE telemetry_readings_key (x INTEGER)`.execute(handle.db);
    assert.match(String((await migrator.migrateToLatest()).error), /already/);
    const { rows: kept } = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.table(READINGS)}`.execute(
      handle.db,
    );
    assert.equal(Number(kept[0]?.n), 3);
    const { rows: table } = await sql<{ sql: string }>`
      SELECT sql FROM sqlite_master WHERE name = ${READINGS}`.execute(handle.db);
    assert.match(table[0]?.sql ?? '', /without rowid/i, 'still the 0003 table');
    await sql`DROP TABLE telemetry_readings_key`.execute(handle.db);

    assert.deepEqual(
      (await migrator.migrateToLatest()).results?.map((r) => r.migrationName),
      ['0004_telemetry_readings_rowid'],
    );
    const { rows } = await sql<{ ts: number; targetId: number; mFlow: number }>`
      SELECT ts, target_id, m_flow FROM ${sql.table(READINGS)} ORDER BY rowid`.execute(handle.db);
    assert.deepEqual(
      rows.map((r) => [r.ts, r.targetId, r.mFlow]),
      [
        [1000, 1, 1],
        [1000, 2, 1],
        [2000, 2, 2],
      ],
    );
    const again =
      await sql`INSERT INTO ${sql.table(READINGS)} (${columns}) VALUES (${row(1000, 2)}) ON CONFLICT DO NOTHING`.execute(
        handle.db,
      );
    assert.equal(Number(again.numAffectedRows), 0);

    // the reads scan the key index, never the whole table
    const plan = async (text: string, params: number[]) => {
      const { rows: steps } = await sql<{
        detail: string;
      }>`EXPLAIN QUERY PLAN ${sql.raw(text.replace(/\$\d+|\?/g, () => String(params.shift())))}`.execute(
        handle.db,
      );
      return steps.map((s) => s.detail).join(' | ');
    };
    assert.match(
      await plan(
        rawSql(() => '?'),
        [0, 5000, 1, 2, 10],
      ),
      /USING INDEX telemetry_readings_key/,
    );
    assert.match(
      await plan(
        rollupSelectSql('15m', () => '?'),
        [0, 0, 900_000],
      ),
      /USING INDEX telemetry_readings_key/,
    );

    await migrator.migrateTo('0003_telemetry_store');
    const { rows: back } = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.table(READINGS)}`.execute(
      handle.db,
    );
    assert.equal(Number(back[0]?.n), 3);
  } finally {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
