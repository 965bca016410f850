// Opens the telemetry store that matches the domain database: PostgreSQL's own connections, or SQLite's own file.
import type { DatabaseHandle } from '../../db/database.ts';
import { createPostgresTelemetryStore } from './store/postgres-telemetry-store.ts';
import { telemetryFileFor } from './store/sqlite-telemetry-file.ts';
import { createSqliteTelemetryStore } from './store/sqlite-telemetry-store.ts';
import type { StoreOptions, TelemetryStore } from './telemetry.store.ts';
import { utcOffsetMs } from '../../lib/time-zone.ts';

export { utcOffsetMs };

export async function openTelemetryStore(
  database: DatabaseHandle,
  timeZone = 'UTC',
  hooks: Pick<StoreOptions, 'onLatestWritten'> = {},
): Promise<TelemetryStore> {
  const target = database.target;
  const options = { dayOffsetMs: utcOffsetMs(timeZone) };
  if (target.kind === 'postgres') {
    return createPostgresTelemetryStore(target.url, target.schema, { ...options, ...hooks });
  }
  // (SQLite: one process, nothing to announce; its options go to a worker thread, where functions cannot)
  // a file of its own: telemetry commits never wait for a domain transaction's write lock, nor the reverse;
  // tables an earlier version kept in the domain file move over on the first open
  return createSqliteTelemetryStore(telemetryFileFor(target.file), options, { adoptFrom: target.file });
}
