// The ingest fast path against the general path (JSON.parse + reading.rules): for thousands of generated
// messages — clean, odd, invalid, mutated — both must store the same rows and answer the same results,
// dead letters and errors. Plus the scanner's numbers against Number(), and the clean case taking no detour.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { METRIC_KEYS, METRICS, type MetricKey } from '@hearth/contracts/telemetry';
import { createRng, type Rng } from '../demo-city/prng.ts';
import type { DeviceIdentity } from '../devices/devices.service.ts';
import type { DeadLetter, IngestRepository } from './ingest.repository.ts';
import { createIngestService } from './ingest.service.ts';
import { outcomeJson, outcomeResults, type IngestOutcome } from './ingest-outcome.ts';
import { allocRows, rowFields, rowValue } from '../telemetry/reading-batch.ts';
import { MIN_READING_BYTES, scanReadings } from './reading-scan.ts';
import { TOO_DEEP, decodePayload } from './mqtt/payload.ts';
import { MAX_JSON_DEPTH, jsonDepthExceeds } from '../../lib/json-depth.ts';
import type { TelemetryStore } from '../telemetry/telemetry.store.ts';
import type { TelemetryWriter } from './ingest.writer.ts';

const NOW = Date.UTC(2026, 10, 30, 8, 0, 0);
const LIMITS = { maxFutureMs: 300_000, maxAgeMs: 30 * 86_400_000 };
const STATION: DeviceIdentity = {
  id: 7,
  enterpriseId: 3,
  kind: 'station',
  targetId: 41,
  targetCode: 'ST-00041',
  topic: 'hearth/v1/stations/ST-00041/telemetry',
};
const HOUSEHOLD: DeviceIdentity = {
  id: 8,
  enterpriseId: 3,
  kind: 'household',
  targetId: 9001,
  targetCode: 'HH-09001',
  topic: 'hearth/v1/households/HH-09001/indoor',
};
const KNOWN_CODES = new Set(['ST-00041', 'ST-00042', 'HH-09001', 'HH-09002']);

/** An ingest service over fakes that record what would be stored and dead-lettered. */
function harness() {
  const rows: string[] = [];
  const dead: DeadLetter[] = [];
  const writer = {
    write(maxRows: number, fill: (data: Float64Array, at: number) => number) {
      const data = allocRows(Math.max(1, maxRows + 1)).fill(12345); // offset 1: not row 0
      const n = fill(data, 1);
      for (let r = 1; r <= n; r++) {
        const fields: unknown[] = [];
        rowFields(data, r, fields, 0);
        rows.push(fields.map((v) => (Object.is(v, -0) ? '-0' : String(v))).join(','));
      }
      return Promise.resolve(new Uint8Array(n).fill(1));
    },
  } as unknown as TelemetryWriter;
  const store = { latest: async () => new Map() } as unknown as TelemetryStore;
  const repo = {
    insertDeadLetters: async (letters: readonly DeadLetter[]) => void dead.push(...letters),
  } as unknown as IngestRepository;
  const service = createIngestService({
    writer,
    store,
    repo,
    targetExists: async (_kind, code) => KNOWN_CODES.has(code),
    touchDevices: async () => undefined,
    limits: LIMITS,
    now: () => NOW,
  });
  return { service, rows, dead };
}

/** The HTTP answer of the fast path: the bytes it sends, and its results as objects. */
const httpAnswer = (o: IngestOutcome) => ({
  json: outcomeJson(o).toString('utf8'),
  results: outcomeResults(o),
});

/** What a path did with a message: results or the error, the rows (in a stable order) and dead letters. */
async function outcome(run: () => Promise<unknown>, h: ReturnType<typeof harness>) {
  let answer: unknown;
  try {
    answer = await run();
  } catch (error) {
    const e = error as { name: string; message: string; code?: string };
    answer = { error: e.code ?? e.name, message: e.code ? undefined : e.message };
  }
  return { answer, rows: [...h.rows].sort(), dead: h.dead };
}

