// parseJsonBody: piecewise parsing of large JSON arrays gives exactly JSON.parse's result or error.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseJsonBody } from './batch-json.ts';

const item = (i: number, extra: Record<string, unknown> = {}) => ({
  stationCode: `ST-${String(i).padStart(5, '0')}`,
  ts: 1_764_000_000_000 + i * 1000,
  values: { flow: 120 + i / 100, primarySupplyTemp: 95.5 },
  ...extra,
});
const many = (n: number, extra?: (i: number) => Record<string, unknown>) =>
  Array.from({ length: n }, (_, i) => item(i, extra?.(i)));

/** small pieces (256 bytes) so every case is cut many times */
const PIECE = 256;

describe('parseJsonBody', () => {
  const equalCases: [string, string][] = [
    ['a plain batch', JSON.stringify(many(200))],
    [
      'whitespace around and inside',
      ` \n\t[ ${many(80)
        .map((x) => JSON.stringify(x, null, 2))
        .join(' ,\n ')} ]\r\n `,
    ],
    [
      'strings holding the separator',
      JSON.stringify(many(120, (i) => ({ note: i % 3 ? '},{' : '"},{"x":1}' }))),
    ],
    [
      'nested arrays of objects',
      JSON.stringify(many(100, (i) => ({ extra: [{ a: i }, { b: [{ c: 1 }, { d: 2 }] }] }))),
    ],
    ['multi-byte text', JSON.stringify(many(100, (i) => ({ name: `一次供水温度 ${i} ℃ 🔥` })))],
    ['escaped quotes and backslashes', JSON.stringify(many(100, (i) => ({ s: `a\\"},{\\"b${i}` })))],
    ['non-object elements', JSON.stringify([...many(60), 1, 'x', null, [1, 2], ...many(60)])],
    ['an empty array', '[]'],
    ['an object at the top', JSON.stringify({ items: many(100) })],
    [
      'a __proto__ key stays an own property',
      `[${many(50)
        .map((x) => JSON.stringify(x))
        .join(',')},{"__proto__":{"polluted":1}}]`,
    ],
  ];
  for (const [name, text] of equalCases) {
    it(`equals JSON.parse: ${name}`, () => {
      const parsed = parseJsonBody(Buffer.from(text), PIECE);
      assert.deepEqual(parsed, JSON.parse(text));
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  }

  const invalid: [string, string][] = [
    ['a trailing comma', `${JSON.stringify(many(100)).slice(0, -1)},]`],
    ['a missing bracket', JSON.stringify(many(100)).slice(0, -1)],
    ['garbage in the middle', JSON.stringify(many(100)).replace('},{', '},x{')],
    ['two arrays', `${JSON.stringify(many(50))},${JSON.stringify(many(50))}`],
    ['an unterminated string', `${JSON.stringify(many(100)).slice(0, -2)}"]`],
  ];
  for (const [name, text] of invalid) {
    it(`throws JSON.parse's error: ${name}`, () => {
      let expected: unknown;
      try {
        JSON.parse(text);
      } catch (error) {
        expected = error;
      }
      assert.ok(expected instanceof SyntaxError);
      assert.throws(() => parseJsonBody(Buffer.from(text), PIECE), {
        name: 'SyntaxError',
        message: (expected as Error).message,
      });
    });
  }

  it('parses a plain batch in pieces, never the whole text at once', () => {
    const text = JSON.stringify(many(2000));
    const parse = JSON.parse;
    const sizes: number[] = [];
    JSON.parse = ((source: string) => (sizes.push(source.length), parse(source))) as typeof JSON.parse;
    try {
      assert.deepEqual(parseJsonBody(Buffer.from(text)), parse(text));
    } finally {
      JSON.parse = parse;
    }
    assert.ok(sizes.length >= text.length / (100 * 1024), `${sizes.length} pieces`);
    assert.ok(Math.max(...sizes) < 100 * 1024, 'every piece is a small string');
  });

  it('parses a multi-megabyte batch with the default piece size', () => {
    const text = JSON.stringify(many(20_000));
    assert.ok(text.length > 1_000_000);
    assert.deepEqual(parseJsonBody(Buffer.from(text)), JSON.parse(text));
  });
});
