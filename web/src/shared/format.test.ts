// Number and time formatting.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatNumber, formatTime, statisticValue } from './format.ts';

describe('formatNumber', () => {
  it('groups digits and limits the fraction', () => {
    assert.equal(formatNumber(1234567.891), '1,234,567.89');
    assert.equal(formatNumber(1234.5678, 0), '1,235');
    assert.equal(formatNumber(0.5, 4), '0.5');
  });
});

describe('formatTime', () => {
  it('formats an ISO time in local time to the second', () => {
    assert.match(formatTime('2025-01-15T08:30:05Z'), /^2025-01-1[45] \d{2}:30:05$/);
  });
  it('shows a dash for anything else', () => {
    for (const v of [null, undefined, '', 42, {}]) assert.equal(formatTime(v), '—');
  });
});

describe('statisticValue', () => {
  const cases: [number | string, number, number | string][] = [
    [5.5552, 1, 5.6], // antd alone would show 5.5
    [5.5449, 1, 5.5],
    [12, 0, 12],
    [99.96, 1, 100],
    ['暂无', 1, '暂无'],
  ];
  for (const [value, digits, shown] of cases)
    it(`${String(value)} at ${digits} digits → ${String(shown)}`, () =>
      assert.equal(statisticValue(value, digits), shown));
});