// ---- message generator: JSON text built token by token (duplicate keys, odd spacing, escapes) ----
type Node = { t: 'obj'; pairs: [string, Node][] } | { t: 'arr'; items: Node[] } | { t: 'raw'; text: string }; // a number, string or literal, as JSON text

const raw = (text: string): Node => ({ t: 'raw', text });
const str = (s: string): Node => raw(JSON.stringify(s));
/** `levels` arrays inside each other: around the limit of MAX_JSON_DEPTH once inside an item */
const nested = (levels: number): Node => raw(`${'['.repeat(levels)}1${']'.repeat(levels)}`);

function space(rng: Rng): string {
  if (!rng.chance(0.15)) return '';
  return rng.pick([' ', '\n', '\t', '\r\n', '  ']);
}

function render(node: Node, rng: Rng): string {
  if (node.t === 'raw') return node.text;
  const [open, close] = node.t === 'obj' ? ['{', '}'] : ['[', ']'];
  const parts =
    node.t === 'obj'
      ? node.pairs.map(
          ([k, v]) => `${space(rng)}${k}${space(rng)}:${space(rng)}${render(v, rng)}${space(rng)}`,
        )
      : node.items.map((v) => `${space(rng)}${render(v, rng)}${space(rng)}`);
  return `${open}${parts.join(',')}${parts.length === 0 ? space(rng) : ''}${close}`;
}

function numberText(rng: Rng, value: number): string {
  switch (rng.int(0, 11)) {
    case 0:
      return value.toExponential(rng.int(0, 16));
    case 1:
      return value
        .toExponential(rng.int(0, 6))
        .toUpperCase()
        .replace('E', rng.chance(0.5) ? 'E' : 'e');
    case 2:
      return value.toFixed(rng.int(0, 20));
    case 3:
      return String(Math.round(value));
    case 4:
      return rng.pick(['-0', '0', '0.0', '-0.0e-0', '1e400', '-1e400', '5e-324', '1.7976931348623157e308']);
    case 5:
      return rng.pick(['123456789012345678901', '0.1234567890123456789', '9007199254740993', '1e22', '1e23']);
    case 8:
      // invalid JSON numbers: leading zeros, a bare point
      return rng.chance(0.1)
        ? rng.pick(['012', '-01.5', '00', '1.', '.5', '+1', '1e', '0x1'])
        : String(value);
    case 9:
      // 15 significant digits and an exponent just outside the exact range
      return `${rng.int(100_000_000_000_000, 999_999_999_999_999)}e${rng.pick([-37, -36, -24, -23, 8, 9])}`;
    case 6:
      return `${value.toFixed(2)}${'0'.repeat(rng.int(1, 20))}`;
    default:
      return String(value);
  }
}

