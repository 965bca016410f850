// TelemetryStore on SQLite and (when HEARTH_DATABASE_URL is set) PostgreSQL: one suite for both backends.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { HOUSEHOLD_METRICS, METRIC_KEYS, STATION_METRICS, type MetricKey } from '@hearth/contracts/telemetry';
import { dropPostgresSchema, openDatabase, type DatabaseHandle } from '../../../db/database.ts';
import { createRng } from '../../demo-city/prng.ts';
import {
  ROLLUP_MS,
  type RollupLevel,
  type StoredReading,
  type TargetKind,
  type TelemetryStore,
  type StoreOptions,
} from '../telemetry.store.ts';
import { packReadings } from '../reading-batch.ts';
import { createPostgresTelemetryStore } from './postgres-telemetry-store.ts';
import { telemetryFileFor } from './sqlite-telemetry-file.ts';
import { createSqliteTelemetryStore } from './sqlite-telemetry-store.ts';
import { telemetryStoreMigration } from './telemetry-store.migration.ts';

type Fixture = {
  open(options?: StoreOptions): Promise<TelemetryStore>;
  /** ends the sessions of the open stores' writers as a crash would (SQLite: nothing to end) */
  crashWriters(): Promise<void>;
  /** PostgreSQL: the day partitions of the readings table */
  partitions(): Promise<string[] | undefined>;
  dispose(): Promise<void>;
};

/** the domain migrations, then this store's one unless migrationsFor already registers it */
async function migrated(handle: DatabaseHandle): Promise<void> {
  const applied = await handle.migrate();
  if (!applied.includes('0003_telemetry_store')) await telemetryStoreMigration(handle.dialect).up(handle.db);
}

