// Table-driven tests of the forecast history: city dates and midnights, and the stations' daily heat summed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, cityDate, cityMidnight, dayRecords, sumStationDays } from './forecast.history.ts';

describe('city dates', () => {
  const cases: [string, string, string][] = [
    ['2026-12-03T17:00:00Z', 'Asia/Shanghai', '2026-12-04'],
    ['2026-12-03T15:59:59Z', 'Asia/Shanghai', '2026-12-03'],
    ['2020-03-29T22:30:00Z', 'Europe/Copenhagen', '2020-03-30'],
  ];
  for (const [at, zone, date] of cases)
    it(`${at} in ${zone} → ${date}`, () => assert.equal(cityDate(Date.parse(at), zone), date));
  const midnights: [string, string, string][] = [
    ['2026-12-04', 'Asia/Shanghai', '2026-12-03T16:00:00.000Z'],
    ['2020-03-29', 'Europe/Copenhagen', '2020-03-28T23:00:00.000Z'],
    ['2020-03-30', 'Europe/Copenhagen', '2020-03-29T22:00:00.000Z'],
  ];
  for (const [date, zone, iso] of midnights)
    it(`${date} begins at ${iso} in ${zone}`, () =>
      assert.equal(new Date(cityMidnight(date, zone)).toISOString(), iso));
  it('adds days across months', () => assert.equal(addDays('2026-11-30', 2), '2026-12-02'));
});

describe('sumStationDays', () => {
  // day buckets start at city midnight (16:00 UTC the day before, Shanghai)
  const day = (date: string, mw: number, count = 4) => ({
    ts: new Date(cityMidnight(date, 'Asia/Shanghai')).toISOString(),
    value: mw,
    count,
  });
  const a = [day('2026-12-01', 1), day('2026-12-02', 2), day('2026-12-03', 1)];
  const b = [day('2026-12-01', 0.5), day('2026-12-03', 0.5, 0)];
  const cases: { name: string; stations: (typeof a)[]; expected: (number | null)[] }[] = [
    { name: 'one station: MW × 86.4 GJ', stations: [a], expected: [86.4, 172.8, 86.4] },
    { name: 'a day a reporting station missed is unknown', stations: [a, b], expected: [129.6, null, null] },
    { name: 'a station that never reported is left out', stations: [a, []], expected: [86.4, 172.8, 86.4] },
  ];
  for (const c of cases)
    it(c.name, () => {
      const sums = sumStationDays(c.stations, '2026-12-01', '2026-12-03', 'Asia/Shanghai');
      assert.deepEqual(
        [...sums.values()].map((v) => (v === null ? null : Math.round(v * 1000) / 1000)),
        c.expected,
      );
    });
  it('dayRecords pairs each date with its observed mean temperature', () => {
    const records = dayRecords(
      new Map([
        ['2026-12-01', 10],
        ['2026-12-02', null],
      ]),
      [{ date: '2026-12-01', mean: -3 }],
    );
    assert.deepEqual(records, [
      { date: '2026-12-01', energy: 10, meanTemp: -3 },
      { date: '2026-12-02', energy: null, meanTemp: null },
    ]);
  });
});
