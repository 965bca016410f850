// Pure ingest rules for one reading: time formats and clock limits, the metric catalogue, units' ranges.
import { METRIC_KEYS, METRICS, type IngestRejectionCode, type MetricDef } from '@hearth/contracts/telemetry';
import { METRIC_COUNT } from '../telemetry/reading-batch.ts';
import type { TargetKind } from '../telemetry/telemetry.store.ts';

export type ReadingLimits = {
  /** how far ahead of the server clock a reading may be (device clock skew), ms */
  maxFutureMs: number;
  /** how old a reading may be (at most the raw retention), ms */
  maxAgeMs: number;
};

export type RuleFailure = { ok: false; code: IngestRejectionCode; reason: string };
export type RuleResult = { ok: true; ts: number; values: (number | null)[] } | RuleFailure;

const METRIC_INDEX = new Map<string, number>(METRIC_KEYS.map((k, i) => [k, i]));
const DEFS: readonly MetricDef[] = METRIC_KEYS.map((k) => METRICS[k] as MetricDef);
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;
/** epoch ms before 2000-01-01 is taken for a mistake (seconds sent as ms, or an unset clock) */
const MIN_EPOCH_MS = 946_684_800_000;

const fail = (code: IngestRejectionCode, reason: string): RuleFailure => ({ ok: false, code, reason });

/** Whether `value` is a good point of metric `index` for a target of `kind` (the scanner's check). */
export function acceptablePoint(index: number, value: number, kind: TargetKind): boolean {
  const def = DEFS[index] as MetricDef;
  return (
    def.target === kind &&
    Number.isFinite(value) &&
    value >= def.min &&
    value <= def.max &&
    (def.integer !== true || Number.isInteger(value))
  );
}

/** the two digits of `s` at `at` as a number (the caller has matched them as digits) */
const twoDigits = (s: string, at: number) => (s.charCodeAt(at) - 48) * 10 + s.charCodeAt(at + 1) - 48;

/**
 * Whether the calendar and clock fields of a time ISO_WITH_OFFSET matched exist: Date.parse rolls
 * 2026-02-30 over to March 2 and 24:00 to the next day instead of refusing them.
 */
function realDateTime(ts: string): boolean {
  const year = twoDigits(ts, 0) * 100 + twoDigits(ts, 2);
  const month = twoDigits(ts, 5);
  const day = twoDigits(ts, 8);
  if (month < 1 || month > 12 || day < 1 || twoDigits(ts, 11) > 23 || twoDigits(ts, 14) > 59) return false;
  if (ts.charCodeAt(16) === 0x3a && twoDigits(ts, 17) > 59) return false; // seconds
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return (
    day <=
    (month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31)
  );
}

/** Epoch ms of an ISO 8601 time with an explicit offset, or of epoch milliseconds; null otherwise. */
export function parseReadingTime(ts: unknown): number | null {
  if (typeof ts === 'number') return Number.isInteger(ts) && ts >= MIN_EPOCH_MS ? ts : null;
  if (typeof ts !== 'string' || !ISO_WITH_OFFSET.test(ts) || !realDateTime(ts)) return null;
  const ms = Date.parse(ts);
  return Number.isFinite(ms) ? ms : null;
}

export function validateReading(
  raw: unknown,
  kind: TargetKind,
  now: number,
  limits: ReadingLimits,
): RuleResult {
  const values = new Float64Array(METRIC_COUNT).fill(NaN);
  const checked = checkReadingInto(raw, kind, now, limits, values, 0);
  if (typeof checked !== 'number') return checked;
  return { ok: true, ts: checked, values: Array.from(values, (v) => (Number.isNaN(v) ? null : v)) };
}

/**
 * The ingest hot path of validateReading: writes the values into `out` from `at` on (METRIC_KEYS order; the
 * caller pre-fills NaN, and a rejected reading may leave some written) and returns the reading's time in epoch
 * ms, or the failure.
 */
export function checkReadingInto(
  raw: unknown,
  kind: TargetKind,
  now: number,
  limits: ReadingLimits,
  out: Float64Array,
  at: number,
): number | RuleFailure {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail(
      'reading.malformed',
      '读数必须是 { ts, values } 对象 / a reading is an object { ts, values }',
    );
  }
  const { ts, values } = raw as { ts?: unknown; values?: unknown };
  const time = parseReadingTime(ts);
  if (time === null) {
    return fail(
      'reading.invalid_time',
      `时间格式无效 / ts must be ISO 8601 with an offset or epoch milliseconds, got ${JSON.stringify(ts)?.slice(0, 40)}`,
    );
  }
  if (time > now + limits.maxFutureMs) {
    return fail(
      'reading.future',
      `时间超前 ${Math.round((time - now) / 1000)} 秒 / ts is in the future (device clock?)`,
    );
  }
  if (time < now - limits.maxAgeMs) {
    return fail(
      'reading.too_old',
      `时间过早，超出保留期 / ts is older than the ${Math.round(limits.maxAgeMs / 86_400_000)}-day window`,
    );
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    return fail(
      'reading.malformed',
      'values 必须是 { 指标: 数值 } / values must be an object { metric: number }',
    );
  }
  let count = 0;
  // for…in with index-keyed lookups: this runs for every reading at hundreds of thousands per second
  for (const key in values) {
    const index = METRIC_INDEX.get(key);
    if (index === undefined)
      return fail('reading.unknown_metric', `未知指标 / unknown metric ${key.slice(0, 40)}`);
    const def = DEFS[index] as MetricDef;
    if (def.target !== kind) {
      return fail(
        'reading.unknown_metric',
        `指标 ${key} 不属于${kind === 'station' ? '换热站' : '住户'} / ${key} is not a ${kind} metric`,
      );
    }
    const value = (values as Record<string, unknown>)[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return fail('reading.not_a_number', `${key} 必须是数值 / ${key} must be a finite number`);
    }
    if (value < def.min || value > def.max) {
      return fail(
        'reading.out_of_range',
        `${key} = ${value} ${def.unit} 超出范围 [${def.min}, ${def.max}] / out of range`,
      );
    }
    if (def.integer === true && !Number.isInteger(value)) {
      return fail('reading.out_of_range', `${key} 只能是 0 或 1 / ${key} must be 0 or 1`);
    }
    out[at + index] = value;
    count++;
  }
  if (count === 0) return fail('reading.empty', '读数没有任何指标 / the reading has no values');
  return time;
}
