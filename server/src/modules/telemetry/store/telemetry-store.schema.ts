// Telemetry storage layout shared by both engines: table and column names derived from METRIC_KEYS, codes, rollup SQL.
import { METRIC_KEYS, METRICS, type MetricKey } from '@hearth/contracts/telemetry';
import {
  ROLLUP_MS,
  type LatestRecord,
  type PointValue,
  type RollupLevel,
  type TargetKind,
} from '../telemetry.store.ts';
import { KIND_CODE, METRIC_COUNT } from '../reading-batch.ts';

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** reading value columns, in METRIC_KEYS order (the storage column order) */
export const VALUE_COLUMNS = METRIC_KEYS.map((k) => `m_${snake(k)}`);
/** per-point time columns of telemetry_latest (epoch ms), in METRIC_KEYS order */
export const TIME_COLUMNS = METRIC_KEYS.map((k) => `t_${snake(k)}`);
/** per-metric aggregate columns of the rollup tables, in METRIC_KEYS order */
export const ROLLUP_COLUMNS = METRIC_KEYS.map((k) => {
  const s = snake(k);
  return { min: `min_${s}`, max: `max_${s}`, sum: `sum_${s}`, cnt: `cnt_${s}` };
});
const METRIC_INDEX = new Map<MetricKey, number>(METRIC_KEYS.map((k, i) => [k, i]));

export const READINGS = 'telemetry_readings';
export const LATEST = 'telemetry_latest';
export const DIRTY = 'telemetry_rollup_dirty';
/** (writer, 15-min bucket): buckets holding readings whose latest values that writer has not flushed yet */
export const REPLAY = 'telemetry_latest_replay';
/** how long merged latest values may stay unwritten to telemetry_latest (replay marks cover a crash meanwhile) */
export const LATEST_FLUSH_MS = 1000;
export const READING_KEY = ['ts', 'kind', 'target_id', 'device_id'] as const;
export const READING_COLUMNS = [...READING_KEY, 'received_at', ...VALUE_COLUMNS];
export const LATEST_COLUMNS = ['kind', 'target_id', 'ts', ...VALUE_COLUMNS, ...TIME_COLUMNS];

/** level codes stored in telemetry_rollup_dirty.level; each level is built from the one before */
export const LEVELS: readonly RollupLevel[] = ['15m', '1h', '1d'];
export const rollupTable = (level: RollupLevel) => `telemetry_rollup_${level}`;
export const BUCKET_MS = ROLLUP_MS['15m'];
export const DAY_MS = ROLLUP_MS['1d'];
/** UTC-aligned bucket start; a `1d` bucket is a UTC day, not a city-time day */
export const bucketOf = (ts: number, ms: number) => Math.floor(ts / ms) * ms;

/**
 * Start of the rollup bucket of `level` holding `ts`. Days begin at midnight city time: `dayOffsetMs` is the
 * city's fixed UTC offset (China has no daylight saving time); 15-minute and hour buckets are the same in
 * UTC and city time for whole-hour offsets.
 */
export const rollupBucket = (ts: number, level: RollupLevel, dayOffsetMs: number) =>
  level === '1d' ? bucketOf(ts + dayOffsetMs, ROLLUP_MS['1d']) - dayOffsetMs : bucketOf(ts, ROLLUP_MS[level]);

/**
 * SQL that rebuilds one bucket of `level` for every target: from raw readings for 15 min, otherwise from
 * the level below (min of mins, max of maxes, sum of sums, sum of counts). `p(i)` renders placeholder i
 * (1-based): 1 = bucket, 2 = range start, 3 = range end. A 15-min bucket rebuilt after its raw rows were purged
 * would lose them: ingest must refuse readings older than the raw retention (purgeRaw rolls up first).
 */
export function rollupInsertSql(level: RollupLevel, p: (i: number) => string): string {
  return `INSERT INTO ${rollupTable(level)} (${ROLLUP_ROW_COLUMNS.join(', ')}) ${rollupSelectSql(level, p)}`;
}

/** The columns of a rollup row, in the order rollupSelectSql gives them. */
export const ROLLUP_ROW_COLUMNS = [
  'bucket',
  'kind',
  'target_id',
  ...ROLLUP_COLUMNS.flatMap((c) => [c.min, c.max, c.sum, c.cnt]),
];

