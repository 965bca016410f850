// Table-driven tests of the season-history rules: the season window and the cadence of each target.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  cadenceWithin,
  FULL_CADENCE,
  householdDue,
  seasonWindow,
  STATION_STEP_MS,
  stationDue,
  type Cadence,
} from './history.rules.ts';

const OFFSET = 8 * 3_600_000;
/** an instant given in city time (UTC+8) */
const city = (iso: string) => Date.parse(`${iso}+08:00`);

describe('seasonWindow', () => {
  const cases: { now: string; from: string; to: string; inSeason: boolean }[] = [
    // in season: from 11-15 00:00 up to now, rounded down to 15 minutes
    { now: '2026-12-03T22:37:10', from: '2026-11-15T00:00:00', to: '2026-12-03T22:30:00', inSeason: true },
    { now: '2026-11-15T00:00:00', from: '2026-11-15T00:00:00', to: '2026-11-15T00:00:00', inSeason: true },
    // January belongs to the season that began the November before
    { now: '2027-01-20T08:05:00', from: '2026-11-15T00:00:00', to: '2027-01-20T08:00:00', inSeason: true },
    { now: '2027-03-15T23:59:00', from: '2026-11-15T00:00:00', to: '2027-03-15T23:45:00', inSeason: true },
    // out of season: the whole last season
    { now: '2027-03-16T00:00:00', from: '2026-11-15T00:00:00', to: '2027-03-15T23:45:00', inSeason: false },
    { now: '2026-07-01T12:00:00', from: '2025-11-15T00:00:00', to: '2026-03-15T23:45:00', inSeason: false },
    { now: '2026-11-14T23:59:00', from: '2025-11-15T00:00:00', to: '2026-03-15T23:45:00', inSeason: false },
  ];
  for (const c of cases)
    test(`now ${c.now} (city time)`, () => {
      assert.deepEqual(seasonWindow(city(c.now), OFFSET), {
        from: city(c.from),
        to: city(c.to),
        inSeason: c.inSeason,
      });
    });
});

describe('cadence', () => {
  const from = city('2026-11-15T00:00:00');
  const thinned = {
    fullFrom: city('2026-11-26T00:00:00'),
    olderStationMs: 3_600_000,
    olderHouseholdMs: 10_800_000,
  };
  const cases: { at: string; cadence: typeof thinned; station: boolean; household: boolean }[] = [
    { at: '2026-11-15T00:15:00', cadence: FULL_CADENCE(from), station: true, household: false },
    { at: '2026-11-15T01:00:00', cadence: FULL_CADENCE(from), station: true, household: true },
    // older than fullFrom: stations on the hour only, indoor sensors every 3 h (UTC-aligned: 00, 03, … UTC)
    { at: '2026-11-20T00:15:00', cadence: thinned, station: false, household: false },
    { at: '2026-11-20T01:00:00', cadence: thinned, station: true, household: false },
    { at: '2026-11-20T08:00:00', cadence: thinned, station: true, household: true },
    // from fullFrom on: full cadence again
    { at: '2026-11-26T00:15:00', cadence: thinned, station: true, household: false },
    { at: '2026-11-26T01:00:00', cadence: thinned, station: true, household: true },
  ];
  for (const c of cases)
    test(`${c.at} → station ${c.station}, household ${c.household}`, () => {
      assert.equal(stationDue(city(c.at), c.cadence), c.station);
      assert.equal(householdDue(city(c.at), c.cadence), c.household);
    });

  test('a season step is 15 minutes', () => assert.equal(STATION_STEP_MS, 900_000));
});

describe('cadenceWithin', () => {
  const DAY = 86_400_000;
  const to = city('2026-12-03T22:30:00');
  const rowsOf = (c: Cadence, from: number, stations: number, households: number) => {
    let n = 0;
    for (let t = from; t <= to; t += STATION_STEP_MS)
      n += (stationDue(t, c) ? stations : 0) + (householdDue(t, c) ? households : 0);
    return n;
  };
  const cases: {
    name: string;
    days: number;
    stations: number;
    households: number;
    max: number;
    station: number;
    household: number;
    fullDays?: number;
  }[] = [
    // 18.9 days of the small city fit: full cadence throughout
    {
      name: 'small, early December',
      days: 18.94,
      stations: 100,
      households: 1751,
      max: 1_200_000,
      station: 900_000,
      household: 3_600_000,
    },
    // Tianjin (5 M readings, 3 days at full cadence): stations hourly and indoor sensors every 6 h before that
    {
      name: 'tianjin, early December',
      days: 18.94,
      stations: 3323,
      households: 20_000,
      max: 5_000_000,
      fullDays: 3,
      station: 3_600_000,
      household: 21_600_000,
    },
    // the small city at the end of the season thins out too: stations every 3 h, indoor sensors every 12 h
    {
      name: 'small, mid March',
      days: 120,
      stations: 100,
      households: 1751,
      max: 1_200_000,
      station: 10_800_000,
      household: 43_200_000,
    },
  ];
  for (const c of cases)
    test(c.name, () => {
      const from = to - c.days * DAY;
      const cadence = cadenceWithin(
        { from, to },
        { stations: c.stations, households: c.households },
        c.max,
        c.fullDays,
      );
      assert.equal(cadence.olderStationMs, c.station);
      assert.equal(cadence.olderHouseholdMs, c.household);
      if (c.station !== STATION_STEP_MS)
        assert.equal(cadence.fullFrom, to - (c.fullDays ?? 7) * DAY, 'the last days at full cadence');
      assert.ok(rowsOf(cadence, from, c.stations, c.households) <= c.max * 1.01, 'within the budget');
    });
});
