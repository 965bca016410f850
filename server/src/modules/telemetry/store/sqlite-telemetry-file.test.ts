// The SQLite telemetry store's own file: readings commit while a domain transaction holds the domain file's write
// lock (an import), and telemetry tables an earlier version kept in the domain file move over on the first open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { METRIC_KEYS } from '@hearth/contracts/telemetry';
import { openDatabase } from '../../../db/database.ts';
import { packReadings } from '../reading-batch.ts';
import { openTelemetryStore } from '../telemetry.open.ts';
import { READINGS, READING_COLUMNS } from './telemetry-store.schema.ts';
import { telemetryFileFor, telemetryMigrationsFor } from './sqlite-telemetry-file.ts';

const T0 = Date.UTC(2026, 11, 1);
const flow = (v: number) => METRIC_KEYS.map((k) => (k === 'flow' ? v : null));

async function tempDomain() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-tfile-'));
  const file = path.join(dir, 'hearth.db');
  const handle = await openDatabase({ kind: 'sqlite', file });
  await handle.migrate();
  return { dir, file, handle };
}

test('readings commit while a domain transaction holds the domain write lock', async () => {
  const { dir, file, handle } = await tempDomain();
  const store = await openTelemetryStore(handle);
  try {
    assert.ok(fs.existsSync(telemetryFileFor(file)), 'hearth-telemetry.db beside hearth.db');
    const order: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = handle.db.transaction().execute(async (trx) => {
      await trx.updateTable('enterprises').set({ name: 'x' }).where('id', '=', -1).execute(); // write lock taken
      order.push('domain lock held');
      await held;
    });
    while (order.length === 0) await new Promise((r) => setTimeout(r, 5));
    const flags = await store.insertBatch(
      packReadings([{ kind: 'station', targetId: 1, deviceId: 1, ts: T0, receivedAt: T0, values: flow(5) }]),
    );
    order.push('reading committed');
    release();
    await transaction;
    order.push('domain committed');
    assert.deepEqual([...flags], [1]);
    assert.deepEqual(order, ['domain lock held', 'reading committed', 'domain committed']);
  } finally {
    await store.close();
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('telemetry tables kept in the domain file by an earlier version move into the store’s file', async () => {
  const { dir, handle } = await tempDomain();
  try {
    // an earlier version: the store's tables in the domain file, with a reading in them
    const legacy = new Migrator({
      db: handle.db,
      provider: { getMigrations: async () => telemetryMigrationsFor('sqlite') },
      migrationTableName: 'legacy_migration',
      migrationLockTableName: 'legacy_migration_lock',
    });
    assert.equal((await legacy.migrateToLatest()).error, undefined);
    const columns = sql.join(READING_COLUMNS.map((c) => sql.ref(c)));
    const values = sql.join(
      READING_COLUMNS.map((c) =>
        c === 'ts' ? T0 : c === 'kind' ? 0 : c === 'm_flow' ? 42 : c.startsWith('m_') ? null : 7,
      ),
    );
    await sql`INSERT INTO ${sql.table(READINGS)} (${columns}) VALUES (${values})`.execute(handle.db);

    const store = await openTelemetryStore(handle);
    try {
      const raw = await store.raw('station', 7, T0 - 1, T0 + 1, 10);
      assert.equal(raw.length, 1, 'the old reading is readable');
      assert.equal(raw[0]?.values[METRIC_KEYS.indexOf('flow')], 42);
      const { rows } = await sql<{ n: number }>`
        SELECT COUNT(*) AS n FROM sqlite_master WHERE name = ${READINGS}`.execute(handle.db);
      assert.equal(Number(rows[0]?.n), 0, 'no longer in the domain file');
    } finally {
      await store.close();
    }
    // opening again finds nothing left to move and keeps the reading once
    const again = await openTelemetryStore(handle);
    try {
      assert.equal((await again.raw('station', 7, T0 - 1, T0 + 1, 10)).length, 1);
    } finally {
      await again.close();
    }
  } finally {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
