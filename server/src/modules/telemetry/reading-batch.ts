// Readings packed for the write path: one Float64Array row per reading, so a batch crosses to the store's
// worker thread without copying (transferred) and no object is allocated per reading on the way.
import { METRIC_KEYS, type MetricTarget } from '@hearth/contracts/telemetry';

export const METRIC_COUNT = METRIC_KEYS.length;
/** field offsets within a row; the METRIC_COUNT values (METRIC_KEYS order) follow at VALUES_AT */
export const TS = 0;
export const KIND = 1;
export const TARGET = 2;
export const DEVICE = 3;
export const RECEIVED = 4;
export const VALUES_AT = 5;
export const STRIDE = VALUES_AT + METRIC_COUNT;

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
 * `count` readings in `data` (STRIDE numbers each): ts and receivedAt in epoch ms, kind code, target and
 * device id, then one value per metric — NaN where the reading has no such point (values are finite).
 */
export type ReadingBatch = { count: number; data: Float64Array };

/** Appends rows to a growing buffer; `take()` hands the filled part over (the builder is done then). */
export function createBatchBuilder(initialRows = 64) {
  let data = new Float64Array(initialRows * STRIDE);
  let count = 0;
  return {
    get count() {
      return count;
    },
    /** offset of a new row whose values are all NaN; the caller fills it */
    add(kind: number, targetId: number, deviceId: number, ts: number, receivedAt: number): number {
      if ((count + 1) * STRIDE > data.length) {
        const grown = new Float64Array(data.length * 2);
        grown.set(data);
        data = grown;
      }
      const o = count * STRIDE;
      data[o + TS] = ts;
      data[o + KIND] = kind;
      data[o + TARGET] = targetId;
      data[o + DEVICE] = deviceId;
      data[o + RECEIVED] = receivedAt;
      data.fill(NaN, o + VALUES_AT, o + STRIDE);
      count++;
      return o;
    },
    /** the buffer rows are written into (valid until the next add) */
    get data() {
      return data;
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
    const o = builder.add(code, row.targetId, row.deviceId, row.ts, row.receivedAt);
    for (let m = 0; m < METRIC_COUNT; m++) {
      const v = row.values[m];
      if (v !== null && v !== undefined) builder.data[o + VALUES_AT + m] = v;
    }
  }
  return builder.take();
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