async function sqliteFixture(): Promise<Fixture & { file: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-telemetry-'));
  // the domain database stays open beside the store's own file, as in the server
  const handle = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'hearth.db') });
  await migrated(handle);
  return {
    file: telemetryFileFor(path.join(dir, 'hearth.db')),
    open: async (options?: StoreOptions) =>
      createSqliteTelemetryStore(telemetryFileFor(path.join(dir, 'hearth.db')), options),
    crashWriters: async () => undefined,
    partitions: async () => undefined,
    async dispose() {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresFixture(url: string): Promise<Fixture> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const handle = await openDatabase({ kind: 'postgres', url, schema });
  try {
    await migrated(handle);
  } catch (error) {
    await handle.close();
    await dropPostgresSchema(url, schema);
    throw error;
  }
  const target = handle.target;
  assert.equal(target.kind, 'postgres');
  return {
    open: (options?: StoreOptions) => createPostgresTelemetryStore(target.url, target.schema, options),
    async crashWriters() {
      // the sessions holding a writer lock of this schema (two-key advisory lock: class, writer id)
      await sql`SELECT pg_terminate_backend(pid, 5000) FROM pg_locks
        WHERE locktype = 'advisory' AND objsubid = 2
          AND classid::int8 = (hashtext(${`${schema}.telemetry_writer`})::int8 & 4294967295)`.execute(
        handle.db,
      );
    },
    async partitions() {
      const { rows } = await sql<{ name: string }>`SELECT c.relname AS name FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'telemetry_readings'::regclass
        ORDER BY 1`.execute(handle.db);
      return rows.map((r) => r.name);
    },
    async dispose() {
      await handle.close();
      await dropPostgresSchema(url, schema);
    },
  };
}

const T0 = Date.UTC(2026, 0, 10, 20, 0, 0); // 20:00 UTC, so the data crosses day boundaries
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

function values(points: Partial<Record<MetricKey, number>>): (number | null)[] {
  return METRIC_KEYS.map((k) => points[k] ?? null);
}

function reading(
  kind: TargetKind,
  targetId: number,
  ts: number,
  points: Partial<Record<MetricKey, number>>,
  deviceId = 1,
): StoredReading {
  return { kind, targetId, deviceId, ts, receivedAt: ts + 1500, values: values(points) };
}

/** Random readings over `days` days for 3 stations and 2 households (ids overlap across kinds), some points null. */
function randomReadings(seed: number, days: number): StoredReading[] {
  const rng = createRng(seed);
  const out: StoredReading[] = [];
  const targets: [TargetKind, number][] = [
    ['station', 1],
    ['station', 2],
    ['station', 3],
    ['household', 1],
    ['household', 2],
  ];
  for (const [kind, targetId] of targets) {
    const metrics = kind === 'station' ? STATION_METRICS : HOUSEHOLD_METRICS;
    for (let ts = T0; ts < T0 + days * DAY; ts += 7 * MIN) {
      const points: Partial<Record<MetricKey, number>> = {};
      for (const m of metrics) if (!rng.chance(0.1)) points[m] = rng.float(-5, 95) + rng.next() / 3;
      out.push(reading(kind, targetId, ts + rng.int(0, 59_999), points, rng.int(1, 2)));
    }
  }
  return out;
}

type Agg = { min: number; max: number; sum: number; count: number };

/** The rollup of one level computed directly from raw readings: kind:target:metric → bucket → aggregate. */
function directRollup(rows: readonly StoredReading[], level: RollupLevel): Map<string, Map<number, Agg>> {
  const ms = ROLLUP_MS[level];
  const out = new Map<string, Map<number, Agg>>();
  for (const row of rows) {
    const bucket = Math.floor(row.ts / ms) * ms;
    METRIC_KEYS.forEach((metric, m) => {
      const v = row.values[m];
      if (v === null || v === undefined) return;
      const key = `${row.kind}:${row.targetId}:${metric}`;
      let series = out.get(key);
      if (!series) out.set(key, (series = new Map()));
      const agg = series.get(bucket);
      if (!agg) series.set(bucket, { min: v, max: v, sum: v, count: 1 });
      else {
        agg.min = Math.min(agg.min, v);
        agg.max = Math.max(agg.max, v);
        agg.sum += v;
        agg.count++;
      }
    });
  }
  return out;
}

async function assertRollupsMatch(store: TelemetryStore, rows: readonly StoredReading[]): Promise<void> {
  for (const level of ['15m', '1h', '1d'] as const) {
    const expected = directRollup(rows, level);
    assert.ok(expected.size > 0);
    for (const [key, buckets] of expected) {
      const [kind, id, metric] = key.split(':') as [TargetKind, string, MetricKey];
      const actual = await store.series(level, kind, Number(id), metric, 0, T0 + 30 * DAY);
      const want = [...buckets].sort(([a], [b]) => a - b);
      assert.deepEqual(
        actual.map((r) => [r.bucket, r.min, r.max, r.count]),
        want.map(([bucket, a]) => [bucket, a.min, a.max, a.count]),
        `${level} ${key}`,
      );
      actual.forEach((r, i) => {
        const mean = (want[i]?.[1].sum ?? NaN) / (want[i]?.[1].count ?? NaN);
        // sums of sums round differently from one sum over raw values
        assert.ok(Math.abs(r.mean - mean) <= 1e-9 * Math.max(1, Math.abs(mean)), `${level} ${key} mean`);
      });
    }
  }
}

/** stores readings given as objects; true per new row, false per duplicate */
async function insert(store: TelemetryStore, rows: readonly StoredReading[]): Promise<boolean[]> {
  return Array.from(await store.insertBatch(packReadings(rows)), (flag) => flag === 1);
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  return createRng(seed).shuffle([...items]);
}

async function insertInBatches(store: TelemetryStore, rows: readonly StoredReading[], size: number) {
  for (let i = 0; i < rows.length; i += size) {
    const flags = await insert(store, rows.slice(i, i + size));
    assert.ok(flags.every(Boolean));
  }
}

function telemetryStoreSuite(name: string, fixture: () => Promise<Fixture>): void {
  describe(`telemetry store (${name})`, () => {
    let f: Fixture;
    let store: TelemetryStore;
    beforeEach(async () => {
      f = await fixture();
      store = await f.open();
    });
    afterEach(async () => {
      await store.close();
      await f.dispose();
    });

    it('stores readings and reads them back raw and as latest values', async () => {
      assert.deepEqual(await insert(store, []), []);
      const a = reading('station', 7, T0, { primarySupplyTemp: 95.5, flow: 120, pumpRunning: 1 }, 3);
      const b = reading('station', 7, T0 + MIN, { primarySupplyTemp: 96.25, flow: 121 }, 3);
      const h = reading('household', 7, T0 + 30_000, { indoorTemp: 20.5 }, 4);
      assert.deepEqual(await insert(store, [a, b, h]), [true, true, true]);

      assert.deepEqual(await store.raw('station', 7, T0, T0 + HOUR, 100), [a, b]);
      assert.deepEqual(await store.raw('station', 7, T0, T0 + HOUR, 1), [a]);
      assert.deepEqual(await store.raw('station', 7, T0 + 1, T0 + MIN, 100), [], 'range is [from, to)');
      assert.deepEqual(await store.raw('household', 7, 0, T0 + HOUR, 100), [h]);

      const stations = await store.latest('station');
      assert.deepEqual([...stations.keys()], [7]);
      assert.deepEqual(stations.get(7), {
        ts: T0 + MIN,
        points: {
          primarySupplyTemp: { value: 96.25, ts: T0 + MIN },
          flow: { value: 121, ts: T0 + MIN },
          pumpRunning: { value: 1, ts: T0 },
        },
      });
      const households = await store.latest('household', [7, 8]);
      assert.deepEqual(
        [...households],
        [[7, { ts: T0 + 30_000, points: { indoorTemp: { value: 20.5, ts: T0 + 30_000 } } }]],
      );
    });

    it('stores a duplicate once and reports it, across batches and within one', async () => {
      const a = reading('station', 1, T0, { flow: 10 });
      const again = reading('station', 1, T0, { flow: 99 }); // same key, other values: the first stays
      const otherDevice = reading('station', 1, T0, { flow: 11 }, 2);
      assert.deepEqual(await insert(store, [a]), [true]);
      assert.deepEqual(await insert(store, [again, otherDevice]), [false, true]);

      const d = reading('station', 2, T0, { flow: 20 });
      const e = reading('station', 2, T0 + MIN, { flow: 21 });
      assert.deepEqual(await insert(store, [d, reading('station', 2, T0, { flow: 98 }), e, d]), [
        true,
        false,
        true,
        false,
      ]);
      // a big batch, one duplicate inside and one of an earlier batch at its end
      const big = Array.from({ length: 600 }, (_, i) => reading('station', 3, T0 + i * 1000, { flow: i }));
      big.push(reading('station', 3, T0 + 3000, { flow: -1 }), reading('station', 1, T0, { flow: -2 }));
      const flags = await insert(store, big);
      assert.deepEqual(flags.slice(0, 600), Array(600).fill(true));
      assert.deepEqual(flags.slice(600), [false, false]);

      assert.deepEqual(await store.raw('station', 1, 0, T0 + DAY, 10), [a, otherDevice]);
      assert.deepEqual(await store.raw('station', 2, 0, T0 + DAY, 10), [d, e]);
      const three = await store.raw('station', 3, 0, T0 + DAY, 1000);
      assert.equal(three.length, 600);
      assert.equal(three[3]?.values[METRIC_KEYS.indexOf('flow')], 3);
      const latest = await store.latest('station', [1, 2]);
      assert.deepEqual(
        latest.get(1)?.points.flow,
        { value: 10, ts: T0 },
        'a duplicate does not touch latest',
      );
      assert.deepEqual(latest.get(2)?.points.flow, { value: 21, ts: T0 + MIN });
    });

    it('stores out-of-order readings while latest keeps the newest value per point', async () => {
      const newer = reading('station', 1, T0 + 10 * MIN, { primarySupplyTemp: 90, flow: 100 });
      const older = reading('station', 1, T0, { primarySupplyTemp: 80, flow: 50, heatPower: 3 });
      assert.deepEqual(await insert(store, [newer]), [true]);
      assert.deepEqual(await insert(store, [older]), [true]);
      assert.deepEqual(await store.raw('station', 1, 0, T0 + DAY, 10), [older, newer]);
      assert.deepEqual((await store.latest('station')).get(1), {
        ts: T0 + 10 * MIN,
        points: {
          primarySupplyTemp: { value: 90, ts: T0 + 10 * MIN },
          flow: { value: 100, ts: T0 + 10 * MIN },
          heatPower: { value: 3, ts: T0 }, // only the older reading has it
        },
      });
      // out of order inside one batch too
      await insert(store, [
        reading('station', 2, T0 + 2 * MIN, { flow: 2 }),
        reading('station', 2, T0 + 3 * MIN, { flow: 3 }),
        reading('station', 2, T0 + MIN, { flow: 1 }),
      ]);
      assert.deepEqual((await store.latest('station', [2])).get(2)?.points.flow, {
        value: 3,
        ts: T0 + 3 * MIN,
      });
    });

    it('keeps the older latest value of a point absent from a newer reading', async () => {
      await insert(store, [reading('station', 5, T0, { flow: 10, heatPower: 2, makeupWater: 0.5 })]);
      await insert(store, [reading('station', 5, T0 + MIN, { flow: 11 })]);
      await insert(store, [reading('station', 5, T0 + 2 * MIN, {})]);
      assert.deepEqual((await store.latest('station', [5])).get(5), {
        ts: T0 + 2 * MIN,
        points: {
          flow: { value: 11, ts: T0 + MIN },
          heatPower: { value: 2, ts: T0 },
          makeupWater: { value: 0.5, ts: T0 },
        },
      });
    });

    it('rolls up 15 min, 1 h and 1 d exactly as a direct computation over the raw readings', async () => {
      const rows = randomReadings(11, 3);
      await insertInBatches(store, shuffled(rows, 12), 250);
      const rebuilt = await store.refreshRollups();
      assert.ok(rebuilt >= 3 * 96 + 3 * 24 + 3, `rebuilt ${rebuilt} buckets`);
      await assertRollupsMatch(store, rows);
      assert.equal(await store.refreshRollups(), 0, 'nothing left dirty');
      // the 1 d buckets are UTC days
      const days = await store.series('1d', 'station', 1, 'flow', 0, T0 + 30 * DAY);
      assert.deepEqual(
        days.map((d) => d.bucket),
        [0, 1, 2, 3].map((i) => Date.UTC(2026, 0, 10 + i)),
      );
    });

    it('rolls days up from midnight city time', async () => {
      await store.close();
      store = await f.open({ dayOffsetMs: 8 * HOUR }); // Asia/Shanghai
      const day = Math.floor(T0 / (24 * HOUR)) * 24 * HOUR; // a UTC midnight
      // 15:30Z is 23:30 in Shanghai, 16:30Z already the next city day
      await insert(store, [
        reading('station', 3, day + 15.5 * HOUR, { flow: 10 }, 1),
        reading('station', 3, day + 16.5 * HOUR, { flow: 30 }, 1),
      ]);
      await store.refreshRollups();
      const days = await store.series('1d', 'station', 3, 'flow', day - 24 * HOUR, day + 48 * HOUR);
      assert.deepEqual(
        days.map((d) => [d.bucket, d.mean]),
        [
          [day - 8 * HOUR, 10],
          [day + 16 * HOUR, 30],
        ],
      );
    });

    it('re-rolls a bucket when late data arrives after it was rolled up', async () => {
      const rows = randomReadings(21, 2);
      await insertInBatches(store, rows, 500);
      await store.refreshRollups();
      const lateTs = T0 + 26 * HOUR + 7 * MIN + 3;
      const late = reading('station', 2, lateTs, { flow: 1000.5, heatPower: -50 }, 9);
      assert.deepEqual(await insert(store, [late]), [true]);
      assert.equal(await store.refreshRollups(), 3, 'its 15 min, hour and day');
      await assertRollupsMatch(store, [...rows, late]);
      const quarter = await store.series('15m', 'station', 2, 'flow', lateTs - 15 * MIN, lateTs + 1);
      assert.equal(quarter.at(-1)?.max, 1000.5);
      const day = await store.series('1d', 'station', 2, 'heatPower', lateTs - DAY, lateTs + 1);
      assert.equal(day.at(-1)?.min, -50);
    });

    it('refreshes only the dirty buckets of a range when asked to', async () => {
      const early = reading('station', 6, T0 + 5 * MIN, { flow: 1 });
      const late = reading('station', 6, T0 + 2 * DAY + 5 * MIN, { flow: 2 });
      await insert(store, [early, late]);
      // the range holds the early reading's 15 min, its hour and its (UTC) day; the late one stays dirty
      assert.equal(await store.refreshRollups({ fromMs: T0, toMs: T0 + 15 * MIN }), 3);
      assert.equal((await store.series('15m', 'station', 6, 'flow', 0, T0 + DAY)).length, 1);
      assert.deepEqual(await store.series('15m', 'station', 6, 'flow', T0 + DAY, T0 + 3 * DAY), []);
      assert.equal(await store.refreshRollups(), 3, 'the rest later');
      assert.equal((await store.series('15m', 'station', 6, 'flow', T0 + DAY, T0 + 3 * DAY)).length, 1);
    });

    it('finds stuck analog points: one non-zero value through enough readings', async () => {
      const rows: StoredReading[] = [];
      for (let i = 0; i < 10; i++) {
        const ts = T0 + i * 12 * MIN; // 10 readings over 2 h
        const moving = 80 + i / 10;
        rows.push(
          reading('station', 1, ts, { primarySupplyTemp: 90, flow: 100 + i }), // temperature stuck
          reading('station', 2, ts, { primarySupplyTemp: moving, flow: 100 + i }),
          reading('station', 3, ts, { primarySupplyTemp: moving, flow: 0, pumpRunning: 0 }), // a stopped pump
          reading('station', 5, ts, { primarySupplyTemp: 90, secondarySupplyPressure: 0.45, heatTotal: 7 }),
        );
        if (i < 3) rows.push(reading('station', 4, ts, { primarySupplyTemp: 90 })); // too few readings
      }
      await insert(store, rows);
      const range = { fromMs: T0, toMs: T0 + 2 * HOUR };
      await store.refreshRollups(range);
      const flat = await store.flatPoints('station', range.fromMs, range.toMs, 8);
      assert.deepEqual(
        [...flat].filter(([, n]) => n > 0).sort(([a], [b]) => a - b),
        [
          [1, 1],
          [5, 2], // the heat meter's total may stand still; it is not checked
        ],
      );
    });

    it('purges only raw readings older than the cutoff and keeps the rollups', async () => {
      const rows = randomReadings(31, 3);
      await insertInBatches(store, rows, 400);
      await store.refreshRollups();
      // not refreshed yet: the purge must roll these up before their raw rows go
      const cutoff = T0 + DAY + 9 * HOUR + 123; // inside a day, so one partition is cut in two
      const unrolled = reading('station', 9, T0 + 4 * HOUR, { flow: 7 });
      await insert(store, [unrolled]);
      const all = [...rows, unrolled];
      const before = all.filter((r) => r.ts < cutoff).length;
      assert.ok(before > 0 && before < all.length);

      assert.equal(await store.purgeRaw(cutoff), before);
      for (const [kind, id] of [
        ['station', 1],
        ['station', 9],
        ['household', 2],
      ] as const) {
        assert.deepEqual(await store.raw(kind, id, 0, cutoff, 10_000), []);
        const kept = await store.raw(kind, id, cutoff, T0 + 30 * DAY, 10_000);
        assert.equal(
          kept.length,
          all.filter((r) => r.kind === kind && r.targetId === id && r.ts >= cutoff).length,
        );
      }
      await assertRollupsMatch(store, all);
      assert.equal(await store.purgeRaw(cutoff), 0, 'nothing more to purge');
      const partitions = await f.partitions();
      if (partitions) {
        // the days wholly before the cutoff were dropped, the one it cuts was deleted from
        assert.deepEqual(partitions, ['telemetry_readings_20260112', 'telemetry_readings_20260113']);
      }
      // a day purged entirely takes new readings again
      assert.deepEqual(await insert(store, [reading('station', 1, T0 + MIN + 1, { flow: 1 })]), [true]);
      assert.equal((await store.raw('station', 1, 0, cutoff, 10)).length, 1);
    });

    it('keeps a committed batch across close and reopen', async () => {
      const rows = randomReadings(41, 1);
      await insertInBatches(store, rows, 1000);
      const latest = await store.latest('station');
      const raw = await store.raw('station', 2, 0, T0 + DAY, 10_000);
      await store.close();
      store = await f.open();
      assert.deepEqual(await store.latest('station'), latest);
      assert.deepEqual(await store.raw('station', 2, 0, T0 + DAY, 10_000), raw);
      assert.deepEqual(await insert(store, [rows[0] as StoredReading]), [false]);
      await store.refreshRollups();
      await assertRollupsMatch(store, rows);
    });

    it('recovers the latest values of committed batches after a crash', async () => {
      await insert(store, [reading('station', 4, T0, { flow: 1, heatPower: 5 })]);
      // right after the first batch: a store that defers writing latest values has not written these yet
      await insert(store, [reading('station', 4, T0 + MIN, { flow: 2 })]);
      await insert(store, [reading('household', 4, T0 + 2 * MIN, { indoorTemp: 19.5 })]);
      const expected = await store.latest('station');
      assert.deepEqual(expected.get(4)?.points, {
        flow: { value: 2, ts: T0 + MIN },
        heatPower: { value: 5, ts: T0 },
      });
      await f.crashWriters();
      // another store opens the data while this one never closed nor flushed anything
      const other = await f.open();
      try {
        assert.deepEqual(await other.latest('station'), expected);
        assert.deepEqual((await other.latest('household')).get(4)?.points.indoorTemp, {
          value: 19.5,
          ts: T0 + 2 * MIN,
        });
      } finally {
        await other.close();
      }
    });
  });
}

telemetryStoreSuite('sqlite', sqliteFixture);

describe('telemetry store (sqlite worker thread)', () => {
  it('fails the calls of a worker that dies, starts a new one, and loses nothing committed', async () => {
    const f = await sqliteFixture();
    const workers: Worker[] = [];
    const store = await createSqliteTelemetryStore(f.file, {}, { onWorker: (w) => workers.push(w) });
    try {
      const committed = reading('station', 1, T0, { flow: 10, heatPower: 2 });
      assert.deepEqual(await insert(store, [committed]), [true]);
      // a call in flight when the worker dies either committed (then it resolved) or fails
      const racing = reading('station', 1, T0 + MIN, { flow: 11 });
      const inFlight = insert(store, [racing]).then(
        () => 'stored',
        (error: Error) => error.message,
      );
      await (workers[0] as Worker).terminate();
      const outcome = await inFlight;
      assert.ok(outcome === 'stored' || /exited/.test(outcome), outcome);

      // the next call runs on a new worker, which recovers the committed rows and latest values
      const again = await insert(store, [committed, racing]);
      assert.equal(workers.length, 2);
      assert.equal(again[0], false, 'committed before the crash');
      if (outcome === 'stored') assert.equal(again[1], false, 'acknowledged, so stored');
      assert.deepEqual((await store.latest('station', [1])).get(1)?.points, {
        flow: { value: 11, ts: T0 + MIN },
        heatPower: { value: 2, ts: T0 },
      });
    } finally {
      await store.close();
      await f.dispose();
    }
  });

  it('checkpoints the WAL from its own thread', async () => {
    const f = await sqliteFixture();
    const reports: { log: number; checkpointed: number }[] = [];
    const store = await createSqliteTelemetryStore(f.file, {}, { onCheckpoint: (r) => reports.push(r) });
    try {
      await insert(
        store,
        Array.from({ length: 2000 }, (_, i) => reading('station', 1 + (i % 4), T0 + i * 1000, { flow: i })),
      );
      const deadline = Date.now() + 5000;
      while (!reports.some((r) => r.checkpointed > 0 && r.checkpointed === r.log) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.ok(
        reports.some((r) => r.checkpointed > 0 && r.checkpointed === r.log),
        `a complete checkpoint: ${JSON.stringify(reports)}`,
      );
      assert.equal((await store.raw('station', 1, 0, T0 + DAY, 10_000)).length, 500);
    } finally {
      await store.close();
      await f.dispose();
    }
  });

  it('settles after a bulk load: the write-ahead log copied into the file and emptied', async () => {
    const f = await sqliteFixture();
    const store = await createSqliteTelemetryStore(f.file);
    try {
      await insert(
        store,
        Array.from({ length: 5000 }, (_, i) => reading('station', 1 + (i % 5), T0 + i * 1000, { flow: i })),
      );
      await store.refreshRollups();
      assert.ok(fs.statSync(`${f.file}-wal`).size > 0, 'the load went through the log');
      await store.settle();
      assert.equal(fs.statSync(`${f.file}-wal`).size, 0);
      assert.equal((await store.raw('station', 1, 0, T0 + DAY, 10_000)).length, 1000, 'nothing lost');
    } finally {
      await store.close();
      await f.dispose();
    }
  });
});

const url = process.env.HEARTH_DATABASE_URL;
// with the variable set an unreachable server fails these tests, never skips them
if (url) telemetryStoreSuite('postgres', () => postgresFixture(url));
