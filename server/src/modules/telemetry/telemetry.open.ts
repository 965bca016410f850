// Opens the telemetry store that matches the domain database (its own connection to the same data).
import type { DatabaseHandle } from '../../db/database.ts';
import { createPostgresTelemetryStore } from './store/postgres-telemetry-store.ts';
import { createSqliteTelemetryStore } from './store/sqlite-telemetry-store.ts';
import type { TelemetryStore } from './telemetry.store.ts';

export async function openTelemetryStore(database: DatabaseHandle): Promise<TelemetryStore> {
  const target = database.target;
  return target.kind === 'sqlite'
    ? createSqliteTelemetryStore(target.file)
    : createPostgresTelemetryStore(target.url, target.schema);
}
