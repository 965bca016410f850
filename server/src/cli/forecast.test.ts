// `hearth forecast backtest` as a user runs it: the day-ahead backtest of the shipped meter fixture, bad arguments.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProcessEnv, type ProcessEnv } from '../test-support/process-env.ts';

const SERVER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const HEARTH = path.join(SERVER, 'bin/hearth.js');
const FIXTURE = path.join(SERVER, 'data/meters/danish-meter-2020-sep-dec.csv');

describe('hearth forecast backtest', () => {
  let proc: ProcessEnv;
  const run = (args: string[]) =>
    spawnSync(process.execPath, [HEARTH, 'forecast', ...args], {
      env: { ...process.env, ...proc.env },
      encoding: 'utf8',
    });

  before(async () => {
    proc = await createProcessEnv('hearth-forecast-cli-');
  });
  after(() => proc.dispose());

  it('prints the day-ahead backtest of the meter fixture, better than persistence', () => {
    const r = run(['backtest', '--meter-csv', FIXTURE]);
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout) as Record<string, number>;
    assert.deepEqual(Object.keys(result), ['mape', 'cvrmse', 'persistenceMape', 'persistenceCvrmse', 'days']);
    // 2020-09-01 → 12-31 (UTC): October–December 2020 are scored, 92 days
    assert.equal(result.days, 92);
    assert.ok((result.mape as number) < (result.persistenceMape as number), r.stdout);
    assert.ok((result.cvrmse as number) < (result.persistenceCvrmse as number), r.stdout);
    assert.ok((result.mape as number) > 1 && (result.mape as number) < 20, r.stdout);
  });

  it('handles a gap and a register reset in the file', () => {
    const lines = fs.readFileSync(FIXTURE, 'utf8').trim().split('\n');
    // 5 hours dropped in November, and from December on the register restarts at zero (a meter exchange)
    const header = lines[0] as string;
    const rows = lines.slice(1).filter((l) => !/2020-11-10T0[1-5]/.test(l));
    const exchanged = rows.map((l) => {
      const cells = l.split(',');
      if ((cells[2] as string) >= '2020-12-01') cells[3] = String(Number(cells[3]) - 56_000);
      return cells.join(',');
    });
    const file = path.join(proc.dataDir, 'meter-gap-reset.csv');
    fs.writeFileSync(file, [header, ...exchanged].join('\n'));
    const r = run(['backtest', '--meter-csv', file]);
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout) as Record<string, number>;
    // the reset's day (2020-12-01 local, 01:00 in Copenhagen is 00:00 UTC) keeps 23 of 24 hours; nothing is negative
    assert.ok((result.days as number) >= 90, r.stdout);
    assert.ok((result.mape as number) < 20, r.stdout);
  });

  it('validates its arguments with stable codes', () => {
    const cases: [string[], RegExp][] = [
      [[], /cli\.unknown_command/],
      [['predict'], /cli\.unknown_command/],
      [['backtest'], /cli\.invalid_arguments/],
      [['backtest', '--meter-csv', FIXTURE, '--bogus'], /cli\.invalid_arguments/],
      [['backtest', '--meter-csv', '/no/such/meter.csv'], /cli\.file_not_found/],
      [['backtest', '--meter-csv', FIXTURE, '--time-zone', 'Mars/Olympus'], /forecast\.invalid_time_zone/],
      [['backtest', '--meter-csv', path.join(SERVER, 'package.json')], /forecast\.invalid_meter_file/],
    ];
    for (const [args, code] of cases) {
      const r = run(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, code);
    }
  });

  it('refuses a file without an October–April day', () => {
    const file = path.join(proc.dataDir, 'summer.csv');
    fs.writeFileSync(
      file,
      'time_rounded,energy_heat_kwh\n' +
        Array.from(
          { length: 72 },
          (_, h) => `${new Date(Date.UTC(2020, 6, 1, h)).toISOString()},${h * 0.5}`,
        ).join('\n'),
    );
    assert.match(run(['backtest', '--meter-csv', file]).stderr, /forecast\.no_season_days/);
  });
});
