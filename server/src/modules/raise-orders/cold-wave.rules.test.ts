// Table tests of the cold-wave levels: the level table's syntax, each day's level, drop and triggers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  classifyDays,
  DEFAULT_COLD_WAVE_LEVELS,
  parseLevels,
  warningsFrom,
  type ForecastDay,
  type LevelRule,
} from './cold-wave.rules.ts';

const LEVELS = parseLevels(DEFAULT_COLD_WAVE_LEVELS) as LevelRule[];
const day = (date: string, min: number, mean = min + 4): ForecastDay => ({ date, min, max: mean + 4, mean });

describe('cold-wave level table', () => {
  const cases: [string, LevelRule[] | RegExp][] = [
    [
      'blue:min<-3,red:min<-9&drop>=8',
      [
        { level: 'blue', conditions: [{ kind: 'min', value: -3 }] },
        {
          level: 'red',
          conditions: [
            { kind: 'min', value: -9 },
            { kind: 'drop', value: 8 },
          ],
        },
      ],
    ],
    ['yellow: min<2.5', [{ level: 'yellow', conditions: [{ kind: 'min', value: 2.5 }] }]],
    ['purple:min<-3', /bad level/],
    ['blue:min>-3', /bad condition/],
    ['blue:drop>=-2', /bad condition/],
    ['blue:min<-3,blue:min<-4', /twice/],
    ['', /no levels/],
  ];
  for (const [text, expected] of cases) {
    it(`parses ${JSON.stringify(text)}`, () => {
      const parsed = parseLevels(text);
      if (expected instanceof RegExp) assert.match(parsed as string, expected);
      else assert.deepEqual(parsed, expected);
    });
  }
});

describe('cold-wave levels of forecast days (default table)', () => {
  // [previous day min, day min, expected level, expected drop, expected triggers]
  const cases: [number | null, number, string | null, number | null, string[]][] = [
    [null, -2.9, null, null, []],
    [null, -3, null, null, []], // "below −3": −3 itself is not
    [null, -3.1, 'blue', null, ['min<-3']],
    [-2, -6.5, 'yellow', 4.5, ['min<-6']],
    [-5, -9.5, 'orange', 4.5, ['min<-9']],
    [5, -3, 'red', 8, ['drop>=8']], // a drop of exactly 8 ℃
    [5, -2.9, null, 7.9, []],
    [2, -10, 'red', 12, ['drop>=8']], // red outranks orange
  ];
  for (const [prev, min, level, drop, triggers] of cases) {
    it(`min ${min} after ${prev ?? 'nothing'} → ${level ?? 'none'}`, () => {
      const days = [...(prev === null ? [] : [day('2026-01-09', prev)]), day('2026-01-10', min)];
      const got = classifyDays(days, LEVELS, 'min').at(-1);
      assert.deepEqual(
        { level: got?.level, drop: got?.drop, triggers: got?.triggers },
        { level, drop, triggers },
      );
    });
  }

  it('measures the drop on the daily mean when configured so', () => {
    // min falls 2 ℃, mean falls 9 ℃
    const days = [
      { date: '2026-01-09', min: -1, max: 12, mean: 6 },
      { date: '2026-01-10', min: -3, max: 0, mean: -3 },
    ];
    assert.equal(classifyDays(days, LEVELS, 'min')[1]?.level, null);
    assert.equal(classifyDays(days, LEVELS, 'mean')[1]?.level, 'red');
    assert.equal(classifyDays(days, LEVELS, 'mean')[1]?.drop, 9);
  });

  it('takes no drop across a gap in the dates', () => {
    const days = [day('2026-01-07', 8), day('2026-01-10', -2)];
    assert.equal(classifyDays(days, LEVELS, 'min')[1]?.drop, null);
  });

  it('groups the days from today by level, most severe first', () => {
    const days = classifyDays(
      [day('2026-01-08', -12), day('2026-01-09', -4), day('2026-01-10', -4.5), day('2026-01-11', -7)],
      LEVELS,
      'min',
    );
    const warnings = warningsFrom(days, '2026-01-09');
    assert.deepEqual(
      warnings.map((w) => [w.level, w.days.map((d) => d.date)]),
      [
        ['yellow', ['2026-01-11']],
        ['blue', ['2026-01-09', '2026-01-10']],
      ],
    );
  });
});
