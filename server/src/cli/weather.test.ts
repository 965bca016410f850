// `hearth weather …` as a user runs it, on committed excerpts of the Beijing files (figures checked by hand).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const HEARTH = path.resolve(HERE, '../../bin/hearth.js');
const FIXTURES = path.resolve(HERE, '../modules/weather/fixtures');
const SEASON = path.join(FIXTURES, 'beijing-2012-13-hourly.csv');
const MULTISITE = path.join(FIXTURES, 'multisite-excerpt.csv');

describe('hearth weather', () => {
  let dataDir = '';
  const run = (args: string[]) =>
    spawnSync(process.execPath, [HEARTH, 'weather', ...args], {
      env: { ...process.env, HEARTH_DATA_DIR: dataDir, HEARTH_DATABASE_URL: '' },
      encoding: 'utf8',
    });
  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-weather-cli-'));
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  /** The first 3 days of the season (lines 2–73) and three bad rows (lines 74–76). */
  const shortFile = () => {
    const file = path.join(dataDir, 'short.csv');
    const lines = fs.readFileSync(SEASON, 'utf8').split('\n').slice(0, 73);
    fs.writeFileSync(
      file,
      [...lines, '99,2012,13,4,0,20', '100,2012,8,4,1,warm', '101,2012,8,4,2', ''].join('\n'),
    );
    return file;
  };

  const periods: [string, string[], unknown][] = [
    // 2012/13 by hand: the first 5-day window ≤ 5 ℃ is 11-10…11-14 (5.88, 4.04, 5.21, 3.33, 1.54 → 4.00), its first
    // day ≤ 5 is 11-11; the last is 03-02…03-06 (−0.04, 3.96, 8.71, 5.75, 6.12 → 4.90), its last day ≤ 5 is 03-03
    ['24-hour means', [], [{ winter: '2012/13', start: '2012-11-11', end: '2013-03-03', days: 113 }]],
    [
      '4obs means',
      ['--averaging', '4obs'],
      [{ winter: '2012/13', start: '2012-11-11', end: '2013-03-03', days: 113 }],
    ],
    [
      'threshold 0 ℃',
      ['--threshold', '0'],
      [{ winter: '2012/13', start: '2012-11-29', end: '2013-02-25', days: 89 }],
    ],
  ];
  for (const [name, extra, expected] of periods)
    it(`heating-period, ${name}`, () => {
      const r = run(['heating-period', '--csv', SEASON, ...extra]);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), expected);
    });

  it('design-temp: one complete season, the 6th lowest daily mean, two decimals', () => {
    // the six lowest 24-hour means of 2012/13: −11.54, −11.50, −10.75, −10.67, −10.50, −10.25
    const r = run(['design-temp', '--csv', SEASON]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), '{"designTemp":-10.25,"years":1}');
    const obs = run(['design-temp', '--csv', SEASON, '--averaging', '4obs']).stdout.trim();
    assert.equal(obs, '{"designTemp":-10.50,"years":1}');
    assert.deepEqual(JSON.parse(obs), { designTemp: -10.5, years: 1 });
  });

  it('keeps the good rows of a file with bad ones and lists the bad ones by line and column', () => {
    const r = run(['heating-period', '--csv', shortFile()]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), [{ winter: '2012/13', start: null, end: null, days: 0 }]);
    assert.match(r.stderr, /line 74 \[month\]: .*bad month "13"/);
    assert.match(r.stderr, /line 75 \[TEMP\]: .*"warm"/);
    assert.match(r.stderr, /line 76: .*5 fields, header has 6/);
  });

  const errors: [string, string[], RegExp][] = [
    ['no --csv', ['heating-period'], /cli\.invalid_arguments/],
    ['a missing file', ['heating-period', '--csv', '/no/such/file.csv'], /cli\.file_not_found/],
    ['a directory', ['design-temp', '--csv', FIXTURES], /cli\.file_not_found/],
    [
      'an unknown averaging',
      ['heating-period', '--csv', SEASON, '--averaging', '12h'],
      /weather\.invalid_averaging/,
    ],
    [
      'a threshold that is no number',
      ['heating-period', '--csv', SEASON, '--threshold', 'cold'],
      /weather\.invalid_threshold/,
    ],
    [
      'an implausible threshold',
      ['heating-period', '--csv', SEASON, '--threshold', '40'],
      /weather\.invalid_threshold/,
    ],
    [
      'design-temp with a threshold',
      ['design-temp', '--csv', SEASON, '--threshold', '5'],
      /cli\.invalid_arguments/,
    ],
    ['an unknown subcommand', ['forecast', '--csv', SEASON], /cli\.unknown_command/],
    ['an unknown option', ['heating-period', '--csv', SEASON, '--city', 'x'], /cli\.invalid_arguments/],
    ['no usable day', ['design-temp', '--csv', MULTISITE], /weather\.no_data/],
  ];
  it('refuses design-temp on less than a complete season', () => {
    const r = run(['design-temp', '--csv', shortFile()]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /weather\.too_short/);
  });

  for (const [name, args, code] of errors)
    it(`refuses ${name} with a stable code`, () => {
      const r = run(args);
      assert.equal(r.status, 2, r.stdout);
      assert.match(r.stderr, code);
      assert.equal(r.stdout, '');
    });

  it('refuses a file without a TEMP column', () => {
    const file = path.join(dataDir, 'no-temp.csv');
    fs.writeFileSync(file, 'year,month,day,hour,DEWP\n2013,1,1,0,-20\n');
    const r = run(['heating-period', '--csv', file]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /line 1 \[TEMP\]: .*missing column TEMP/);
    assert.match(r.stderr, /weather\.no_data/);
  });
});
