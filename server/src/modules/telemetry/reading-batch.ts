// Readings packed for the write path: one Float64Array row per reading, so a batch crosses to the store's
// worker thread without copying (transferred) and no object is allocated per reading on the way.
// This module is the only place that knows the layout of a row: everything else writes and reads packed rows
// through the functions below (rows are addressed by their index, values by their metric index).
import { METRIC_KEYS, type MetricTarget } from '@hearth/contracts/telemetry';

export const METRIC_COUNT = METRIC_KEYS.length;
/** field offsets within a row; the METRIC_COUNT values (METRIC_KEYS order) follow at VALUES_AT */
const TS = 0;
const KIND = 1;
const TARGET = 2;
const DEVICE = 3;
const RECEIVED = 4;
const VALUES_AT = 5;
const STRIDE = VALUES_AT + METRIC_COUNT;

/** kind codes as stored */
export const KIND_CODE: Record<MetricTarget, number> = { station: 0, household: 1 };

/** A reading as an object: one wide row per reading message (not one row per point). */
export type StoredReading = {
  kind: MetricTarget;
  targetId: number;
  /** 0 when the device is not known individually (external broker with its own authentication) */
  deviceId: number;
  /** measurement time, epoch ms (UTC) */
  ts: number;
  /** arrival time, epoch ms */
  receivedAt: number;
  /** value per metric in METRIC_KEYS order; null where the reading has no such point */
  values: readonly (number | null)[];
};

/**
 * `count` readings in `data`: ts and receivedAt in epoch ms, kind code, target and device id, then one value
 * per metric — NaN where the reading has no such point (values are finite).
 */
export type ReadingBatch = { count: number; data: Float64Array };

// ---- room for rows ----

/** a buffer with room for `rows` rows */
export const allocRows = (rows: number) => new Float64Array(rows * STRIDE);

/** how many rows `data` has room for */
export const rowCapacity = (data: Float64Array) => Math.floor(data.length / STRIDE);

/** `data` when it has room for `rows` rows, else a larger buffer holding its first `used` rows */
export function ensureRows(data: Float64Array, used: number, rows: number): Float64Array {
  if (rows * STRIDE <= data.length) return data;
  const grown = new Float64Array(Math.max(data.length * 2, rows * STRIDE));
  grown.set(data.subarray(0, used * STRIDE));
  return grown;
}

/** the first `count` rows of `data` as a batch (a view, no copy) */
export const batchOf = (data: Float64Array, count: number): ReadingBatch => ({
  count,
  data: data.subarray(0, count * STRIDE),
});

/** a copy of the first `count` rows of `data` */
export const copyBatch = (batch: ReadingBatch): ReadingBatch => ({
  count: batch.count,
  data: batch.data.slice(0, batch.count * STRIDE),
});

/** whether `batch.data` holds its `count` rows */
export const batchComplete = (batch: ReadingBatch) => batch.data.length >= batch.count * STRIDE;

/** copies `count` rows of `from` (from row `fromRow`) into `to` at row `toRow` */
export function copyRows(
  from: Float64Array,
  fromRow: number,
  to: Float64Array,
  toRow: number,
  count: number,
) {
  to.set(from.subarray(fromRow * STRIDE, (fromRow + count) * STRIDE), toRow * STRIDE);
}

// ---- writing ----

/** starts row `r`: everything but the time, and no values yet (the caller sets the time and the values) */
export function startRow(
  data: Float64Array,
  r: number,
  kind: number,
  targetId: number,
  deviceId: number,
  receivedAt: number,
): void {
  const o = r * STRIDE;
  data[o + KIND] = kind;
  data[o + TARGET] = targetId;
  data[o + DEVICE] = deviceId;
  data[o + RECEIVED] = receivedAt;
  data.fill(NaN, o + VALUES_AT, o + STRIDE);
}

/** sets kind, target, device and arrival time of rows [first, first + count) (time and values are kept) */
export function stampRows(
  data: Float64Array,
  first: number,
  count: number,
  kind: number,
  targetId: number,
  deviceId: number,
  receivedAt: number,
): void {
  for (let o = first * STRIDE, last = (first + count) * STRIDE; o < last; o += STRIDE) {
    data[o + KIND] = kind;
    data[o + TARGET] = targetId;
    data[o + DEVICE] = deviceId;
    data[o + RECEIVED] = receivedAt;
  }
}

/** clears the values of row `r` (no points) */
export function clearValues(data: Float64Array, r: number): void {
  const o = r * STRIDE + VALUES_AT;
  data.fill(NaN, o, o + METRIC_COUNT);
}

export function setTime(data: Float64Array, r: number, ts: number): void {
  data[r * STRIDE + TS] = ts;
}

/** sets metric `m`'s value (METRIC_KEYS index) of row `r` */
export function setValue(data: Float64Array, r: number, m: number, value: number): void {
  data[r * STRIDE + VALUES_AT + m] = value;
}

/**
 * Where the values of row `r` begin in `data`, for code that writes or reads a whole reading's values at once
 * (METRIC_COUNT numbers in METRIC_KEYS order; NaN = no such point).
 */
export const valuesAt = (r: number) => r * STRIDE + VALUES_AT;

// ---- reading ----

