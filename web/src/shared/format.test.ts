// Number and time formatting.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatNumber, formatTime } from './format.ts';

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
