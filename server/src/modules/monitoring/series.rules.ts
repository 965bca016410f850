// Pure rules of the analysis series: city time for export rows, CSV text with fixed decimals.
import { formatCsvRow } from '../../lib/csv.ts';
import { utcOffsetMs } from '../../lib/time-zone.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-12-03 08:15` in the city's time zone (no daylight saving in Chinese cities). */
export function cityTime(ms: number, timeZone: string): string {
  const d = new Date(ms + utcOffsetMs(timeZone, ms));
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
  );
}

/** The table as CSV (CRLF lines, UTF-8 BOM for Excel): values with their column's fixed decimals, gaps empty. */
export function tableCsv(table: {
  columns: { header: string; decimals?: number }[];
  rows: (string | number | null)[][];
}): string {
  const lines = [formatCsvRow(table.columns.map((c) => c.header))];
  for (const row of table.rows) {
    lines.push(
      formatCsvRow(
        row.map((v, i) => {
          const decimals = table.columns[i]?.decimals;
          if (v === null) return '';
          return typeof v === 'number' && decimals !== undefined ? v.toFixed(decimals) : v;
        }),
      ),
    );
  }
  return `\uFEFF${lines.join('')}`;
}
