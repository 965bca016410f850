// Simulator weather: CSV parsing and errors, interpolation, season mapping, synthetic fallback.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadWeather, parseWeatherCsv, seriesWeather, syntheticWeather } from './weather.ts';

const H = 3_600_000;
/** epoch ms of a Beijing local time */
const bj = (y: number, mo: number, d: number, h = 0, min = 0) => Date.UTC(y, mo - 1, d, h, min) - 8 * H;

describe('parseWeatherCsv', () => {
  it('reads the columns by name, skips missing temperatures, converts local time', () => {
    const points = parseWeatherCsv(
      'No,year,month,day,hour,pm2.5,DEWP,TEMP\r\n1,2010,1,1,0,,-21,-11\r\n2,2010,1,1,1,,-21,NA\r\n3,2010,1,1,2,,-21,-12.5\r\n',
    );
    assert.deepEqual(points, [
      { ms: bj(2010, 1, 1, 0), temp: -11 },
      { ms: bj(2010, 1, 1, 2), temp: -12.5 },
    ]);
  });
  const bad: [string, string, number | undefined][] = [
    ['a missing column', 'year,month,day,TEMP\n2010,1,1,3\n', 1],
    ['a bad temperature', 'year,month,day,hour,TEMP\n2010,1,1,0,1\n2010,1,1,1,warm\n', 3],
    ['an implausible temperature', 'year,month,day,hour,TEMP\n2010,1,1,0,1\n2010,1,1,1,99\n', 3],
    ['a bad hour', 'year,month,day,hour,TEMP\n2010,1,1,0,1\n2010,1,1,24,1\n', 3],
    ['no such date', 'year,month,day,hour,TEMP\n2010,2,30,0,1\n', 2],
    ['time going backwards', 'year,month,day,hour,TEMP\n2010,1,1,5,1\n2010,1,1,4,1\n', 3],
    ['a single hour', 'year,month,day,hour,TEMP\n2010,1,1,5,1\n', undefined],
  ];
  for (const [name, text, line] of bad) {
    it(`rejects ${name}${line ? ` at line ${line}` : ''}`, () =>
      assert.throws(
        () => parseWeatherCsv(text, 'x.csv'),
        (e: { code?: string; details?: { line?: number }[] }) =>
          e.code === 'simulate.invalid_weather' && e.details?.[0]?.line === line,
      ));
  }
});

describe('seriesWeather', () => {
  const points = [
    { ms: bj(2020, 12, 1, 0), temp: 0 },
    { ms: bj(2020, 12, 1, 1), temp: -2 },
    { ms: bj(2020, 12, 1, 3), temp: 2 },
  ];
  const anchor = bj(2026, 11, 23, 9);
  const w = seriesWeather(points, 'short.csv', anchor);
  const cases: [string, number, number][] = [
    ['the anchor reads the first hour', anchor, 0],
    ['half an hour later: interpolated', anchor + H / 2, -1],
    ['across a missing hour', anchor + 2 * H, 0],
    ['after the end (4 h): cycles to the start', anchor + 4 * H, 0],
    ['before the anchor: cycles backwards', anchor - H, 2],
  ];
  for (const [name, at, expected] of cases)
    it(name, () => assert.ok(Math.abs(w.temperatureAt(at) - expected) < 1e-9));
});

describe('a file holding a whole season (e.g. --weather with the UCI 2010–2014 file)', () => {
  const file = 'season.csv';
  const text = 'No,year,month,day,hour,pm2.5,DEWP,TEMP\n'.concat(
    ...Array.from({ length: 24 * 200 }, (_, i) => {
      const d = new Date(Date.UTC(2010, 10, 1) + i * H);
      return `${i + 1},${d.getUTCFullYear()},${d.getUTCMonth() + 1},${d.getUTCDate()},${d.getUTCHours()},,0,${i % 7}\n`;
    }),
  );
  const w = seriesWeather(parseWeatherCsv(text, file), file, bj(2026, 11, 23, 9));
  it('maps the same month, day and hour of its first whole season', () =>
    assert.equal(w.temperatureAt(bj(2026, 11, 15, 0)), (14 * 24) % 7));
});

describe('syntheticWeather', () => {
  const w = syntheticWeather();
  const cases: [number, number][] = [
    [14, 2],
    [2, -6],
    [8, -2],
  ];
  for (const [hour, expected] of cases)
    it(`${hour}:00 local → ${expected} ℃`, () =>
      assert.ok(Math.abs(w.temperatureAt(bj(2026, 12, 1, hour)) - expected) < 1e-9));
  it('a missing user file is an error, not the fallback', () =>
    assert.throws(() => loadWeather('/nonexistent/weather.csv', 0), { code: 'simulate.invalid_weather' }));
});