function keyText(rng: Rng, key: string): string {
  if (rng.chance(0.03))
    return JSON.stringify(key).replace(/[a-z]/, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
  return JSON.stringify(key);
}

function valuesNode(rng: Rng, kind: 'station' | 'household'): Node {
  const pairs: [string, Node][] = [];
  const own = METRIC_KEYS.filter((k) => METRICS[k].target === kind);
  const count = rng.chance(0.03) ? 0 : rng.int(1, own.length);
  for (let i = 0; i < count; i++) {
    const key: string = rng.chance(0.03)
      ? rng.pick(['__proto__', 'bogus', 'indoorTemp', 'flow', '温度'])
      : rng.pick(own);
    const def = METRICS[key as MetricKey] as { min: number; max: number; integer?: boolean } | undefined;
    let value: Node;
    if (rng.chance(0.03))
      value = rng.pick([
        str('12'),
        raw('null'),
        raw('true'),
        raw('[1]'),
        raw('{}'),
        nested(MAX_JSON_DEPTH - 2),
      ]);
    else if (def?.integer) value = raw(rng.pick(['0', '1', '1.0', '0.5', '2', '-0', '1e0']));
    else {
      const lo = def?.min ?? -50;
      const hi = def?.max ?? 50;
      const x = rng.chance(0.04) ? rng.float(hi, hi * 3 + 10) : rng.float(lo, Math.min(hi, lo + 2000));
      value = raw(numberText(rng, rng.chance(0.5) ? Math.round(x * 100) / 100 : x));
    }
    pairs.push([keyText(rng, key), value]);
    if (rng.chance(0.02)) pairs.push([keyText(rng, key), value]); // a duplicate key
  }
  return { t: 'obj', pairs };
}

function tsNode(rng: Rng): Node {
  const ms = NOW - rng.int(0, 40) * 86_400_000 + rng.int(-400_000, 400_000);
  switch (rng.int(0, 11)) {
    case 0:
      return str(new Date(ms).toISOString());
    case 1:
      return str(new Date(ms + 8 * 3_600_000).toISOString().replace('Z', '+08:00'));
    case 2:
      return str(new Date(ms).toISOString().replace('Z', '')); // no offset: refused
    case 3:
      return raw(
        rng.pick([
          'null',
          '"soon"',
          '1.5e12',
          String(ms + 0.5),
          String(Math.floor(ms / 1000)),
          // days and hours that do not exist (Date.parse would roll them over)
          '"2026-11-31T08:00:00Z"',
          '"2026-11-29T24:00:00+08:00"',
        ]),
      );
    case 4:
      return raw(`${ms}`.replace(/(\d)$/, '$1.0'));
    default:
      return raw(String(NOW - rng.int(0, 29) * 86_400_000 - rng.int(0, 80_000_000)));
  }
}

function itemNode(rng: Rng, device: DeviceIdentity, perItem: boolean): Node {
  if (rng.chance(0.02)) return rng.pick([raw('17'), str('x'), raw('null'), { t: 'arr', items: [] }]);
  const pairs: [string, Node][] = [];
  if (perItem) {
    const codeKey = device.kind === 'station' ? 'stationCode' : 'householdCode';
    const roll = rng.int(0, 19);
    if (roll === 0) pairs.push(['"stationCode"', str(rng.pick(['ST-00042', 'ST-99999']))]);
    else if (roll === 1) pairs.push(['"householdCode"', str(rng.pick(['HH-09002', 'HH-09001']))]);
    else if (roll === 2) pairs.push([`"${codeKey}"`, raw(rng.pick(['null', '41', '"ST\\u002d00041"']))]);
    else if (roll === 3)
      pairs.push([`"${codeKey}"`, str(device.targetCode)], ['"householdCode"', raw('null')]);
    else if (roll === 5)
      pairs.push([`"${codeKey}"`, str(device.targetCode)], ['"householdCode"', str('HH-09002')]);
    else if (roll === 6)
      pairs.push(['"stationCode"', str(device.targetCode)], ['"stationCode"', str('ST-00042')]);
    else if (roll !== 4) pairs.push([`"${codeKey}"`, str(device.targetCode)]);
  } else if (rng.chance(0.05)) pairs.push(['"stationCode"', str('ST-00042')]); // ignored on MQTT
  if (!rng.chance(0.02)) pairs.push([keyText(rng, 'ts'), tsNode(rng)]);
  if (!rng.chance(0.02)) pairs.push([keyText(rng, 'values'), valuesNode(rng, device.kind)]);
  if (rng.chance(0.05))
    pairs.push([
      '"note"',
      rng.pick([
        str('},{"x":1}'),
        str('温度 \\ "'),
        raw('[{"a":[1,{}]}]'),
        // around the depth limit: 2 levels (batch, item) or 1 (a single MQTT reading) are outside it
        nested(MAX_JSON_DEPTH - 3),
        nested(MAX_JSON_DEPTH - 2),
        nested(MAX_JSON_DEPTH - 1),
        raw('"\\u00e9\\n"'),
        // not JSON: a raw control character, a bad \u escape, an unknown escape
        raw('"a\u0001b"'),
        raw('"\\u12G4"'),
        raw('"\\x41"'),
      ]),
    ]);
  if (rng.chance(0.03)) pairs.push([keyText(rng, 'ts'), tsNode(rng)]); // the last one wins
  return { t: 'obj', pairs: rng.shuffle(pairs) };
}

function mutate(rng: Rng, text: string): string {
  const at = rng.int(0, text.length - 1);
  switch (rng.int(0, 3)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return (
        text.slice(0, at) +
        rng.pick(['"', ',', '}', ']', '\\', '\u0001', 'x', '0', '-', '.', 'e']) +
        text.slice(at)
      );
    case 2:
      return text.slice(0, at) + text.slice(at + 1);
    default:
      return `${text}${rng.pick([' x', ',', ']', '}'])}`;
  }
}

function message(rng: Rng, device: DeviceIdentity, perItem: boolean): string {
  const items = Array.from({ length: rng.int(0, 12) }, () => itemNode(rng, device, perItem));
  let text =
    !perItem && items.length === 1 && rng.chance(0.5)
      ? render(items[0] as Node, rng)
      : render({ t: 'arr', items }, rng);
  if (rng.chance(0.05)) text = render({ t: 'obj', pairs: [['"stationCode"', str('x')]] }, rng);
  if (rng.chance(0.08)) text = mutate(rng, text);
  return `${space(rng)}${text}${space(rng)}`;
}

describe('ingest fast path (reading-scan) against the general path', () => {
  for (const [label, device, perItem] of [
    ['HTTP batches of a station gateway', STATION, true],
    ['HTTP batches of an indoor sensor', HOUSEHOLD, true],
    ['MQTT messages of a station gateway', STATION, false],
    ['MQTT messages of an indoor sensor', HOUSEHOLD, false],
  ] as const) {
    it(`gives identical results for 3,000 generated ${label}`, async () => {
      // HEARTH_FUZZ_SEED=<n> runs other messages (fuzzing); the suite keeps one fixed seed
      const rng = createRng(Number(process.env.HEARTH_FUZZ_SEED ?? 11) + (perItem ? 0 : 1));
      let fastTaken = 0;
      let tooDeep = 0;
      for (let k = 0; k < 3000; k++) {
        const text = message(rng, device, perItem);
        const bytes = Buffer.from(text, 'utf8');
        const fast = harness();
        const slow = harness();
        const target = { kind: device.kind, code: device.targetCode };
        const got = await outcome(
          () =>
            perItem
              ? fast.service.ingestBatch(device, bytes, 50_000).then(httpAnswer)
              : fast.service.ingestMessage(device, bytes, target).then(() => fast.dead.map((d) => d.code)),
          fast,
        );
        const want = await outcome(async () => {
          if (perItem) {
            if (jsonDepthExceeds(bytes)) {
              await slow.service.reject(device, 'http', TOO_DEEP.code, TOO_DEEP.reason, text);
              throw Object.assign(new Error('too deep'), { code: TOO_DEEP.code });
            }
            const parsed = JSON.parse(text) as unknown;
            if (!Array.isArray(parsed))
              throw Object.assign(new Error('not an array'), { code: 'request.invalid' });
            const results = await slow.service.ingest(device, 'http', parsed, 'per-item');
            const count = (status: string) => results.filter((r) => r.status === status).length;
            const body = {
              accepted: count('accepted'),
              duplicates: count('duplicate'),
              rejected: count('rejected'),
              results,
            };
            return { json: JSON.stringify(body), results };
          }
          const decoded = decodePayload(bytes);
          if (!decoded.ok) {
            await slow.service.reject(device, 'mqtt', decoded.code, decoded.reason, text);
            return slow.dead.map((d) => d.code);
          }
          const readings = decoded.readings;
          await slow.service.ingest(device, 'mqtt', readings, target);
          return slow.dead.map((d) => d.code);
        }, slow);
        const context = `message ${k}: ${text.slice(0, 300)}`;
        assert.deepEqual(got.answer, want.answer, context);
        assert.deepEqual(got.rows, want.rows, `rows of ${context}`);
        assert.deepEqual(
          got.dead.map((d) => [d.code, d.reason, d.target, d.payload]),
          want.dead.map((d) => [d.code, d.reason, d.target, d.payload]),
          `dead letters of ${context}`,
        );
        if (got.rows.length > 0) fastTaken++;
        if (got.dead.some((d) => d.code === TOO_DEEP.code)) tooDeep++;
      }
      assert.ok(fastTaken > 500, `${fastTaken} messages stored readings`);
      assert.ok(tooDeep > 5, `${tooDeep} messages were too deep`);
    });
  }
});

describe('scanReadings', () => {
  const scan = (text: string, device = STATION, perItem = true) => {
    const bytes = Buffer.from(text);
    const out = allocRows(Math.floor(bytes.length / MIN_READING_BYTES) + 1);
    const code = Buffer.from(device.targetCode);
    return {
      result: scanReadings(bytes, { kind: device.kind, code, perItem }, NOW, LIMITS, out, 0, 50_000),
      out,
    };
  };

  it('takes clean readings in one pass, values in catalogue order', () => {
    const items = Array.from({ length: 50 }, (_, i) => ({
      stationCode: STATION.targetCode,
      ts: NOW - 60_000 * (i + 1),
      values: { primarySupplyTemp: 95.25 + i / 100, flow: 120.5, pumpRunning: 1 },
    }));
    const { result, out } = scan(JSON.stringify(items));
    assert.ok(result);
    assert.equal(result.rows, 50);
    assert.deepEqual(result.exceptions, []);
    const flow = METRIC_KEYS.indexOf('flow');
    assert.equal(rowValue(out, 3, flow), 120.5);
    assert.equal(rowValue(out, 3, METRIC_KEYS.indexOf('primarySupplyTemp')), 95.28);
    assert.ok(Number.isNaN(rowValue(out, 3, METRIC_KEYS.indexOf('heatPower'))));
  });

  it('reads every number exactly as Number() does', () => {
    const rng = createRng(5);
    const texts = ['0', '-0', '1e22', '1e23', '9007199254740993', '0.1', '0.30000000000000004', '123.456e-7'];
    for (let i = 0; i < 20_000; i++) {
      const x = rng.float(-1e6, 1e6) * 10 ** rng.int(-12, 12);
      texts.push(numberText(rng, x));
      // many significant digits against exponents around the exact range (±22)
      const digits =
        String(rng.int(1, 999_999_999_999_999)) + (rng.chance(0.3) ? String(rng.int(0, 99_999)) : '');
      const shift = rng.int(-45, 30);
      texts.push(
        `${digits}e${shift}`,
        `${digits.slice(0, 1)}.${digits.slice(1)}e${shift + digits.length - 1}`,
      );
      texts.push(`0.${'0'.repeat(rng.int(0, 30))}${digits}`);
    }
    for (const text of texts) {
      if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) continue;
      const value = Number(text);
      if (!Number.isFinite(value) || value < -10 || value > 160) continue; // primarySupplyTemp's range
      const { result, out } = scan(
        `[{"stationCode":"ST-00041","ts":${NOW},"values":{"primarySupplyTemp":${text}}}]`,
      );
      assert.equal(result?.rows, 1, text);
      assert.ok(Object.is(rowValue(out, 0, 0), value), `${text}: ${rowValue(out, 0, 0)} ≠ ${value}`);
    }
  });

  it('leaves what it does not recognise as a message to the general path', () => {
    for (const text of [
      '',
      '{}',
      '[',
      '[{"ts":1}',
      '[1,]',
      '[]x',
      '{"a":1}',
      'null',
      '[0' + '[1]'.repeat(3),
    ]) {
      const { result } = scan(text);
      assert.ok(result === null || result.rows === 0, text);
    }
    const deep = `[{"stationCode":"ST-00041","x":${'['.repeat(100)}${']'.repeat(100)},"ts":${NOW},"values":{"flow":1}}]`;
    assert.equal(scan(deep).result, null, 'deep nesting is JSON.parse’s to judge');
  });
});