/** The rows of one bucket of `level`, computed (see rollupInsertSql for the placeholders). */
export function rollupSelectSql(level: RollupLevel, p: (i: number) => string): string {
  const fromRaw = level === '15m';
  const source = fromRaw ? READINGS : rollupTable(LEVELS[LEVELS.indexOf(level) - 1] as RollupLevel);
  const timeColumn = fromRaw ? 'ts' : 'bucket';
  const aggregates = ROLLUP_COLUMNS.map((c, i) => {
    const v = VALUE_COLUMNS[i] as string;
    return fromRaw
      ? `MIN(${v}), MAX(${v}), SUM(${v}), COUNT(${v})`
      : `MIN(${c.min}), MAX(${c.max}), SUM(${c.sum}), SUM(${c.cnt})`;
  });
  return (
    `SELECT ${p(1)}, kind, target_id, ${aggregates.join(', ')} FROM ${source} ` +
    `WHERE ${timeColumn} >= ${p(2)} AND ${timeColumn} < ${p(3)} GROUP BY kind, target_id`
  );
}

export function seriesSql(level: RollupLevel, metric: MetricKey, p: (i: number) => string): string {
  const c = ROLLUP_COLUMNS[METRIC_INDEX.get(metric) ?? -1];
  if (!c) throw new RangeError(`unknown metric ${metric}`);
  return (
    `SELECT bucket, ${c.min}, ${c.max}, ${c.sum}, ${c.cnt} FROM ${rollupTable(level)} ` +
    `WHERE kind = ${p(1)} AND target_id = ${p(2)} AND bucket >= ${p(3)} AND bucket < ${p(4)} AND ${c.cnt} > 0 ` +
    'ORDER BY bucket'
  );
}

export const bucketCountsSql = (level: RollupLevel, p: (i: number) => string) =>
  `SELECT target_id, COUNT(*) FROM ${rollupTable(level)} WHERE kind = ${p(1)} AND bucket >= ${p(2)} AND bucket < ${p(3)} GROUP BY target_id`;

/**
 * Analog station points that a working instrument never holds perfectly still (temperatures, pressures, flow,
 * heat power): a value that does not move over hours is a stuck sensor. Counters, switches and meters that may
 * honestly read a constant (heat total, pump state, make-up water, fuel) are left out.
 */
export const FLAT_CHECKED = METRIC_KEYS.map((k, m) => ({ k, m })).filter(
  ({ k }) =>
    METRICS[k].target === 'station' &&
    (k.endsWith('Temp') || k.endsWith('Pressure') || k === 'flow' || k === 'heatPower'),
);

/**
 * Per target: how many checked points had one single non-zero value in every reading of [p(2), p(3)) of the
 * 15-minute rollup, over at least p(4) readings. p(1) = kind. p(4) occurs once per point: numbered placeholders.
 */
export function flatPointsSql(p: (i: number) => string): string {
  const terms = FLAT_CHECKED.map(({ m }) => {
    const c = ROLLUP_COLUMNS[m] as (typeof ROLLUP_COLUMNS)[number];
    return (
      `(CASE WHEN SUM(${c.cnt}) >= ${p(4)} AND MIN(${c.min}) = MAX(${c.max}) AND MIN(${c.min}) <> 0 ` +
      'THEN 1 ELSE 0 END)'
    );
  });
  return (
    `SELECT target_id, ${terms.join(' + ')} FROM ${rollupTable('15m')} ` +
    `WHERE kind = ${p(1)} AND bucket >= ${p(2)} AND bucket < ${p(3)} GROUP BY target_id`
  );
}

export const rawSql = (p: (i: number) => string) =>
  `SELECT ts, device_id, received_at, ${VALUE_COLUMNS.join(', ')} FROM ${READINGS} ` +
  `WHERE ts >= ${p(1)} AND ts < ${p(2)} AND kind = ${p(3)} AND target_id = ${p(4)} ` +
  // the time-first key serves this: reads are rarer than writes, so no per-target index
  `ORDER BY ts, kind, target_id, device_id LIMIT ${p(5)}`;

/** Latest values of one target. A point's time is -Infinity while the target never reported it. */
export type LatestState = { ts: number; values: Float64Array; times: Float64Array };

export const latestKey = (kind: number, targetId: number) => kind * 4_294_967_296 + targetId;

