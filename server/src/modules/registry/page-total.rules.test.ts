// Page totals: exact up to the threshold, an estimate (never below what was counted) past it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageTotal, type PageTotal } from './page-total.rules.ts';

const cases: [string, number, number, number | null, PageTotal][] = [
  ['empty result', 0, 100, 5, { total: 0, totalIsEstimate: false }],
  ['below the threshold: exact, the estimate ignored', 42, 100, 9_000, { total: 42, totalIsEstimate: false }],
  ['exactly at the threshold: exact', 100, 100, 250, { total: 100, totalIsEstimate: false }],
  ['past it: the estimate', 101, 100, 5_890_123, { total: 5_890_123, totalIsEstimate: true }],
  ['a fractional planner estimate is rounded', 101, 100, 1234.6, { total: 1235, totalIsEstimate: true }],
  ['an estimate below the count is raised to it', 101, 100, 40, { total: 101, totalIsEstimate: true }],
  ['no estimate: at least the count', 101, 100, null, { total: 101, totalIsEstimate: true }],
];

for (const [name, bounded, limit, estimate, expected] of cases)
  test(name, () => assert.deepEqual(pageTotal(bounded, limit, estimate), expected));
