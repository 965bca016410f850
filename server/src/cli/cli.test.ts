// The `hearth` command as a user runs it: seed, import, user add, mqtt-acl, bad input and bad configuration.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.ts';
import { SYSTEM_ACTOR } from '../modules/auth/actor.ts';
import { openConfiguredDatabase, openContainer } from '../runtime.ts';
import { createProcessEnv, type ProcessEnv } from '../test-support/process-env.ts';

const HEARTH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/hearth.js');

describe('hearth CLI', () => {
  let proc: ProcessEnv;
  const run = (args: string[], extraEnv: Record<string, string> = {}) =>
    spawnSync(process.execPath, [HEARTH, ...args], {
      env: { ...process.env, ...proc.env, HEARTH_ADMIN_PASSWORD: 'cli-admin-password', ...extraEnv },
      encoding: 'utf8',
    });

  before(async () => {
    proc = await createProcessEnv('hearth-cli-');
  });
  after(() => proc.dispose());

  it('prints help', () => {
    const r = run(['--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /hearth seed/);
  });

  it('migrates, then seeds a demo city with accounts for every role', () => {
    assert.equal(run(['migrate']).status, 0);
    const r = run(['seed', '--scale', 'tiny', '--seed', '5']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /演示城市已生成/);
    // the season's history and the demo devices come with it
    assert.match(r.stdout, /历史数据 \/ history .* → .*: [\d,]+ 条读数 readings, \d+ 换热站 stations/);
    for (const role of ['supervisor', 'department', 'enterprise', 'operator', 'viewer'])
      assert.match(r.stdout, new RegExp(role));
    const accounts = fs.readFileSync(path.join(proc.dataDir, 'demo-accounts.txt'), 'utf8');
    assert.match(accounts, /^supervisor\t\S{14}\tsupervisor/m);
  });

  it('refuses to seed a database that already has data', () => {
    const r = run(['seed', '--scale', 'tiny']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /seed\.not_empty/);
  });

  it('imports a CSV file or reports every bad line and writes nothing', () => {
    const good = path.join(proc.dataDir, 'departments.csv');
    fs.writeFileSync(good, 'code,name,duty\nrfb,人防办,人防工程\n');
    const ok = run(['import', 'departments', good]);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /imported 1 departments/);
    const bad = path.join(proc.dataDir, 'bad.csv');
    fs.writeFileSync(bad, 'code,name\nBAD CODE,x\nok_code,y\n');
    const r = run(['import', 'departments', bad]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /import\.invalid_rows/);
    assert.match(r.stderr, /line 2/);
    assert.equal(run(['import', 'departments', '/no/such/file.csv']).status, 2);
  });

  it('adds users and validates their role', () => {
    const r = run(['user', 'add', '--username', 'zhang.san', '--role', 'operator']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /zhang\.san \(operator\).*密码 \/ password: \S+/);
    const bad = run(['user', 'add', '--username', 'li.si', '--role', 'king']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /cli\.invalid_role/);
    assert.equal(
      run(['user', 'add', '--username', 'zhang.san', '--role', 'operator']).status,
      2,
      'duplicate',
    );
  });

  it('writes the Mosquitto ACL of the active devices, atomically, for the named ingest account', async () => {
    // a station device and two indoor sensors registered in-process on the CLI's database; one revoked
    const config = loadConfig({ ...process.env, ...proc.env });
    const database = await openConfiguredDatabase(config);
    const topics: string[] = [];
    let demoDevices = 0;
    try {
      const container = await openContainer(config, database);
      // the revoked one is a household without a demo sensor (whose topic no other device may use)
      const demoList = await container.demoDevices.list();
      const demo = new Set(demoList.map((d) => d.householdId));
      const stations = await container.registry.list(SYSTEM_ACTOR, 'stations', { page: 1, pageSize: 1 });
      const households = await container.registry.list(SYSTEM_ACTOR, 'households', {
        page: 1,
        pageSize: 200,
      });
      const unsensed = households.items.filter((h) => !demo.has((h as { id: number }).id));
      const ids = [
        { stationId: (stations.items[0] as { id: number }).id },
        { householdId: (unsensed[0] as { id: number }).id },
        { householdId: (unsensed[1] as { id: number }).id },
      ];
      const created = [];
      for (const target of ids) created.push(await container.devices.create(SYSTEM_ACTOR, target));
      await container.devices.revoke(SYSTEM_ACTOR, created[1]?.id ?? 0);
      demoDevices = demoList.length;
      assert.ok(demoDevices > 0, 'the seeded demo city has its devices');
      topics.push(...created.map((c) => c.topic));
      await container.telemetryStore.close();
    } finally {
      await database.close();
    }

    const out = path.join(proc.dataDir, 'acl');
    const r = run(['mqtt-acl', '--out', out, '--ingest-user', 'hearth-ingest']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`${demoDevices + 2} 台设备 / devices`));
    const rules = fs
      .readFileSync(out, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('user') || l.startsWith('topic'));
    assert.deepEqual(rules.slice(0, 2), ['user hearth-ingest', 'topic read hearth/v1/#']);
    assert.ok(rules.includes(`topic write ${topics[0]}`));
    assert.ok(rules.includes(`topic write ${topics[2]}`));
    assert.ok(!rules.includes(`topic write ${topics[1]}`), 'a revoked device gets no rule');
    assert.ok(!fs.existsSync(`${out}.partial`));
    // stdout by default; the ingest account from HEARTH_MQTT_URL's user
    const printed = run(['mqtt-acl'], { HEARTH_MQTT_URL: 'mqtt://ingest-7:secret@127.0.0.1:1' });
    assert.equal(printed.status, 0, printed.stderr);
    assert.match(printed.stdout, /^user ingest-7$/m);
    assert.match(run(['mqtt-acl', '--ingest-user', 'two words']).stderr, /cli\.invalid_arguments/);
  });

  it('rejects bad arguments and bad configuration with readable errors', () => {
    assert.match(run(['seed', '--scale', 'galaxy']).stderr, /cli\.invalid_scale/);
    assert.match(run(['seed', '--bogus']).stderr, /cli\.invalid_arguments/);
    assert.match(run(['frobnicate']).stderr, /cli\.unknown_command/);
    assert.match(run(['simulate', '--speed', '-5', '--duration', '1']).stderr, /cli\.invalid_arguments/);
    assert.match(
      run(['simulate', '--broker', 'mqtt://x', '--http', 'http://y']).stderr,
      /cli\.invalid_arguments/,
    );
    assert.match(
      run(['simulate', '--faults', 'volcano', '--duration', '1']).stderr,
      /simulate\.invalid_fault/,
    );
    const r = run(['migrate'], { HEARTH_PORT: 'eighty', HEARTH_TZ: 'Nowhere/City' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /HEARTH_PORT/);
    assert.match(r.stderr, /HEARTH_TZ/);
  });
});
