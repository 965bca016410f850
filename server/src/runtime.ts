// Opens the configured database (SQLite file in HEARTH_DATA_DIR, or PostgreSQL) and migrates it.
import path from 'node:path';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import {
  ALARMS_CHANGED,
  createContainer,
  DEVICE_CHANGES,
  STATIONS_STORED,
  type Container,
  type ContainerConfig,
} from './container.ts';
import { openTelemetryStore } from './modules/telemetry/telemetry.open.ts';

export function sqliteFile(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'hearth.db');
}

export async function openConfiguredDatabase(
  config: Pick<Config, 'dataDir' | 'databaseUrl'>,
): Promise<DatabaseHandle> {
  return config.databaseUrl
    ? openDatabase({ kind: 'postgres', url: config.databaseUrl })
    : openDatabase({ kind: 'sqlite', file: sqliteFile(config) });
}

/** The container over an open database, with its telemetry store (close it with `closeContainer`). */
export async function openContainer(config: ContainerConfig, database: DatabaseHandle): Promise<Container> {
  database.checkpointInBackground();
  let announce: (stationIds: number[]) => void = () => undefined;
  const store = await openTelemetryStore(database, config.timeZone, {
    onLatestWritten: (ids) => announce(ids),
  });
  const container = createContainer(config, database, store);
  // the stations whose latest values this process wrote reach the live views of the others (a payload of
  // PostgreSQL's NOTIFY holds at most 8,000 bytes: 500 ids a message)
  announce = (ids) => {
    for (let i = 0; i < ids.length; i += 500) {
      const message = JSON.stringify({ from: container.instance, ids: ids.slice(i, i + 500) });
      void database.notify(STATIONS_STORED, message).catch(() => undefined);
    }
  };
  await database.listen(STATIONS_STORED, (payload) => {
    const message = JSON.parse(payload) as { from: string; ids: number[] };
    if (message.from !== container.instance) container.ingest.announceStored('station', message.ids);
  });
  // device changes made by the other processes on the same data end what this one cached at once
  await database.listen(DEVICE_CHANGES, (payload) => {
    const message = JSON.parse(payload) as { from: string; ids: number[] };
    if (message.from !== container.instance) container.devices.forget(message.ids);
  });
  // alarms the other processes changed reach this one's live streams
  await database.listen(ALARMS_CHANGED, (payload) => {
    const message = JSON.parse(payload) as { from: string; changes: { id: number; event: never }[] };
    if (message.from !== container.instance)
      void container.alarms.announce(message.changes).catch(() => undefined);
  });
  await container.alarms.start();
  return container;
}
