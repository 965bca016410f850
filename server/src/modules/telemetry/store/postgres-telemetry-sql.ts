// SQL and small helpers shared by the parts of the PostgreSQL telemetry store.
import {
  DAY_MS,
  DIRTY,
  LATEST,
  LATEST_COLUMNS,
  READINGS,
  READING_COLUMNS,
  REPLAY,
  TIME_COLUMNS,
  VALUE_COLUMNS,
} from './telemetry-store.schema.ts';

export type Rows = unknown[][];

/** partitions are named by UTC day (YYYYMMDD), so ts must fall in years 1970–9999 */
export const MAX_TS = 253_402_300_800_000;
export const STAGE = 'telemetry_stage';
export const LATEST_STAGE = 'telemetry_latest_stage';
export const ROLLUP_LOCK = `SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.telemetry_rollups'))`;
/** (class, writer id): held by a live writer for as long as its connection lasts */
export const WRITER_LOCK_CLASS = `hashtext(current_schema() || '.telemetry_writer')`;
export const P = (i: number) => `$${i}`;

export const dayName = (day: number) =>
  `${READINGS}_${new Date(day * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '')}`;
export const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const errorCode = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;

/** session-private staging tables, emptied at every commit; types match the binary COPY encoding */
export const CREATE_STAGES = [
  `CREATE TEMP TABLE ${STAGE} (seq int4, ts int8, kind int2, target_id int4, device_id int4, received_at int8, ` +
    `${VALUE_COLUMNS.map((v) => `${v} float8`).join(', ')}) ON COMMIT DELETE ROWS`,
  `CREATE TEMP TABLE ${LATEST_STAGE} (kind int2, target_id int4, ts int8, ` +
    `${VALUE_COLUMNS.map((v) => `${v} float8`).join(', ')}, ${TIME_COLUMNS.map((t) => `${t} int8`).join(', ')}) ` +
    'ON COMMIT DELETE ROWS',
];

export const INSERT_READINGS =
  `INSERT INTO ${READINGS} (${READING_COLUMNS.join(', ')}) ` +
  `SELECT ${READING_COLUMNS.join(', ')} FROM ${STAGE} ` +
  // key order gives concurrent writers one lock order; seq last so the first of equal rows wins
  'ORDER BY ts, kind, target_id, device_id, seq ON CONFLICT DO NOTHING RETURNING ts, kind, target_id, device_id';

const setLatest = [
  `ts = GREATEST(${LATEST}.ts, EXCLUDED.ts)`,
  ...VALUE_COLUMNS.map((v, m) => {
    const t = TIME_COLUMNS[m] as string;
    return `${v} = CASE WHEN EXCLUDED.${t} > ${LATEST}.${t} OR ${LATEST}.${t} IS NULL THEN EXCLUDED.${v} ELSE ${LATEST}.${v} END`;
  }),
  ...TIME_COLUMNS.map((t) => `${t} = GREATEST(${LATEST}.${t}, EXCLUDED.${t})`),
];
// Merged point by point in SQL rather than overwritten: several ingest processes may write one target.
// Key order: writers in several processes lock latest rows in one order.
export const UPSERT_LATEST =
  `INSERT INTO ${LATEST} (${LATEST_COLUMNS.join(', ')}) SELECT ${LATEST_COLUMNS.join(', ')} ` +
  `FROM ${LATEST_STAGE} ORDER BY kind, target_id ON CONFLICT (kind, target_id) DO UPDATE SET ${setLatest.join(', ')}`;
export const MARK_DIRTY =
  `INSERT INTO ${DIRTY} (level, bucket) SELECT $1::smallint, b FROM unnest($2::bigint[]) AS b ORDER BY b ` +
  `ON CONFLICT (level, bucket) DO UPDATE SET gen = ${DIRTY}.gen + 1`;
export const MARK_REPLAY =
  `INSERT INTO ${REPLAY} (writer, bucket) SELECT $1::int4, b FROM unnest($2::bigint[]) AS b ` +
  'ON CONFLICT DO NOTHING';
export const REPLAY_READ = `SELECT kind, target_id, ts, ${VALUE_COLUMNS.join(', ')} FROM ${READINGS} WHERE ts >= $1 AND ts < $2`;

/** Tasks run one after another (each starts when the one before has settled). */
export function lane() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
export type Lane = ReturnType<typeof lane>;
