// Opens the domain database (SQLite file via node:sqlite, or PostgreSQL via pg) behind one Kysely handle.
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import pg from 'pg';
import { adaptNodeSqlite } from './node-sqlite-adapter.ts';
import { startCheckpointer, type Checkpointer } from './sqlite-checkpointer.ts';
import { createPgNotifications } from './pg-notifications.ts';
import { schemaScopedPostgresDialect } from './postgres-scoped-dialect.ts';
import { migrationsFor } from './migrations.ts';
import { copyRowsInto } from './pg-text-copy.ts';
import type { Database } from './schema.ts';

import type { Dialect } from './migration-kit.ts';

export type { Dialect };

export type DatabaseHandle = {
  db: Kysely<Database>;
  dialect: Dialect;
  /** where the data lives, for logs (no credentials) */
  location: string;
  /** how to open another connection to the same data (the telemetry store keeps its own) */
  target: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string };
  migrate(): Promise<string[]>;
  /**
   * SQLite: a thread of its own copies the WAL into the file from now on (until close), so a large commit never
   * stalls the event loop with the copy. PostgreSQL: nothing.
   */
  checkpointInBackground(): void;
  /**
   * Answers when the database answers, without queueing behind a transaction in progress (SQLite: a read-only
   * connection of its own, which WAL never blocks; PostgreSQL: any free pooled connection).
   */
  ping(): Promise<void>;
  /**
   * Messages to the other Hearth processes on the same data (PostgreSQL: LISTEN/NOTIFY per schema). SQLite is one
   * process's file: a message reaches only the listeners of this handle.
   */
  notify(topic: string, payload: string): Promise<void>;
  listen(topic: string, handler: (payload: string) => void): Promise<void>;
  /** Fast path for generators and imports: rows are positional, columns and table are snake_case SQL names. */
  bulkInsert(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void>;
  close(): Promise<void>;
};

export type DatabaseOptions =
  { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };

const INT8_OID = 20;

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.kind === 'sqlite' ? openSqlite(options.file) : openPostgres(options.url, options.schema);
}

/**
 * `schema`: the PostgreSQL schema the connection works in. Kysely looks for its migration tables in every
 * schema unless told which, so databases in neighbouring schemas would otherwise see each other's.
 */
async function runMigrations(db: Kysely<Database>, dialect: Dialect, schema?: string): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(dialect) };
  const migrator = new Migrator({
    db,
    provider,
    ...(schema !== undefined ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

function openSqlite(file: string): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const raw = new DatabaseSync(file);
  // WAL + synchronous=NORMAL survives a process kill -9 with every committed transaction intact.
  raw.exec(
    'PRAGMA page_size = 32768; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;',
  );
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: adaptNodeSqlite(raw) }),
    plugins: [new CamelCasePlugin()],
  });
  let checkpointer: Checkpointer | undefined;
  let pinger: DatabaseSync | undefined;
  const local = new Map<string, Set<(payload: string) => void>>();
  return {
    async notify(topic, payload) {
      for (const handler of local.get(topic) ?? []) handler(payload);
    },
    async listen(topic, handler) {
      local.set(topic, (local.get(topic) ?? new Set()).add(handler));
    },
    db,
    dialect: 'sqlite',
    location: file,
    target: { kind: 'sqlite', file },
    migrate: () => runMigrations(db, 'sqlite'),
    checkpointInBackground() {
      if (checkpointer || file === ':memory:') return;
      raw.exec('PRAGMA wal_autocheckpoint = 0;');
      checkpointer = startCheckpointer(file);
    },
    async ping() {
      if (file === ':memory:') {
        raw.prepare('SELECT 1').get();
        return;
      }
      pinger ??= new DatabaseSync(file, { readOnly: true });
      pinger.prepare('SELECT 1').get();
    },
    async bulkInsert(table, columns, rows) {
      if (rows.length === 0) return;
      // Large multi-row statements (SQLite allows 32,766 parameters) with one reused parameter array.
      const width = columns.length;
      const perStatement = Math.max(1, Math.min(1000, Math.floor(32_000 / width)));
      const tuple = `(${columns.map(() => '?').join(',')})`;
      const head = `INSERT INTO ${table} (${columns.join(',')}) VALUES `;
      const statementFor = (n: number) => raw.prepare(head + Array(n).fill(tuple).join(','));
      const full = rows.length >= perStatement ? statementFor(perStatement) : undefined;
      const params = new Array<SQLInputValue>(perStatement * width);
      raw.exec('BEGIN IMMEDIATE');
      try {
        for (let i = 0; i < rows.length; i += perStatement) {
          const n = Math.min(perStatement, rows.length - i);
          let k = 0;
          for (let r = i; r < i + n; r++) {
            const row = rows[r] as readonly unknown[];
            for (let c = 0; c < width; c++) params[k++] = row[c] as SQLInputValue;
          }
          if (n === perStatement && full) full.run(...params);
          else statementFor(n).run(...params.slice(0, n * width));
        }
        raw.exec('COMMIT');
      } catch (error) {
        raw.exec('ROLLBACK');
        throw error;
      }
    },
    async close() {
      await checkpointer?.stop();
      pinger?.close();
      await db.destroy();
    },
  };
}

async function openPostgres(url: string, schema: string | undefined): Promise<DatabaseHandle> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error(`invalid schema name ${schema}`);
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      // counts and sums of integers arrive as int8; every such figure here fits a JS number
      oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format),
  } as pg.CustomTypesConfig;
  if (schema !== undefined) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types,
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  // Fail fast with a clear message when the server is unreachable; learn the schema we work in.
  const probe = await pool.connect();
  let currentSchema: string;
  try {
    currentSchema = String(
      (await probe.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]?.s ?? 'public',
    );
  } finally {
    probe.release();
  }
  const db = new Kysely<Database>({
    dialect: schemaScopedPostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  });
  const notifications = createPgNotifications(pool, url, currentSchema);
  const safeUrl = new URL(url);
  safeUrl.password = '';
  return {
    db,
    dialect: 'postgres',
    target: { kind: 'postgres', url, schema: currentSchema },
    location: `${safeUrl.host}${safeUrl.pathname}${schema !== undefined ? ` (schema ${schema})` : ''}`,
    migrate: () => runMigrations(db, 'postgres', currentSchema),
    checkpointInBackground: () => undefined,
    async ping() {
      await pool.query('SELECT 1');
    },
    notify: (topic, payload) => notifications.notify(topic, payload),
    listen: (topic, handler) => notifications.listen(topic, handler),
    async bulkInsert(table, columns, rows) {
      if (rows.length === 0) return;
      // COPY text, not multi-row INSERTs: less parsing and planning, no 65,535-parameter limit (seed city 17 s → 11 s)
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        await copyRowsInto(client, table, columns, rows);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      await notifications.close();
      await db.destroy();
    },
  };
}

/** Drops a schema created for an isolated test run. */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await admin.end();
  }
}
