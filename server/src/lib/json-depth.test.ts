// jsonDepthExceeds, table-driven: brackets counted outside strings only, without recursion.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_JSON_DEPTH, jsonDepthExceeds } from './json-depth.ts';

const nested = (depth: number, inner = '') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

describe('jsonDepthExceeds', () => {
  const cases: [string, string, number, boolean][] = [
    ['a scalar', '17', 0, false],
    ['an empty array at depth 1', '[]', 1, false],
    ['an empty array over depth 0', '[]', 0, true],
    ['a reading batch is 3 deep', '[{"ts":1,"values":{"flow":1}}]', 3, false],
    ['a reading batch over 2', '[{"ts":1,"values":{"flow":1}}]', 2, true],
    ['siblings do not add up', '[[],[],{},[[]]]', 3, false],
    ['brackets inside strings do not count', '["[[[[{{{{", "}}]]"]', 1, false],
    ['an escaped quote does not end the string', '["\\"[[[[", 1]', 1, false],
    ['an escaped backslash does end it', '["\\\\", [[1]]]', 2, true],
    ['objects and arrays alike', '{"a":{"b":[{"c":1}]}}', 4, false],
    ['nesting inside values', '[{"ts":1,"values":{"flow":[[[[1]]]]}}]', 6, true],
    ['nesting inside ts', '{"ts":[[[[[[1]]]]]],"values":{}}', 6, true],
    ['unbalanced closers do not hide depth', `]]]]${nested(5)}`, 4, true],
    ['unterminated text is still measured', '[[[[[[', 5, true],
    ['an unterminated string ends the scan', '["[[[[[[', 1, false],
    ['UTF-8 text', '[{"名称":"阳光花园[["}]', 2, false],
  ];
  for (const [name, text, max, expected] of cases) {
    it(name, () => assert.equal(jsonDepthExceeds(Buffer.from(text), max), expected));
  }

  it('takes the limit at exactly MAX_JSON_DEPTH', () => {
    assert.equal(jsonDepthExceeds(Buffer.from(nested(MAX_JSON_DEPTH))), false);
    assert.equal(jsonDepthExceeds(Buffer.from(nested(MAX_JSON_DEPTH + 1))), true);
  });

  it('measures 100,000 levels without a stack overflow', () => {
    assert.equal(jsonDepthExceeds(Buffer.from(nested(100_000))), true);
  });
});