export const rowTs = (data: Float64Array, r: number) => data[r * STRIDE + TS] as number;
export const rowKind = (data: Float64Array, r: number) => data[r * STRIDE + KIND] as number;
export const rowTarget = (data: Float64Array, r: number) => data[r * STRIDE + TARGET] as number;
export const rowDevice = (data: Float64Array, r: number) => data[r * STRIDE + DEVICE] as number;
export const rowReceived = (data: Float64Array, r: number) => data[r * STRIDE + RECEIVED] as number;
/** metric `m`'s value of row `r`; NaN when the reading has no such point */
export const rowValue = (data: Float64Array, r: number, m: number) =>
  data[r * STRIDE + VALUES_AT + m] as number;

/** key comparison of rows a and b: ts, kind, target, device */
export function compareRowKeys(data: Float64Array, a: number, b: number): number {
  const x = a * STRIDE;
  const y = b * STRIDE;
  return (
    (data[x + TS] as number) - (data[y + TS] as number) ||
    (data[x + KIND] as number) - (data[y + KIND] as number) ||
    (data[x + TARGET] as number) - (data[y + TARGET] as number) ||
    (data[x + DEVICE] as number) - (data[y + DEVICE] as number)
  );
}

/** the key of row `r` as text: `ts:kind:target:device` */
export function rowKeyText(data: Float64Array, r: number): string {
  const o = r * STRIDE;
  return `${data[o + TS]}:${data[o + KIND]}:${data[o + TARGET]}:${data[o + DEVICE]}`;
}

/**
 * Writes row `r`'s fields into `out` from `at` on, in storage column order — ts, kind, target, device, arrival
 * time, then the values (null where there is no such point) — and returns the position after them.
 */
export function rowFields(data: Float64Array, r: number, out: unknown[], at: number): number {
  const o = r * STRIDE;
  let k = at;
  out[k++] = data[o + TS] as number;
  out[k++] = data[o + KIND] as number;
  out[k++] = data[o + TARGET] as number;
  out[k++] = data[o + DEVICE] as number;
  out[k++] = data[o + RECEIVED] as number;
  for (let m = o + VALUES_AT; m < o + STRIDE; m++) {
    const v = data[m] as number;
    out[k++] = v === v ? v : null;
  }
  return k;
}

/**
 * Throws unless every row of the batch is whole and names a known kind, and its time passes `validTs`
 * (the store's range of times).
 */
export function checkBatch(batch: ReadingBatch, validTs?: (ts: number) => boolean): void {
  const { count: n, data } = batch;
  if (data.length < n * STRIDE) throw new RangeError('reading batch shorter than its count');
  for (let r = 0; r < n; r++) {
    const o = r * STRIDE;
    const kind = data[o + KIND] as number;
    if (kind !== KIND_CODE.station && kind !== KIND_CODE.household) {
      throw new TypeError(`unknown target kind at row ${r}`);
    }
    if (validTs && !validTs(data[o + TS] as number)) throw new RangeError(`ts out of range at row ${r}`);
  }
}

/** The values of row `r` as the API's nullable list (METRIC_KEYS order). */
export function rowValues(batch: ReadingBatch, r: number): (number | null)[] {
  const out = new Array<number | null>(METRIC_COUNT);
  const o = r * STRIDE + VALUES_AT;
  for (let m = 0; m < METRIC_COUNT; m++) {
    const v = batch.data[o + m] as number;
    out[m] = Number.isNaN(v) ? null : v;
  }
  return out;
}

/** Row `r` as an object (tests, tools). */
export function unpackRow(batch: ReadingBatch, r: number): StoredReading {
  const { data } = batch;
  const code = rowKind(data, r);
  return {
    kind: code === KIND_CODE.household ? 'household' : 'station',
    targetId: rowTarget(data, r),
    deviceId: rowDevice(data, r),
    ts: rowTs(data, r),
    receivedAt: rowReceived(data, r),
    values: rowValues(batch, r),
  };
}

// ---- building ----

/** Appends rows to a growing buffer; `take()` hands the filled part over (the builder is done then). */
export function createBatchBuilder(initialRows = 64) {
  let data: Float64Array = allocRows(initialRows);
  let count = 0;
  return {
    get count() {
      return count;
    },
    /** a new row with no values yet (set them with `value`); returns its index */
    add(kind: number, targetId: number, deviceId: number, ts: number, receivedAt: number): number {
      data = ensureRows(data, count, count + 1);
      startRow(data, count, kind, targetId, deviceId, receivedAt);
      setTime(data, count, ts);
      return count++;
    },
    /** sets metric `m`'s value of row `r` */
    value(r: number, m: number, v: number): void {
      data[r * STRIDE + VALUES_AT + m] = v;
    },
    take(): ReadingBatch {
      return { count, data: count * STRIDE === data.length ? data : data.slice(0, count * STRIDE) };
    },
  };
}

/** Packs readings given as objects (tests, tools). */
export function packReadings(rows: readonly StoredReading[]): ReadingBatch {
  const builder = createBatchBuilder(Math.max(1, rows.length));
  for (const row of rows) {
    const code = KIND_CODE[row.kind];
    if (code === undefined) throw new TypeError(`unknown target kind ${String(row.kind)}`);
    const r = builder.add(code, row.targetId, row.deviceId, row.ts, row.receivedAt);
    for (let m = 0; m < METRIC_COUNT; m++) {
      const v = row.values[m];
      if (v !== null && v !== undefined) builder.value(r, m, v);
    }
  }
  return builder.take();
}
