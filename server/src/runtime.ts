// Opens the configured database (SQLite file in HEARTH_DATA_DIR, or PostgreSQL) and migrates it.
import path from 'node:path';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import { createContainer, DEVICE_CHANGES, type Container, type ContainerConfig } from './container.ts';
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
  const container = createContainer(config, database, await openTelemetryStore(database, config.timeZone));
  // device changes made by the other processes on the same data end what this one cached at once
  await database.listen(DEVICE_CHANGES, (payload) => {
    const message = JSON.parse(payload) as { from: string; ids: number[] };
    if (message.from !== container.instance) container.devices.forget(message.ids);
  });
  return container;
}
