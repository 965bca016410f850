// Statement helpers shared by the parts of the SQLite telemetry engine.
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { DIRTY } from './telemetry-store.schema.ts';

export type Rows = unknown[][];

export const MARK_DIRTY_SQL = `INSERT INTO ${DIRTY} (level, bucket) VALUES (?, ?) ON CONFLICT (level, bucket) DO UPDATE SET gen = gen + 1`;

/** A statement answering rows as arrays. */
export function arrays(db: DatabaseSync, sql: string) {
  const stmt = db.prepare(sql);
  stmt.setReturnArrays(true);
  return { all: (...params: SQLInputValue[]) => stmt.all(...params) as unknown as Rows };
}
export type ArrayStatement = ReturnType<typeof arrays>;

/** Multi-row `INSERT` statements of power-of-two sizes over one reused parameter array. */
export function multiRow(db: DatabaseSync, head: string, tail: string, width: number) {
  const tuple = `(${Array(width).fill('?').join(',')})`;
  const statements = new Map<number, { stmt: StatementSync; params: SQLInputValue[] }>();
  return {
    /** the parameter array for `rows` rows (keep the sizes few: powers of two), to fill before `run` */
    params(rows: number): SQLInputValue[] {
      let entry = statements.get(rows);
      if (!entry) {
        const stmt = db.prepare(`${head} VALUES ${Array(rows).fill(tuple).join(',')} ${tail}`);
        entry = { stmt, params: new Array<SQLInputValue>(rows * width) };
        statements.set(rows, entry);
      }
      return entry.params;
    },
    run(rows: number): number {
      const entry = statements.get(rows);
      if (!entry) throw new Error('params() first');
      return Number(entry.stmt.run(...entry.params).changes);
    },
  };
}

/** largest power of two ≤ n, capped at max */
export const chunkSize = (n: number, max: number) => (n >= max ? max : 2 ** Math.floor(Math.log2(n)));

/** Runs `work` in a `BEGIN IMMEDIATE` transaction: committed when it returns, rolled back when it throws. */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
