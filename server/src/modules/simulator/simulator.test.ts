// The simulator end to end against an in-process Hearth: MQTT (embedded broker), then HTTP ingest.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { METRICS, type MetricKey } from '@hearth/contracts/telemetry';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { CITY_SCOPE } from '../auth/actor.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from '../ingest/mqtt/embedded-broker.ts';
import { relativeLoad, supplyCurve, WATER_HEAT_CAPACITY } from '../weather/compensation.rules.ts';
import { runSimulation, type SimulationReport } from './simulator.ts';
import type { Station } from '@hearth/contracts/registry';

const log = pino({ level: 'silent' });
type StationItem = Pick<Station, 'id' | 'code' | 'designSupplyTemp' | 'designReturnTemp'>;

/** Two days of a steady 0 ℃: the curve target is then known exactly. */
function constantWeather(dir: string): string {
  const file = path.join(dir, 'zero.csv');
  const rows = ['No,year,month,day,hour,pm2.5,DEWP,TEMP,PRES'];
  for (let h = 0; h < 48; h++) rows.push(`${h + 1},2020,12,${1 + Math.floor(h / 24)},${h % 24},,-10,0,1030`);
  fs.writeFileSync(file, rows.join('\n'));
  return file;
}

describe('simulator', () => {
  let t: TestApp;
  let broker: EmbeddedBroker;
  let httpUrl: string;
  let weatherFile: string;
  let dir: string;
  let stations: StationItem[];
  const curveAtZero = (s: StationItem) =>
    supplyCurve(relativeLoad(0), s.designSupplyTemp, s.designReturnTemp).supply;

  before(async () => {
    t = await createTestApp({ demo: true });
    broker = await startEmbeddedBroker({
      host: '127.0.0.1',
      port: 0,
      devices: t.container.devices,
      ingest: t.container.ingest,
      log,
    });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    httpUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-sim-'));
    weatherFile = constantWeather(dir);
    stations = [];
    for await (const s of t.container.registry.scan(CITY_SCOPE, 'stations')) stations.push(s);
  });
  after(async () => {
    await broker.close();
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const activeIndoorSensors = async () => {
    let n = 0;
    for await (const d of t.container.devices.activeTopics()) if (d.topic.includes('/households/')) n++;
    return n;
  };

  async function checkRun(report: SimulationReport) {
    const { faults } = report;
    const offline = new Set(faults.offline);
    const underheat = new Map(faults.underheat.map((u) => [u.stationId, u.shortfall]));
    const stuck = new Map(faults.stuck.map((s) => [s.stationId, s.metric]));
    assert.equal(report.stations, stations.length);
    assert.ok(report.published > 0);
    assert.equal(report.errors, 0, 'no reading rejected or lost');
    assert.equal(report.acked, report.published, 'every published reading acknowledged');
    for (const kind of ['leak', 'offline', 'underheat', 'stuck'] as const)
      assert.equal(faults[kind].length, 1, `one ${kind} station among ${stations.length}`);

    const latest = await t.container.telemetryStore.latest('station');
    for (const s of stations) {
      const record = latest.get(s.id);
      if (offline.has(s.id)) {
        assert.equal(record, undefined, `offline station ${s.code} stays silent`);
        continue;
      }
      assert.ok(record && record.ts >= report.startedAt, `station ${s.code} reported in this run`);
      const v = Object.fromEntries(Object.entries(record.points).map(([k, p]) => [k, p.value])) as Record<
        MetricKey,
        number
      >;
      for (const [key, value] of Object.entries(v)) {
        const def = METRICS[key as MetricKey];
        assert.ok(value >= def.min && value <= def.max, `${s.code} ${key} = ${value}`);
      }
      for (const key of ['secondarySupplyTemp', 'flow', 'heatPower', 'heatTotal', 'makeupWater'] as const)
        assert.ok(key in v, `${s.code} reports ${key}`);
      const heatMw =
        (v.flow * WATER_HEAT_CAPACITY * (v.secondarySupplyTemp - v.secondaryReturnTemp)) / 3.6 / 1000;
      if (!stuck.has(s.id))
        assert.ok(Math.abs(v.heatPower - heatMw) <= 0.001 + 1e-3 * heatMw, `${s.code} Q = G·c·Δt`);
      const curve = curveAtZero(s);
      if (stuck.get(s.id) === 'secondarySupplyTemp') continue;
      const shortfall = underheat.get(s.id);
      if (shortfall !== undefined) {
        assert.ok(
          v.secondarySupplyTemp < curve - 8,
          `under-heated ${s.code}: ${v.secondarySupplyTemp} vs ${curve}`,
        );
        assert.ok(Math.abs(v.secondarySupplyTemp - (curve - shortfall)) < 2.5);
      } else {
        assert.ok(
          Math.abs(v.secondarySupplyTemp - curve) < 2.5,
          `${s.code}: ${v.secondarySupplyTemp} vs ${curve}`,
        );
      }
    }
    const leak = latest.get(faults.leak[0] as number)?.points;
    assert.ok(
      leak?.makeupWater && leak.flow && leak.makeupWater.value / leak.flow.value > 0.04,
      'leak make-up ×10',
    );

    const stuckFault = faults.stuck[0] as { stationId: number; metric: MetricKey };
    const raw = await t.container.telemetryStore.raw(
      'station',
      stuckFault.stationId,
      report.startedAt,
      Date.now() + 1,
      1000,
    );
    const column = Object.keys(METRICS).indexOf(stuckFault.metric);
    assert.ok(raw.length > 5);
    assert.equal(new Set(raw.map((r) => r.values[column])).size, 1, `stuck ${stuckFault.metric} repeats`);

    const indoor = await t.container.telemetryStore.latest('household');
    assert.ok(
      report.sampledHouseholds.length >= 45,
      `${report.sampledHouseholds.length} indoor sensors (≥3 %)`,
    );
    for (const id of report.sampledHouseholds) {
      const record = indoor.get(id);
      assert.ok(record && record.ts >= report.startedAt, `household ${id} reported`);
      const value = record.points.indoorTemp?.value as number;
      assert.ok(value > 12 && value < 24, `household ${id} indoor ${value}`);
    }
  }

  it('publishes over MQTT (QoS 1, a connection per device) for every station and sampled household', async () => {
    const seen: number[] = [];
    const report = await runSimulation(t.container, {
      transport: { kind: 'mqtt', url: `mqtt://127.0.0.1:${broker.port}` },
      speed: 600,
      faults: ['leak,stuck', 'offline', 'underheat'],
      weatherFile,
      seed: 3,
      durationSeconds: 2.5,
      onStats: (s) => seen.push(s.published),
      keepDevices: true,
    });
    assert.equal(report.devices.mqtt, report.stations + report.households);
    assert.equal(report.revoked, 0);
    assert.equal(await activeIndoorSensors(), report.households, 'kept devices count as indoor sensors');
    assert.ok(seen.length >= 3, 'stats about once a second');
    assert.equal(report.weather, weatherFile);
    assert.ok(report.outdoorTemp === 0);
    // at speed 600 the simulated clock ran ~20 min in 2.5 s (a step per simulated minute)
    assert.ok(report.simNow - report.startedAt >= 15 * 60_000);
    await checkRun(report);
  });

  it('publishes over HTTP batch ingest and stops on abort', async () => {
    const report = await runSimulation(t.container, {
      transport: { kind: 'http', url: httpUrl },
      speed: 600,
      faults: ['leak', 'stuck', 'offline', 'underheat'],
      weatherFile,
      seed: 3,
      signal: AbortSignal.timeout(2_500),
    });
    assert.equal(report.devices.http, report.stations + report.households);
    await checkRun(report);
    assert.equal(report.revoked, report.stations + report.households, 'its tokens die with the run');
    assert.equal(await activeIndoorSensors(), report.households, 'only the kept run’s sensors stay active');
  });

  it('over the MQTT connection limit posts the rest over HTTP, with a warning', async () => {
    const lines: string[] = [];
    const report = await runSimulation(t.container, {
      transport: { kind: 'mqtt', url: `mqtt://127.0.0.1:${broker.port}`, httpUrl, maxConnections: 5 },
      weatherFile,
      seed: 3,
      durationSeconds: 1.2,
      log: (line) => lines.push(line),
    });
    assert.equal(report.devices.mqtt, 5);
    assert.equal(report.devices.http, report.stations + report.households - 5);
    assert.ok(lines.some((l) => l.includes('HTTP')));
    assert.equal(report.errors, 0);
    assert.equal(report.acked, report.published);
  });

  it('rejects a malformed weather file before registering anything', async () => {
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'No,year,month,day,hour,TEMP\n1,2020,12,1,0,1\n2,2020,12,1,1,warm\n');
    await assert.rejects(
      runSimulation(t.container, {
        transport: { kind: 'http', url: httpUrl },
        weatherFile: bad,
        durationSeconds: 1,
      }),
      (e: { code?: string; details?: { line?: number }[] }) =>
        e.code === 'simulate.invalid_weather' && e.details?.[0]?.line === 3,
    );
  });
});
