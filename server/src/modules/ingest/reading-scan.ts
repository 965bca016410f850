// The ingest fast path: scans a JSON message of readings byte by byte and writes each good reading of the
// device's own target straight into packed rows — no parsed objects, no strings, one pass. It only ever says
// "accepted as is" for a reading: anything else about an item (a rule it breaks, a foreign or odd target, an
// escape in a string) makes it an exception, handed with its exact byte range to the general path (JSON.parse
// + reading.rules), and anything it does not recognise about the message as a whole gives up on the message
// (null), so the general path decides — with JSON.parse's own errors. The differential test holds the two
// paths to the same results.
//
// Written for speed: the message is copied into a scratch buffer padded with zero bytes (no read past the end,
// a zero stops every loop and is never valid JSON outside a string), positions travel as return values, and
// the few results that cannot (a number's end, a string's end) go through module slots.
import { METRIC_KEYS } from '@hearth/contracts/telemetry';
import { MAX_JSON_DEPTH } from '../../lib/json-depth.ts';
import { METRIC_COUNT, clearValues, setTime, setValue } from '../telemetry/reading-batch.ts';
import { acceptablePoint, parseReadingTime, type ReadingLimits } from './reading.rules.ts';
import type { TargetKind } from '../telemetry/telemetry.store.ts';

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

/**
 * Nesting deeper than this (counted from the message's top, as jsonDepthExceeds counts it) is never taken: the
 * general path refuses such a message whole (message.too_deep), so the scanner gives it up (null).
 */
const MAX_DEPTH = MAX_JSON_DEPTH;
/** significand digits for which digits · 10^e (|e| ≤ 22) is one exact IEEE operation (Clinger's fast path) */
const EXACT_DIGITS = 15;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
/** zero bytes after the message: more than the longest metric key, so key probes stay inside the buffer */
const PADDING = 32;

const enc = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const KEY_TS = enc('ts');
const KEY_VALUES = enc('values');
const KEY_STATION = enc('stationCode');
const KEY_HOUSEHOLD = enc('householdCode');
const METRIC_BYTES = METRIC_KEYS.map(enc);
const TRUE = enc('true');
const FALSE = enc('false');
const NULL = enc('null');

/** the shortest reading the scanner can accept, `{"ts":946684800000,"values":{"flow":0}}`, rounded down */
export const MIN_READING_BYTES = 32;

/** Where the readings of the message belong, as the scanner sees it. */
export type ScanTarget = {
  kind: TargetKind;
  /** the device's own target code, UTF-8 */
  code: Uint8Array;
  /** HTTP: each item names its target (`stationCode` / `householdCode`); MQTT: the topic did, items do not */
  perItem: boolean;
};

/** An item the scanner did not accept: its index in the message and its text, [start, end) of the bytes. */
export type ScanException = { index: number; start: number; end: number };

export type ScanResult = {
  /** items in the message (an MQTT message of one object counts 1) */
  items: number;
  /** whether the message was a JSON array (an MQTT message may be a single object) */
  array: boolean;
  /** rows written from `out`'s first row on, and for each its item index and time */
  rows: number;
  rowIndex: number[];
  times: number[];
  exceptions: ScanException[];
};

/** the message, zero-padded; reused (scanning is synchronous) */
let text = Buffer.alloc(64 * 1024);
/** where the last readNumber's number ended */
let numberEnd = 0;
/** where the last readPlainString's content ended (its closing quote) */
let stringEnd = 0;
/** the time read by the last scanItem */
let itemTs = NaN;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isDigit = (c: number) => c >= ZERO && c <= NINE;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

function skipSpace(t: Buffer, i: number): number {
  while (isSpace(t[i] as number)) i++;
  return i;
}

/** whether t[start, end) holds exactly `key` */
function sameBytes(t: Buffer, start: number, end: number, key: Uint8Array): boolean {
  if (end - start !== key.length) return false;
  for (let k = 0; k < key.length; k++) if (t[start + k] !== key[k]) return false;
  return true;
}

