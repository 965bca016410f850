// Path (f) of ingest.bench.ts: HTTP batch ingest for every station of the `city` demo scale (600), with every
// alarm rule type active (the seeded defaults: threshold ×2, supply deviation against the compensation target,
// indoor low, offline, leak, and the two hooks), as a share of the same run with the alarm engine detached.
// Runs alternate (without, with, three times) and each side keeps its best, so a busy shared machine bends
// both alike. The weather store holds an outdoor temperature, so every station has a compensation target and the
// supply-deviation rule is live.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/src/app.ts';
import { DEFAULT_TELEMETRY } from '../server/src/container.ts';
import { openDatabase } from '../server/src/db/database.ts';
import { CITY_SCOPE, SYSTEM_ACTOR } from '../server/src/modules/auth/actor.ts';
import { generateDemoCity } from '../server/src/modules/demo-city/demo-city.generator.ts';
import { openContainer } from '../server/src/runtime.ts';

export type AlarmsPathResult = {
  without: number;
  withRules: number;
  /** server CPU µs per reading, best of each side (all threads: steadier than the rate on a busy machine) */
  cpuWithout: number;
  cpuWithRules: number;
  readings: number;
  alarms: number;
};

type Load = (
  mode: string,
  url: string,
  file: string,
  perDevice: number,
  startMs: number,
) => Promise<{ readings: number; seconds: number; serverCpuSeconds: number }>;

export async function runAlarmsPath(
  load: Load,
  startMs: number,
  perDevice: number,
): Promise<AlarmsPathResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-bench-alarms-'));
  const database = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'hearth.db') });
  await database.migrate();
  await generateDemoCity(database, { scale: 'city', seed: 1 });
  const container = await openContainer(
    { sessionTtlMs: 3_600_000, timeZone: 'Asia/Shanghai', telemetry: DEFAULT_TELEMETRY },
    database,
  );
  // −5 ℃ observed over the last two days (the compensation targets follow the outdoor temperature now)
  await container.weather.writeDemo(SYSTEM_ACTOR, Date.now() - 2 * 86_400_000, () => -5);
  const codes = new Map<number, string>();
  for await (const s of container.registry.scan(CITY_SCOPE, 'stations')) codes.set(s.id, s.code);
  await container.demoDevices.register([...codes.keys()], []);
  const devices = (await container.demoDevices.credentials()).flatMap((d) =>
    d.stationId === null ? [] : [{ id: d.id, token: d.token, topic: '', code: codes.get(d.stationId) }],
  );
  const file = path.join(dir, 'devices.json');
  fs.writeFileSync(file, JSON.stringify(devices));
  const app = await buildApp(container);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });

  let detach: (() => unknown) | null = container.detachAlarms;
  const rules = (on: boolean) => {
    if (on && !detach) detach = container.telemetryWriter.onCommitted(container.alarms.committed);
    if (!on && detach) {
      detach();
      detach = null;
    }
  };
  const best = { without: 0, withRules: 0, cpuWithout: Infinity, cpuWithRules: Infinity };
  let readings = 0;
  let run = 0;
  for (const on of [false, true, false, true, false, true]) {
    rules(on);
    const r = await load('http', url, file, perDevice, startMs + run++ * perDevice * 1000);
    await container.alarms.idle();
    const value = Math.round(r.readings / r.seconds);
    const cpu = (r.serverCpuSeconds / r.readings) * 1e6;
    readings = r.readings;
    console.log(
      `(f) ${on ? 'with rules   ' : 'without rules'} ${value.toLocaleString('en').padStart(10)} readings/s, server ${cpu.toFixed(2)} µs CPU/reading [${r.readings} readings, ${devices.length} stations]`,
    );
    if (on) {
      best.withRules = Math.max(best.withRules, value);
      best.cpuWithRules = Math.min(best.cpuWithRules, cpu);
    } else {
      best.without = Math.max(best.without, value);
      best.cpuWithout = Math.min(best.cpuWithout, cpu);
    }
  }
  const alarms = (await container.alarms.summary(SYSTEM_ACTOR)).open;
  await app.close();
  await container.telemetryWriter.close();
  await container.telemetryStore.close();
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { ...best, readings, alarms };
}