export function emptyLatest(): LatestState {
  return {
    ts: -Infinity,
    values: new Float64Array(METRIC_COUNT),
    times: new Float64Array(METRIC_COUNT).fill(-Infinity),
  };
}

/**
 * Merges one reading into the points at `base` of `values`/`times`: a point moves only forward in time (on a
 * tie the value already held stays).
 */
export function mergePoints(
  values: Float64Array,
  times: Float64Array,
  base: number,
  ts: number,
  reading: readonly (number | null)[],
): void {
  for (let m = 0; m < METRIC_COUNT; m++) {
    const v = reading[m];
    if (v !== null && v !== undefined && ts > (times[base + m] as number)) {
      values[base + m] = v;
      times[base + m] = ts;
    }
  }
}

/** As mergePoints, for a packed row's values at `at` of `data` (NaN = no such point). */
export function mergePacked(
  values: Float64Array,
  times: Float64Array,
  base: number,
  ts: number,
  data: Float64Array,
  at: number,
): void {
  for (let m = 0; m < METRIC_COUNT; m++) {
    const v = data[at + m] as number;
    // NaN compares false: an absent point never moves
    if (v === v && ts > (times[base + m] as number)) {
      values[base + m] = v;
      times[base + m] = ts;
    }
  }
}

export function mergeLatest(s: LatestState, ts: number, reading: readonly (number | null)[]): void {
  if (ts > s.ts) s.ts = ts;
  mergePoints(s.values, s.times, 0, ts, reading);
}

/** numbers per target in a packed list of latest states: key, ts, values, times (−∞ = never reported) */
export const LATEST_STATE_WIDTH = 2 + 2 * METRIC_COUNT;

/** Writes one target's state at `at` of `out`; returns the position after it. */
export function packLatestState(out: Float64Array, at: number, key: number, s: LatestState): number {
  out[at] = key;
  out[at + 1] = s.ts;
  out.set(s.values, at + 2);
  out.set(s.times, at + 2 + METRIC_COUNT);
  return at + LATEST_STATE_WIDTH;
}

/** Reads the states of a packed list into `into` (key → state), replacing what it held for those keys. */
export function unpackLatestStates(packed: Float64Array, into: Map<number, LatestState>): void {
  for (let at = 0; at + LATEST_STATE_WIDTH <= packed.length; at += LATEST_STATE_WIDTH) {
    const key = packed[at] as number;
    let state = into.get(key);
    if (!state) into.set(key, (state = emptyLatest()));
    state.ts = packed[at + 1] as number;
    state.values.set(packed.subarray(at + 2, at + 2 + METRIC_COUNT));
    state.times.set(packed.subarray(at + 2 + METRIC_COUNT, at + LATEST_STATE_WIDTH));
  }
}

/** The latest records of `kind` in a key → state map: of the given targets, or of all of that kind. */
export function latestRecords(
  states: ReadonlyMap<number, LatestState>,
  kind: TargetKind,
  targetIds?: readonly number[],
): Map<number, LatestRecord> {
  const code = KIND_CODE[kind];
  const out = new Map<number, LatestRecord>();
  if (targetIds) {
    for (const id of targetIds) {
      const s = states.get(latestKey(code, id));
      if (s) out.set(id, toLatestRecord(s));
    }
  } else {
    for (const [key, s] of states) {
      const id = key - code * 4_294_967_296;
      if (id >= 0 && id < 4_294_967_296) out.set(id, toLatestRecord(s));
    }
  }
  return out;
}

/** Builds the in-memory state from a stored latest row laid out as LATEST_COLUMNS (kind, target_id first). */
export function latestFromRow(row: readonly unknown[]): LatestState {
  const s = emptyLatest();
  s.ts = Number(row[2]);
  for (let m = 0; m < METRIC_COUNT; m++) {
    const v = row[3 + m];
    const t = row[3 + METRIC_COUNT + m];
    if (v !== null && v !== undefined && t !== null && t !== undefined) {
      s.values[m] = Number(v);
      s.times[m] = Number(t);
    }
  }
  return s;
}

export function toLatestRecord(s: LatestState): LatestRecord {
  const points: Partial<Record<MetricKey, PointValue>> = {};
  for (let m = 0; m < METRIC_COUNT; m++) {
    const t = s.times[m] as number;
    if (t !== -Infinity) points[METRIC_KEYS[m] as MetricKey] = { value: s.values[m] as number, ts: t };
  }
  return { ts: s.ts, points };
}