/** a JSON number at `at`, strictly by the grammar (sets numberEnd); NaN when there is none */
function readNumber(t: Buffer, at: number): number {
  let i = at;
  const negative = t[i] === MINUS;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0; // significant digits in the mantissa
  let exponent = 0;
  let inexact = false; // a non-zero digit did not fit the mantissa
  let c = t[i] as number;
  if (c === ZERO) c = t[++i] as number;
  else if (c > ZERO && c <= NINE) {
    do {
      if (digits < EXACT_DIGITS) {
        mantissa = mantissa * 10 + (c - ZERO);
        digits++;
      } else {
        exponent++;
        if (c !== ZERO) inexact = true;
      }
      c = t[++i] as number;
    } while (c >= ZERO && c <= NINE);
  } else return NaN;
  if (c === DOT) {
    c = t[++i] as number;
    if (c < ZERO || c > NINE) return NaN;
    do {
      if (digits < EXACT_DIGITS) {
        mantissa = mantissa * 10 + (c - ZERO);
        exponent--;
        if (mantissa > 0) digits++; // leading zeros of 0.00… are not significant
      } else if (c !== ZERO) inexact = true;
      c = t[++i] as number;
    } while (c >= ZERO && c <= NINE);
  }
  if (c === 0x65 || c === 0x45) {
    c = t[++i] as number;
    let sign = 1;
    if (c === PLUS || c === MINUS) {
      if (c === MINUS) sign = -1;
      c = t[++i] as number;
    }
    if (c < ZERO || c > NINE) return NaN;
    let e = 0;
    do {
      if (e < 100_000) e = e * 10 + (c - ZERO);
      c = t[++i] as number;
    } while (c >= ZERO && c <= NINE);
    exponent += sign * e;
  }
  numberEnd = i;
  // exact operands and one IEEE operation: correctly rounded, as Number() would give
  if (inexact || exponent < -22 || exponent > 22) return Number(t.toString('latin1', at, i));
  const value =
    exponent >= 0 ? mantissa * (POW10[exponent] as number) : mantissa / (POW10[-exponent] as number);
  return negative ? -value : value;
}

/** a string without escapes at `at` (its quote; sets stringEnd); false when it has escapes or is not JSON */
function readPlainString(t: Buffer, at: number): boolean {
  if (t[at] !== QUOTE) return false;
  let i = at + 1;
  let c = t[i] as number;
  while (c !== QUOTE) {
    if (c < 0x20 || c === BACKSLASH) return false; // a zero (the padding) ends here too
    c = t[++i] as number;
  }
  stringEnd = i;
  return true;
}

/**
 * Skips any JSON value at `at` (strings with escapes, nesting) inside `depth` open arrays and objects; its end,
 * or -1 when it is not valid JSON or nests deeper than MAX_DEPTH in all.
 */
function skipValue(t: Buffer, at: number, depth: number): number {
  let i = at;
  const c = t[i] as number;
  if (c === QUOTE) {
    i++;
    for (;;) {
      const d = t[i] as number;
      if (d < 0x20) return -1;
      if (d === QUOTE) return i + 1;
      if (d === BACKSLASH) {
        const e = t[i + 1] as number;
        if (e === 0x75) {
          for (let k = 2; k < 6; k++) if (!isHex(t[i + k] as number)) return -1;
          i += 6;
        } else if (
          e === QUOTE ||
          e === BACKSLASH ||
          e === 0x2f ||
          e === 0x62 ||
          e === 0x66 ||
          e === 0x6e ||
          e === 0x72 ||
          e === 0x74
        ) {
          i += 2;
        } else return -1;
      } else i++;
    }
  }
  if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
    if (depth >= MAX_DEPTH) return -1;
    const object = c === OPEN_OBJECT;
    const close = object ? CLOSE_OBJECT : CLOSE_ARRAY;
    i = skipSpace(t, i + 1);
    if (t[i] === close) return i + 1;
    for (;;) {
      if (object) {
        if (t[i] !== QUOTE) return -1; // keys are strings
        i = skipValue(t, i, depth + 1);
        if (i < 0) return -1;
        i = skipSpace(t, i);
        if (t[i] !== COLON) return -1;
        i = skipSpace(t, i + 1);
      }
      i = skipValue(t, i, depth + 1);
      if (i < 0) return -1;
      i = skipSpace(t, i);
      if (t[i] === close) return i + 1;
      if (t[i] !== COMMA) return -1;
      i = skipSpace(t, i + 1);
    }
  }
  if (c === 0x74) return sameBytes(t, i, i + 4, TRUE) ? i + 4 : -1;
  if (c === 0x66) return sameBytes(t, i, i + 5, FALSE) ? i + 5 : -1;
  if (c === 0x6e) return sameBytes(t, i, i + 4, NULL) ? i + 4 : -1;
  return Number.isNaN(readNumber(t, i)) ? -1 : numberEnd;
}

