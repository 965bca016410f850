// The SQLite telemetry store's own file (`hearth-telemetry.db` beside `hearth.db`): its migrations, run on that
// file under their own migration table, and the one-time adoption of telemetry tables that earlier versions kept
// in the domain file. On PostgreSQL the same migrations run with the domain ones (row locks: no contention).
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { adaptNodeSqlite } from '../../../db/node-sqlite-adapter.ts';
import { telemetryMigrationsFor } from './telemetry.migrations.ts';
import { DIRTY, LATEST, LEVELS, READINGS, REPLAY, rollupTable } from './telemetry-store.schema.ts';

/** The telemetry tables, in the order they are copied. */
export const TELEMETRY_TABLES: readonly string[] = [
  READINGS,
  LATEST,
  ...LEVELS.map(rollupTable),
  DIRTY,
  REPLAY,
];

export { telemetryMigrationsFor };

/** `…/hearth.db` → `…/hearth-telemetry.db`. */
export function telemetryFileFor(domainFile: string): string {
  const base = path.basename(domainFile).replace(/\.db$/, '');
  return path.join(path.dirname(domainFile), `${base}-telemetry.db`);
}

/**
 * Creates or upgrades the telemetry file; with `legacyDomainFile`, first moves into it the telemetry tables an
 * earlier version kept in the domain file (copied in one transaction, then dropped there; a copy interrupted
 * before the drop is simply repeated: every table has a key, so rows already copied are kept once).
 */
export async function prepareSqliteTelemetryFile(file: string, legacyDomainFile?: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const raw = new DatabaseSync(file);
  // page size before the first table; WAL so the writer and the readers never wait for each other
  raw.exec('PRAGMA page_size = 32768; PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 30000;');
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: adaptNodeSqlite(raw) }) });
  try {
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => telemetryMigrationsFor('sqlite') },
      migrationTableName: 'telemetry_migration',
      migrationLockTableName: 'telemetry_migration_lock',
    });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    if (legacyDomainFile !== undefined && fs.existsSync(legacyDomainFile))
      adoptLegacyTables(raw, legacyDomainFile);
  } finally {
    await db.destroy();
  }
}

function adoptLegacyTables(raw: DatabaseSync, legacyFile: string): void {
  raw.prepare('ATTACH DATABASE ? AS legacy').run(legacyFile);
  try {
    const present = new Set(
      (
        raw.prepare("SELECT name FROM legacy.sqlite_master WHERE type = 'table'").all() as { name: string }[]
      ).map((r) => r.name),
    );
    const tables = TELEMETRY_TABLES.filter((t) => present.has(t));
    if (tables.length === 0) return;
    raw.exec('BEGIN IMMEDIATE');
    try {
      for (const table of tables) {
        const columns = (raw.prepare(`PRAGMA main.table_info(${table})`).all() as { name: string }[])
          .map((c) => c.name)
          .join(', ');
        raw.exec(`INSERT OR IGNORE INTO main.${table} (${columns}) SELECT ${columns} FROM legacy.${table}`);
      }
      raw.exec('COMMIT');
    } catch (error) {
      raw.exec('ROLLBACK');
      throw error;
    }
    for (const table of tables) raw.exec(`DROP TABLE legacy.${table}`);
  } finally {
    raw.exec('DETACH DATABASE legacy');
  }
}
