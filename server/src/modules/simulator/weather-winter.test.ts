// The Beijing winter shipped in server/data/weather: loads from the module, covers the whole heating season.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEFAULT_WEATHER_FILE, fillHourly, loadWeather, parseWeatherCsv } from './weather.ts';

const H = 3_600_000;
/** epoch ms of a Beijing local time */
const bj = (y: number, mo: number, d: number, h = 0, min = 0) => Date.UTC(y, mo - 1, d, h, min) - 8 * H;
const here = path.dirname(fileURLToPath(import.meta.url));

describe('fillHourly', () => {
  it('fills missing hours linearly between the neighbouring hours', () =>
    assert.deepEqual(
      fillHourly([
        { ms: bj(2016, 1, 1, 0), temp: -3 },
        { ms: bj(2016, 1, 1, 3), temp: 0 },
        { ms: bj(2016, 1, 1, 4), temp: 2 },
      ]),
      [
        { ms: bj(2016, 1, 1, 0), temp: -3 },
        { ms: bj(2016, 1, 1, 1), temp: -2 },
        { ms: bj(2016, 1, 1, 2), temp: -1 },
        { ms: bj(2016, 1, 1, 3), temp: 0 },
        { ms: bj(2016, 1, 1, 4), temp: 2 },
      ],
    ));
  it('an NA row in a CSV becomes an interpolated hour', () => {
    const rows = 'year,month,day,hour,TEMP\n2016,1,1,0,-4\n2016,1,1,1,NA\n2016,1,1,2,\n2016,1,1,3,-1\n';
    assert.deepEqual(
      fillHourly(parseWeatherCsv(rows)).map((p) => p.temp),
      [-4, -3, -2, -1],
    );
  });
});

describe('the shipped Beijing winter 2015-11-15 → 2016-03-15', () => {
  const text = fs.readFileSync(DEFAULT_WEATHER_FILE, 'utf8');
  const raw = parseWeatherCsv(text, DEFAULT_WEATHER_FILE);
  const hourly = fillHourly(raw);

  it('lives inside the project, beside the server sources', () => {
    assert.equal(DEFAULT_WEATHER_FILE, path.resolve(here, '../../../data/weather/beijing-2015-2016.csv'));
    assert.ok(!path.relative(path.resolve(here, '../../..'), DEFAULT_WEATHER_FILE).startsWith('..'));
  });

  it('has one row per hour of the season, from the one station', () => {
    assert.equal(text.trimEnd().split('\n')[0], 'year,month,day,hour,TEMP');
    assert.equal(text.trimEnd().split('\n').length - 1, 2928);
  });

  it('covers every hour of the season, no NaN', () => {
    const first = bj(2015, 11, 15, 0);
    const last = bj(2016, 3, 15, 23);
    assert.equal(hourly.length, (last - first) / H + 1);
    hourly.forEach((p, i) => {
      assert.equal(p.ms, first + i * H);
      assert.ok(Number.isFinite(p.temp), `hour ${i}`);
    });
  });

  it('is plausible: hourly −20…+20 ℃, daily means −20…+15 ℃, coldest day below −5 ℃', () => {
    const temps = hourly.map((p) => p.temp);
    assert.ok(
      Math.min(...temps) >= -20 && Math.max(...temps) <= 20,
      `${Math.min(...temps)}…${Math.max(...temps)}`,
    );
    const days = new Map<number, number[]>();
    for (const p of hourly) {
      const day = Math.floor((p.ms + 8 * H) / (24 * H));
      days.set(day, [...(days.get(day) ?? []), p.temp]);
    }
    assert.equal(days.size, 122);
    const means = [...days.values()].map((v) => v.reduce((a, b) => a + b, 0) / v.length);
    assert.ok(
      means.every((m) => m >= -20 && m <= 15),
      `${Math.min(...means)}…${Math.max(...means)}`,
    );
    assert.ok(Math.min(...means) < -5, `coldest day mean ${Math.min(...means)}`);
  });

  it('drives loadWeather by default, same month, day and hour, every hour finite', () => {
    const w = loadWeather(undefined, bj(2026, 11, 23, 9));
    assert.equal(w.source, DEFAULT_WEATHER_FILE);
    const row = raw.find((p) => p.ms === bj(2015, 12, 1, 7)) as { temp: number };
    assert.equal(w.temperatureAt(bj(2026, 12, 1, 7)), row.temp);
    for (let ms = bj(2026, 11, 1); ms < bj(2027, 4, 1); ms += H)
      assert.ok(Number.isFinite(w.temperatureAt(ms)));
  });

  it('loads from another working directory (resolved from the module, not the cwd)', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-weather-'));
    try {
      const out = execFileSync(
        process.execPath,
        [
          '--disable-warning=ExperimentalWarning',
          '--input-type=module',
          '-e',
          `const { loadWeather } = await import(${JSON.stringify(path.join(here, 'weather.ts'))});
           console.log(loadWeather(undefined, 0).source);`,
        ],
        { cwd, encoding: 'utf8' },
      );
      assert.equal(out.trim(), DEFAULT_WEATHER_FILE);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});