/**
 * The metric whose quoted key starts at `at` (its quote), trying `guess` first (devices send keys in one
 * order), with the position after its closing quote in stringEnd; -1 when it is not a plain known metric.
 */
function readMetricKey(t: Buffer, at: number, guess: number): number {
  for (let n = 0; n < METRIC_COUNT; n++) {
    const m = (guess + n) % METRIC_COUNT;
    const key = METRIC_BYTES[m] as Uint8Array;
    const close = at + 1 + key.length;
    if (t[close] !== QUOTE) continue;
    let k = 0;
    while (k < key.length && t[at + 1 + k] === key[k]) k++;
    if (k === key.length) {
      stringEnd = close;
      return m;
    }
  }
  return -1;
}

/**
 * Scans the values object at `i` into the row's values (pre-filled NaN); its end, or -1 unless it is a
 * non-empty object of known metrics of the target's kind, each a number inside its range.
 */
function scanValues(t: Buffer, i: number, out: Float64Array, row: number, kind: TargetKind): number {
  if (t[i] !== OPEN_OBJECT) return -1;
  i = skipSpace(t, i + 1);
  if (t[i] === CLOSE_OBJECT) return -1; // reading.empty
  let guess = 0;
  for (;;) {
    if (t[i] !== QUOTE) return -1;
    const metric = readMetricKey(t, i, guess);
    if (metric < 0) return -1;
    guess = metric + 1;
    i = skipSpace(t, stringEnd + 1);
    if (t[i] !== COLON) return -1;
    i = skipSpace(t, i + 1);
    const value = readNumber(t, i);
    if (Number.isNaN(value) || !acceptablePoint(metric, value, kind)) return -1;
    setValue(out, row, metric, value);
    i = skipSpace(t, numberEnd);
    if (t[i] === CLOSE_OBJECT) return i + 1;
    if (t[i] !== COMMA) return -1;
    i = skipSpace(t, i + 1);
  }
}

/**
 * Scans the item at `i`, inside `depth` open arrays (1 in a batch, 0 for a single MQTT reading), into `row`; its
 * end when it is a good reading of the device's own target (its time in itemTs), otherwise -1 (the caller then
 * skips the item from its start).
 */
