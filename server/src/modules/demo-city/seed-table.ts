// One table of demo-city rows as a planning step hands it over, and the chunked writer that inserts it.
import type { DatabaseHandle } from '../../db/database.ts';

/** Every row carries this time so one seed always gives byte-identical data. */
export const SEED_TIME = '2026-10-01T00:00:00.000Z';
const ROW_CHUNK = 20_000;

export type SeedTable = {
  /** progress label */
  phase: string;
  table: string;
  columns: readonly string[];
  rows: readonly unknown[][];
};

/** Inserts the rows in chunks, reporting progress after each. */
export async function writeTable(
  handle: DatabaseHandle,
  { phase, table, columns, rows }: SeedTable,
  onProgress: (phase: string, done: number, total: number) => void,
): Promise<void> {
  for (let i = 0; i < rows.length; i += ROW_CHUNK) {
    await handle.bulkInsert(table, columns, rows.slice(i, i + ROW_CHUNK));
    onProgress(phase, Math.min(rows.length, i + ROW_CHUNK), rows.length);
  }
}
