// The monitoring table's orders: columns both ways, stable ties, rows without a value last either way.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MonitoredStation } from '@hearth/contracts/telemetry';
import { isMonitoringSort, sortMonitored } from './table.rules.ts';

const row = (
  id: number,
  name: string,
  status: MonitoredStation['status'],
  flow?: number,
): MonitoredStation => ({
  id,
  code: `ST-${id}`,
  name,
  enterpriseId: 1,
  status,
  lastTs: flow === undefined ? null : `2026-12-03T0${id}:00:00.000Z`,
  values: flow === undefined ? {} : { flow },
});
const rows = [
  row(1, '乙站', 'offline', 30),
  row(2, '甲站', 'online', 10),
  row(3, '丙站', 'no_data'),
  row(4, '丁站', 'online', 30),
];
const ids = (sorted: MonitoredStation[]) => sorted.map((r) => r.id);

describe('sortMonitored', () => {
  it('orders by a metric both ways, ties in their first order, stations without the value last', () => {
    assert.deepEqual(ids(sortMonitored(rows, 'flow')), [2, 1, 4, 3]);
    assert.deepEqual(ids(sortMonitored(rows, '-flow')), [1, 4, 2, 3]);
  });

  it('orders by status (在线 → 未接入), last reading and name', () => {
    assert.deepEqual(ids(sortMonitored(rows, 'status')), [2, 4, 1, 3]);
    assert.deepEqual(ids(sortMonitored(rows, '-lastTs')), [4, 2, 1, 3]);
    // Chinese names in pinyin order: 丙 bǐng, 丁 dīng, 甲 jiǎ, 乙 yǐ
    assert.deepEqual(ids(sortMonitored(rows, 'name')), [3, 4, 2, 1]);
    assert.equal(sortMonitored(rows, undefined), rows);
  });

  it('accepts only the known columns', () => {
    assert.ok(isMonitoringSort('-heatPower'));
    assert.ok(isMonitoringSort('name'));
    assert.ok(!isMonitoringSort('password'));
    assert.ok(!isMonitoringSort('--name'));
  });
});
