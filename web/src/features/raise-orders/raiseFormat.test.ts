// City time and ℃ figures of the 升温令 page.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatCityMinute as cityMinute } from '../../shared/format.ts';
import { celsius, shortDay, timeSpan } from './raiseFormat.ts';

describe('raise order formatting', () => {
  it('writes instants in city time', () => {
    assert.equal(cityMinute('2026-12-03T16:05:09Z'), '2026-12-04 00:05');
    assert.equal(cityMinute(null), '—');
  });
  it('writes ℃ figures with two decimals, signed when asked', () => {
    assert.equal(celsius(3.5, true), '+3.50 ℃');
    assert.equal(celsius(-1, true), '-1.00 ℃');
    assert.equal(celsius(50), '50.00 ℃');
    assert.equal(celsius(null), '—');
  });
  it('writes a span, the second date only on another city day', () => {
    assert.equal(timeSpan('2026-12-03T07:35:00Z', '2026-12-03T11:35:00Z'), '2026-12-03 15:35 → 19:35');
    assert.equal(
      timeSpan('2026-12-03T07:35:00Z', '2026-12-03T16:35:00Z'),
      '2026-12-03 15:35 → 2026-12-04 00:35',
    );
  });
  it('shortens a day', () => assert.equal(shortDay('2026-01-09'), '01-09'));
});
