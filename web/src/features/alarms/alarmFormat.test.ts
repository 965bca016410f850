// 报警中心's pure helpers: city days to instants, values with limits, durations, the filter query, sound and actions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AlarmLiveEvent } from '@hearth/contracts/alarms';
import { actionsOf, alarmQuery, cityDayStart, durationText, soundsFor, valueText } from './alarmFormat.ts';
import { formatCityTime } from '../../shared/format.ts';

describe('alarm format', () => {
  it('reads city days as Beijing midnights', () => {
    assert.equal(cityDayStart('2026-12-03'), '2026-12-02T16:00:00.000Z');
    assert.equal(cityDayStart('2026-12-31', 1), '2026-12-31T16:00:00.000Z');
    assert.equal(formatCityTime('2026-12-02T16:00:00.000Z'), '2026-12-03 00:00:00');
    assert.equal(formatCityTime(null), '—');
  });

  const cases: [string, Parameters<typeof valueText>[0], string][] = [
    [
      'temperature with limit',
      { metric: 'secondarySupplyTemp', value: 75.345, threshold: 70 },
      '75.3 ℃ (限值 70 ℃)',
    ],
    ['pressure', { metric: 'secondaryReturnPressure', value: 0.21234, threshold: null }, '0.212 MPa'],
    ['no metric', { metric: null, value: 3, threshold: 5 }, '3 (限值 5)'],
    ['no value', { metric: 'flow', value: null, threshold: 10 }, '—'],
  ];
  for (const [name, alarm, text] of cases)
    it(`words the value: ${name}`, () => assert.equal(valueText(alarm, '限值'), text));

  it('measures how long an alarm lasted, to its clearing or to now', () => {
    const raisedAt = '2026-12-03T00:00:00.000Z';
    const now = Date.parse('2026-12-03T02:05:30.000Z');
    assert.equal(durationText({ raisedAt, clearedAt: null, closedAt: null }, now, false), '2小时5分');
    assert.equal(durationText({ raisedAt, clearedAt: null, closedAt: null }, now, true), '2 h 5 min');
    assert.equal(
      durationText({ raisedAt, clearedAt: '2026-12-03T00:07:00.000Z', closedAt: null }, now, false),
      '7分',
    );
    assert.equal(
      durationText({ raisedAt, clearedAt: null, closedAt: '2026-12-05T03:00:00.000Z' }, now, false),
      '2天3小时',
    );
  });

  it('turns the filters into the list query, the day range half-open in city time', () => {
    assert.deepEqual(
      alarmQuery({ state: 'open', severity: 'critical', fromDay: '2026-12-01', toDay: '2026-12-03' }),
      {
        state: 'open',
        severity: 'critical',
        type: undefined,
        enterpriseId: undefined,
        stationId: undefined,
        q: undefined,
        from: '2026-11-30T16:00:00.000Z',
        to: '2026-12-03T16:00:00.000Z',
      },
    );
  });

  it('sounds for new and returning critical alarms only', () => {
    const event = (kind: AlarmLiveEvent['event'], severity: AlarmLiveEvent['alarm']['severity']) =>
      ({ event: kind, alarm: { severity } }) as AlarmLiveEvent;
    assert.equal(soundsFor(event('raised', 'critical')), true);
    assert.equal(soundsFor(event('reraised', 'critical')), true);
    assert.equal(soundsFor(event('raised', 'major')), false);
    assert.equal(soundsFor(event('acknowledged', 'critical')), false);
  });

  it('allows acknowledging an unacknowledged alarm and closing any open one', () => {
    assert.deepEqual(actionsOf('raised'), { acknowledge: true, close: true });
    assert.deepEqual(actionsOf('acknowledged'), { acknowledge: false, close: true });
    assert.deepEqual(actionsOf('cleared'), { acknowledge: false, close: true });
    assert.deepEqual(actionsOf('closed'), { acknowledge: false, close: false });
  });
});