function scanItem(
  t: Buffer,
  i: number,
  depth: number,
  out: Float64Array,
  row: number,
  target: ScanTarget,
  now: number,
  limits: ReadingLimits,
): number {
  if (t[i] !== OPEN_OBJECT) return -1;
  i = skipSpace(t, i + 1);
  if (t[i] === CLOSE_OBJECT) return -1;
  let ts = NaN;
  let sawValues = false;
  let codes = 0;
  let own = !target.perItem;
  for (;;) {
    if (!readPlainString(t, i)) return -1;
    const keyStart = i + 1;
    const keyEnd = stringEnd;
    i = skipSpace(t, keyEnd + 1);
    if (t[i] !== COLON) return -1;
    i = skipSpace(t, i + 1);
    if (sameBytes(t, keyStart, keyEnd, KEY_VALUES)) {
      // the last `values` wins, as with JSON.parse
      clearValues(out, row);
      i = scanValues(t, i, out, row, target.kind);
      if (i < 0) return -1;
      sawValues = true;
    } else if (sameBytes(t, keyStart, keyEnd, KEY_TS)) {
      let time: number | null;
      if (t[i] === QUOTE) {
        if (!readPlainString(t, i)) return -1;
        time = parseReadingTime(t.toString('latin1', i + 1, stringEnd));
        i = stringEnd + 1;
      } else {
        time = parseReadingTime(readNumber(t, i));
        i = numberEnd;
      }
      if (time === null) return -1;
      ts = time;
    } else if (
      target.perItem &&
      (sameBytes(t, keyStart, keyEnd, KEY_STATION) || sameBytes(t, keyStart, keyEnd, KEY_HOUSEHOLD))
    ) {
      // one code, a plain string naming the device's own target; anything else is the general path's
      if (codes++ > 0 || !readPlainString(t, i)) return -1;
      const household = keyEnd - keyStart === KEY_HOUSEHOLD.length;
      own = household === (target.kind === 'household') && sameBytes(t, i + 1, stringEnd, target.code);
      i = stringEnd + 1;
    } else {
      i = skipValue(t, i, depth + 1); // inside the item
      if (i < 0) return -1;
    }
    i = skipSpace(t, i);
    if (t[i] === CLOSE_OBJECT) {
      i++;
      break;
    }
    if (t[i] !== COMMA) return -1;
    i = skipSpace(t, i + 1);
  }
  if (!own || !sawValues || Number.isNaN(ts)) return -1;
  if (ts > now + limits.maxFutureMs || ts < now - limits.maxAgeMs) return -1;
  itemTs = ts;
  return i;
}

/**
 * One scan over the message `bytes`. Rows go to `out` (packed, reading-batch.ts) from row `firstRow` on — it must
 * have room for bytes.length / MIN_READING_BYTES rows — with their time and values; the caller fills in kind,
 * target, device and arrival time. Null: not a message this scanner takes (no array for HTTP, more than
 * `maxItems` items, anything it does not recognise as valid JSON): the general path decides.
 */
export function scanReadings(
  bytes: Uint8Array,
  target: ScanTarget,
  now: number,
  limits: ReadingLimits,
  out: Float64Array,
  firstRow: number,
  maxItems: number,
): ScanResult | null {
  const end = bytes.length;
  if (text.length < end + PADDING) text = Buffer.alloc(Math.max(end + PADDING, text.length * 2));
  const t = text;
  t.set(bytes);
  t.fill(0, end, end + PADDING);

  const result: ScanResult = { items: 0, array: false, rows: 0, rowIndex: [], times: [], exceptions: [] };
  let i = skipSpace(t, 0);
  result.array = t[i] === OPEN_ARRAY;
  if (result.array) {
    i = skipSpace(t, i + 1);
    if (t[i] === CLOSE_ARRAY) return skipSpace(t, i + 1) === end ? result : null;
  } else if (target.perItem || t[i] !== OPEN_OBJECT) return null;
  const depth = result.array ? 1 : 0; // arrays and objects around each item
  for (;;) {
    if (result.items >= maxItems) return null;
    const index = result.items++;
    const row = firstRow + result.rows;
    const next = scanItem(t, i, depth, out, row, target, now, limits);
    if (next < 0) {
      // not taken as is: the whole item, if it is valid JSON, goes to the general path
      const itemEnd = skipValue(t, i, depth);
      if (itemEnd < 0) return null;
      result.exceptions.push({ index, start: i, end: itemEnd });
      i = itemEnd;
    } else {
      setTime(out, row, itemTs);
      result.rowIndex.push(index);
      result.times.push(itemTs);
      result.rows++;
      i = next;
    }
    i = skipSpace(t, i);
    if (!result.array) break;
    if (t[i] === CLOSE_ARRAY) {
      i++;
      break;
    }
    if (t[i] !== COMMA) return null;
    i = skipSpace(t, i + 1);
  }
  return skipSpace(t, i) === end ? result : null;
}
