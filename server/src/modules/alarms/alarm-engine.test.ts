// The engine on packed batches with stub ports (no database): each rule type raises and clears through the
// lifecycle only on transitions; duplicates are not evaluated; offline comes from the periodic scan.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AlarmRuleParams } from '@hearth/contracts/alarms';
import { METRIC_KEYS, type MetricKey } from '@hearth/contracts/telemetry';
import { packReadings, type StoredReading } from '../telemetry/reading-batch.ts';
import { createAlarmEngine } from './alarm-engine.ts';
import type { AlarmLifecycle, AlarmTarget, RaiseInput } from './alarm-lifecycle.ts';
import type { EngineRule } from './alarm.rules.ts';

const MIN = 60_000;

function fixture(
  params: AlarmRuleParams,
  opts: { target?: number | null; latest?: Map<number, number> } = {},
) {
  const calls: string[] = [];
  const raised: RaiseInput[] = [];
  const lifecycle = {
    async raise(input: RaiseInput) {
      calls.push(`raise ${input.target.kind} ${input.target.id}`);
      raised.push(input);
    },
    async clear(_rule: number, kind: string, id: number) {
      calls.push(`clear ${kind} ${id}`);
    },
  } as unknown as AlarmLifecycle;
  const rule: EngineRule = {
    id: 1,
    baseRuleId: null,
    scope: 'city',
    enterpriseId: null,
    stationId: null,
    name: 'r',
    type: params.type,
    enabled: true,
    severity: 'warning',
    params,
    holdOffSeconds: 600,
    level1Minutes: 30,
    level2Minutes: 120,
    dutyContact: null,
  };
  const info = (kind: 'station' | 'household', id: number): AlarmTarget => ({
    kind,
    id,
    name: `${kind} ${id}`,
    stationId: kind === 'station' ? id : 5,
    stationName: null,
    enterpriseId: 1,
    enterpriseName: null,
  });
  const engine = createAlarmEngine({
    lifecycle,
    loadRules: async () => [rule],
    loadActive: async () => [],
    resolveTargets: async (kind, ids) => new Map(ids.map((id) => [id, info(kind, id)])),
    compensation: { target: () => opts.target ?? null },
    latestStationTimes: async () => opts.latest ?? new Map(),
  });
  return { engine, calls, raised };
}

function reading(
  kind: 'station' | 'household',
  targetId: number,
  ts: number,
  values: Partial<Record<MetricKey, number>>,
): StoredReading {
  return {
    kind,
    targetId,
    deviceId: 1,
    ts,
    receivedAt: ts,
    values: METRIC_KEYS.map((k) => values[k] ?? null),
  };
}

async function feed(engine: ReturnType<typeof fixture>['engine'], rows: StoredReading[], stored?: number[]) {
  engine.committed(packReadings(rows), Uint8Array.from(stored ?? rows.map(() => 1)));
  await engine.idle();
}

describe('alarm engine', () => {
  it('indoor temperature below standard for the duration, per household', async () => {
    const f = fixture({ type: 'indoor_low', standardC: 18, forSeconds: 3600 });
    await feed(f.engine, [
      reading('household', 9, 0, { indoorTemp: 16 }),
      reading('household', 9, 30 * MIN, { indoorTemp: 16.5 }),
      reading('household', 8, 30 * MIN, { indoorTemp: 20 }),
      reading('household', 9, 60 * MIN, { indoorTemp: 17 }),
      reading('household', 9, 90 * MIN, { indoorTemp: 17 }),
      reading('household', 9, 120 * MIN, { indoorTemp: 18.5 }),
    ]);
    assert.deepEqual(f.calls, ['raise household 9', 'clear household 9']);
    assert.equal(f.raised[0]?.threshold, 18);
    assert.match(f.raised[0]?.message ?? '', /室温 17 ℃，低于标准 18 ℃/);
  });

  it('supply temperature off its compensation target', async () => {
    const f = fixture(
      { type: 'supply_deviation', metric: 'secondarySupplyTemp', bandC: 5, forSeconds: 0 },
      { target: 60 },
    );
    await feed(f.engine, [
      reading('station', 3, 0, { secondarySupplyTemp: 62 }),
      reading('station', 3, MIN, { secondarySupplyTemp: 50 }),
      reading('station', 3, 2 * MIN, { secondarySupplyTemp: 49 }),
      reading('station', 3, 3 * MIN, { secondarySupplyTemp: 58 }),
    ]);
    assert.deepEqual(f.calls, ['raise station 3', 'clear station 3']);
    assert.equal(f.raised[0]?.threshold, 55);
  });

  it('no compensation target: the deviation rule stays silent', async () => {
    const f = fixture({ type: 'supply_deviation', metric: 'secondarySupplyTemp', bandC: 5, forSeconds: 0 });
    await feed(f.engine, [reading('station', 3, 0, { secondarySupplyTemp: 10 })]);
    assert.deepEqual(f.calls, []);
  });

  it('make-up water above its own baseline × factor', async () => {
    const f = fixture({ type: 'leak', factor: 2, baselineHours: 4, pressureDropMpa: 0, forSeconds: 0 });
    const rows: StoredReading[] = [];
    for (let m = 0; m <= 120; m += 5)
      rows.push(reading('station', 4, m * MIN, { makeupWater: 1 + (m % 10) / 100 }));
    rows.push(reading('station', 4, 125 * MIN, { makeupWater: 3 }));
    rows.push(reading('station', 4, 130 * MIN, { makeupWater: 3.2 }));
    rows.push(reading('station', 4, 135 * MIN, { makeupWater: 1 }));
    await feed(f.engine, rows);
    assert.deepEqual(f.calls, ['raise station 4', 'clear station 4']);
    assert.equal(f.raised[0]?.metric, 'makeupWater');
  });

  it('pressure drop against its baseline', async () => {
    const f = fixture({ type: 'leak', factor: 100, baselineHours: 4, pressureDropMpa: 0.05, forSeconds: 0 });
    const rows: StoredReading[] = [];
    for (let m = 0; m <= 120; m += 5)
      rows.push(reading('station', 4, m * MIN, { secondaryReturnPressure: 0.3 }));
    rows.push(reading('station', 4, 125 * MIN, { secondaryReturnPressure: 0.2 }));
    await feed(f.engine, rows);
    assert.deepEqual(f.calls, ['raise station 4']);
    assert.equal(f.raised[0]?.metric, 'secondaryReturnPressure');
  });

  it('skips duplicates (rows not newly stored)', async () => {
    const f = fixture({ type: 'threshold', metric: 'flow', direction: 'above', limit: 10, forSeconds: 0 });
    await feed(f.engine, [reading('station', 2, 0, { flow: 50 })], [0]);
    assert.deepEqual(f.calls, []);
  });

  it('offline from the periodic scan over the latest states', async () => {
    const latest = new Map([
      [1, 0],
      [2, 50 * MIN],
    ]);
    const f = fixture({ type: 'offline', afterMinutes: 30 }, { latest });
    await f.engine.scanOffline(60 * MIN);
    assert.deepEqual(f.calls, ['raise station 1']);
    latest.set(1, 59 * MIN);
    await f.engine.scanOffline(61 * MIN);
    await f.engine.scanOffline(62 * MIN);
    assert.deepEqual(f.calls, ['raise station 1', 'clear station 1']);
  });
});
