// Streaming reader of the UCI Beijing hourly CSV files (PM2.5 2010–2014 and the multi-site 2013–2017 files):
// header-driven (year, month, day, hour, TEMP; optional station), `NA` or empty TEMP → null, local city time.
import type { HourlyTemp } from './daily.rules.ts';

export type UciRow = HourlyTemp & { station?: string };
export type UciRowError = {
  /** physical line of the file, 1 = header */
  line: number;
  /** the header name of the offending column, null for a whole-row problem */
  column: string | null;
  message: string;
};
export type UciResult = { rows: UciRow[]; errors: UciRowError[]; lines: number };

export type UciSource = string | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

const REQUIRED = ['year', 'month', 'day', 'hour', 'temp'] as const;
/** Plausible air temperatures, ℃ (outside: a unit or transcription error, reported). */
const TEMP_RANGE = [-70, 60] as const;
/** Bad rows kept in the report; the count goes on past it. */
export const MAX_REPORTED_ERRORS = 1000;

/** Splits one CSV line (no newlines inside fields in these files); "" escapes a quote inside a quoted field. */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

async function* linesOf(source: UciSource): AsyncGenerator<string> {
  if (typeof source === 'string') {
    const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
    if (lines.at(-1) === '') lines.pop();
    yield* lines;
    return;
  }
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  let first = true;
  for await (const chunk of source) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && rest.length > 0) {
      rest = rest.replace(/^\uFEFF/, '');
      first = false;
    }
    const parts = rest.split(/\r?\n/);
    rest = parts.pop() ?? '';
    yield* parts;
  }
  rest += decoder.decode();
  if (rest !== '') yield rest;
}

type Columns = Record<(typeof REQUIRED)[number], number> & { station: number };

function columnsOf(header: string[]): Columns | string[] {
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length) return missing.map((m) => (m === 'temp' ? 'TEMP' : m));
  const at = (c: string) => names.indexOf(c);
  return {
    year: at('year'),
    month: at('month'),
    day: at('day'),
    hour: at('hour'),
    temp: at('temp'),
    station: at('station'),
  };
}

const isInt = (s: string) => /^\s*-?\d+\s*$/.test(s);
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function parseRow(
  fields: string[],
  cols: Columns,
  header: string[],
  line: number,
): { row: UciRow } | { error: UciRowError } {
  const fail = (c: keyof Columns | null, message: string) => ({
    error: { line, column: c === null ? null : (header[cols[c]] ?? c), message },
  });
  if (fields.length !== header.length)
    return fail(
      null,
      `字段数 ${fields.length} ≠ 表头 ${header.length} / ${fields.length} fields, header has ${header.length}`,
    );
  const [ys, ms, ds, hs] = [cols.year, cols.month, cols.day, cols.hour].map((i) => fields[i] ?? '');
  if (!isInt(ys ?? '') || Number(ys) < 1900 || Number(ys) > 2100)
    return fail('year', `年份无效 / bad year "${ys}"`);
  const year = Number(ys);
  if (!isInt(ms ?? '') || Number(ms) < 1 || Number(ms) > 12)
    return fail('month', `月份无效 / bad month "${ms}"`);
  const month = Number(ms);
  if (!isInt(ds ?? '') || Number(ds) < 1 || Number(ds) > daysInMonth(year, month))
    return fail('day', `日期无效 / bad day "${ds}"`);
  if (!isInt(hs ?? '') || Number(hs) < 0 || Number(hs) > 23)
    return fail('hour', `小时无效 / bad hour "${hs}"`);
  const raw = (fields[cols.temp] ?? '').trim();
  let temp: number | null = null;
  if (raw !== '' && raw.toUpperCase() !== 'NA') {
    temp = Number(raw);
    if (!Number.isFinite(temp)) return fail('temp', `气温不是数字 / TEMP is not a number: "${raw}"`);
    if (temp < TEMP_RANGE[0] || temp > TEMP_RANGE[1])
      return fail('temp', `气温超出范围 / TEMP out of range ${TEMP_RANGE[0]}…${TEMP_RANGE[1]} ℃: ${raw}`);
  }
  const date = `${year}-${String(month).padStart(2, '0')}-${String(Number(ds)).padStart(2, '0')}`;
  const row: UciRow = { date, hour: Number(hs), temp };
  const station = cols.station >= 0 ? fields[cols.station]?.trim() : undefined;
  if (station) row.station = station;
  return { row };
}

/**
 * Reads a UCI hourly file (text or a byte/text stream). Good rows are kept, bad rows are reported with their line
 * and column and skipped; a header without year/month/day/hour/TEMP gives no rows and one error per missing column.
 * Blank lines are ignored. At most MAX_REPORTED_ERRORS errors are listed.
 */
export async function readUciHourly(source: UciSource): Promise<UciResult> {
  const rows: UciRow[] = [];
  const errors: UciRowError[] = [];
  let header: string[] | null = null;
  let cols: Columns | null = null;
  let line = 0;
  for await (const text of linesOf(source)) {
    line++;
    if (text.trim() === '') continue;
    const fields = splitCsvLine(text);
    if (!header) {
      header = fields.map((f) => f.trim());
      const found = columnsOf(header);
      if (Array.isArray(found)) {
        for (const c of found) errors.push({ line, column: c, message: `缺少列 / missing column ${c}` });
        return { rows, errors, lines: line };
      }
      cols = found;
      continue;
    }
    const parsed = parseRow(fields, cols as Columns, header, line);
    if ('row' in parsed) rows.push(parsed.row);
    else if (errors.length < MAX_REPORTED_ERRORS) errors.push(parsed.error);
  }
  if (!header) errors.push({ line: 1, column: null, message: '空文件 / empty file' });
  return { rows, errors, lines: line };
}
