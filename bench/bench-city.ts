// Shared benchmark setup: a fresh SQLite data dir with the small demo city, its container and stations.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_TELEMETRY } from '../server/src/container.ts';
import { dropPostgresSchema, openDatabase } from '../server/src/db/database.ts';
import { SYSTEM_ACTOR } from '../server/src/modules/auth/actor.ts';
import { generateDemoCity } from '../server/src/modules/demo-city/demo-city.generator.ts';
import { openContainer } from '../server/src/runtime.ts';

/** `postgresUrl`: the city in a schema of its own on that server (dropped by `dropSchema`), else SQLite. */
export async function openBenchCity(prefix: string, stationCount: number, postgresUrl?: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const schema = `bench_${process.pid}`;
  const database = postgresUrl
    ? await openDatabase({ kind: 'postgres', url: postgresUrl, schema })
    : await openDatabase({ kind: 'sqlite', file: path.join(dir, 'hearth.db') });
  await database.migrate();
  await generateDemoCity(database, { scale: 'small', seed: 1 });
  const container = await openContainer(
    { sessionTtlMs: 3_600_000, timeZone: 'Asia/Shanghai', telemetry: DEFAULT_TELEMETRY },
    database,
  );
  const page = await container.registry.list(SYSTEM_ACTOR, 'stations', {
    page: 1,
    pageSize: stationCount,
    sort: 'code',
  });
  const stations = page.items as { id: number; code: string }[];
  const dropSchema = async () => {
    if (postgresUrl) await dropPostgresSchema(postgresUrl, schema);
  };
  return { dir, database, container, stations, dropSchema };
}

/** Registers a device per station and writes their credentials for a load-generator child. */
export async function writeDevicesFile(
  city: Awaited<ReturnType<typeof openBenchCity>>,
  count: number,
  name: string,
): Promise<string> {
  const list = [];
  for (const s of city.stations.slice(0, count)) {
    const credential = await city.container.devices.create(SYSTEM_ACTOR, {
      stationId: s.id,
      name: `bench-${name}`,
    });
    list.push({ ...credential, code: s.code });
  }
  const file = path.join(city.dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(list));
  return file;
}
