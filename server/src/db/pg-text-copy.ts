// PostgreSQL text COPY: positional rows encoded as COPY text lines and streamed into a table (bulkInsert's path).
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** COPY text's NULL marker */
const NULL_FIELD = '\\N';
// the only bytes COPY text reads specially inside a field (with the default delimiter tab)
const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * One field as COPY text, with the meaning `pg` gives the same value as a query parameter: null/undefined → NULL,
 * booleans true/false, Dates as ISO instants, objects and arrays as JSON.
 */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return NULL_FIELD;
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`COPY: not a finite number: ${value}`);
    return String(value);
  } else if (typeof value === 'bigint') return String(value);
  else if (typeof value === 'boolean') return value ? 'true' : 'false';
  else if (value instanceof Date) return value.toISOString();
  else if (Buffer.isBuffer(value)) return `\\\\x${value.toString('hex')}`;
  else text = JSON.stringify(value);
  return SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c) : text;
}

/** Rows as COPY text lines (tab-separated fields, each line ending in a newline). */
export function copyTextLines(rows: readonly (readonly unknown[])[], width: number): string {
  let out = '';
  for (const row of rows) {
    if (row.length !== width) throw new Error(`COPY: row of ${row.length} fields, expected ${width}`);
    for (let c = 0; c < width; c++) out += (c === 0 ? '' : '\t') + copyField(row[c]);
    out += '\n';
  }
  return out;
}

/** Rows per piece written to the stream: a few MB of text, so memory stays flat for large chunks. */
const ROWS_PER_PIECE = 5_000;

/** Streams `rows` into `table (columns)` with COPY … FROM STDIN (text); resolves after the server confirms. */
export function copyRowsInto(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyFrom(`COPY ${table} (${columns.join(',')}) FROM STDIN`));
    stream.on('error', reject);
    // 'finish' comes after the server's CommandComplete
    stream.on('finish', resolve);
    let i = 0;
    const pump = (): void => {
      try {
        while (i < rows.length) {
          const piece = copyTextLines(rows.slice(i, i + ROWS_PER_PIECE), columns.length);
          i += ROWS_PER_PIECE;
          if (!stream.write(piece)) {
            stream.once('drain', pump);
            return;
          }
        }
        stream.end();
      } catch (error) {
        // an unencodable value: abort the COPY so the server rolls it back, and report the value's error
        stream.destroy(error instanceof Error ? error : new Error(String(error)));
      }
    };
    pump();
  });
}
