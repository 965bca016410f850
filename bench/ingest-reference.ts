// Reference child of ingest.bench.ts, in a process of its own: JSON.parse of the same payloads as the HTTP
// load plus the store's insert, one batch after the other in one thread — SQLite (the engine's prepared
// multi-row statements, in process) or PostgreSQL (binary COPY). Prints BENCH_RESULT { readings, seconds }.
// argv: sqlite <file> | postgres <url> <schema>, then stationsFile startMs
import fs from 'node:fs';
import { METRIC_KEYS } from '@hearth/contracts/telemetry';
import {
  KIND_CODE,
  createBatchBuilder,
  type ReadingBatch,
} from '../server/src/modules/telemetry/reading-batch.ts';
import { createPostgresTelemetryStore } from '../server/src/modules/telemetry/store/postgres-telemetry-store.ts';
import { createSqliteTelemetryEngine } from '../server/src/modules/telemetry/store/sqlite-telemetry-engine.ts';
import { prepareSqliteTelemetryFile } from '../server/src/modules/telemetry/store/sqlite-telemetry-file.ts';
import type { TelemetryStore } from '../server/src/modules/telemetry/telemetry.store.ts';
import { httpBatch } from './ingest-payloads.ts';

const args = process.argv.slice(2);
const [kind] = args;
const [stationsFile, startArg] = kind === 'postgres' ? args.slice(3) : args.slice(2);
const stations = JSON.parse(fs.readFileSync(stationsFile ?? '', 'utf8')) as { id: number; code: string }[];
const startMs = Number(startArg);
const PER_STATION = 50_000;
const BATCH = 5000;
const INDEX = new Map(METRIC_KEYS.map((k, i) => [k, i]));

/** What the reference does per batch: JSON.parse, then packed rows for the store (no validation, no HTTP). */
function toRows(body: string, stationId: number): ReadingBatch {
  const items = JSON.parse(body) as { ts: number; values: Record<string, number> }[];
  const receivedAt = Date.now();
  const builder = createBatchBuilder(items.length);
  for (const item of items) {
    const r = builder.add(KIND_CODE.station, stationId, 1, item.ts, receivedAt);
    for (const key in item.values)
      builder.value(r, INDEX.get(key as (typeof METRIC_KEYS)[number]) ?? 0, item.values[key] as number);
  }
  return builder.take();
}

const store: TelemetryStore =
  kind === 'postgres'
    ? await createPostgresTelemetryStore(args[1] ?? '', args[2] ?? '')
    : await prepareSqliteTelemetryFile(args[1] ?? '').then(() => createSqliteTelemetryEngine(args[1] ?? ''));
// time-major like live traffic: every station's batch k before any station's batch k+1
const bodies = Array.from({ length: PER_STATION / BATCH }, (_, b) =>
  stations.map((s) => ({ id: s.id, body: httpBatch(s.code, startMs, BATCH, b * BATCH) })),
).flat();
const started = performance.now();
let readings = 0;
for (const { id, body } of bodies) readings += (await store.insertBatch(toRows(body, id))).length;
const seconds = (performance.now() - started) / 1000;
await store.close();
console.log(`BENCH_RESULT ${JSON.stringify({ readings, seconds })}`);
