// Adapts the built-in node:sqlite DatabaseSync to the interface Kysely's SqliteDialect drives.
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

function bind(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
  // node:sqlite binds no booleans or Dates; the domain stores flags as 0/1 and times as ISO text.
  return parameters.map((p) => {
    if (typeof p === 'boolean') return p ? 1 : 0;
    if (p instanceof Date) return p.toISOString();
    if (p === undefined) return null;
    return p as SQLInputValue;
  });
}

/**
 * Kysely opens every transaction with a plain (deferred) `begin`. A deferred transaction that reads first and
 * writes later must upgrade its read snapshot to a write lock; when another connection (the telemetry writer)
 * committed in between, SQLite answers SQLITE_BUSY at once, without waiting the busy timeout (the snapshot is
 * stale, waiting cannot help). Domain transactions therefore take the write lock when they begin, where the busy
 * timeout applies. Reads outside transactions are unaffected.
 */
const BEGIN = /^\s*begin\s*(transaction)?\s*;?\s*$/i;

export function adaptNodeSqlite(database: DatabaseSync): SqliteDatabase {
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      const stmt = database.prepare(BEGIN.test(sql) ? 'BEGIN IMMEDIATE' : sql);
      return {
        reader: stmt.columns().length > 0,
        all: (parameters) => stmt.all(...bind(parameters)),
        run: (parameters) => stmt.run(...bind(parameters)),
        iterate: (parameters) => stmt.iterate(...bind(parameters)),
      };
    },
  };
}
