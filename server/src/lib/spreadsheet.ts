// The project's one tabular writer and reader: CSV (UTF-8 with BOM, RFC 4180, formula-safe) and XLSX (ExcelJS).
import { PassThrough, Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { formatCsvRow, parseCsv, type CsvRecord } from './csv.ts';
import { decodeText } from './text-decoding.ts';

export type SheetFormat = 'csv' | 'xlsx';
export type SheetCell = string | number | null | undefined;
export type SheetColumn<T> = { header: string; value: (row: T) => SheetCell; decimals?: number };
/** What a reader found: the header row's cells and the data rows, each with its line (CSV) or row number (XLSX). */
export type SheetContent = { header: CsvRecord | undefined; rows: CsvRecord[] };

export const SHEET_FORMATS = ['csv', 'xlsx'] as const;

export class SheetReadError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

const CONTENT_TYPES: Record<SheetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A number with the column's fixed decimals (CSV text); anything else as it is. */
function csvCell(value: SheetCell, decimals: number | undefined): SheetCell {
  return typeof value === 'number' && decimals !== undefined && Number.isFinite(value)
    ? value.toFixed(decimals)
    : value;
}

/** Display width of a text: CJK characters take two columns. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1;
  return width;
}

/** Excel's sheet names: at most 31 characters, none of `[]:*?/\`. */
function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
}

/** Notes written after the rows: in CSV as `# …` lines (an import skips them), in XLSX on a second sheet 说明. */
export type SheetOptions = { notes?: string[] };

async function* csvChunks<T>(
  columns: SheetColumn<T>[],
  rows: Iterable<T> | AsyncIterable<T>,
  notes: string[],
): AsyncGenerator<string> {
  // BOM: spreadsheet programs then read the UTF-8 Chinese text
  yield `\uFEFF${formatCsvRow(columns.map((c) => c.header))}`;
  let chunk = '';
  for await (const row of rows) {
    chunk += formatCsvRow(columns.map((c) => csvCell(c.value(row), c.decimals)));
    if (chunk.length >= CSV_CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  for (const note of notes) chunk += formatCsvRow([`# ${note}`]);
  if (chunk) yield chunk;
}

/** Characters of CSV handed on at once. */
const CSV_CHUNK = 64 * 1024;
/** XLSX rows whose cells set the column widths (written once they are known). */
const WIDTH_SAMPLE = 200;
/** XLSX: at most this many data rows fit a sheet (1,048,576 rows less the header). */
export const XLSX_MAX_ROWS = 1_048_575;

function cellWidth(value: SheetCell, decimals: number | undefined): number {
  if (value === null || value === undefined) return 0;
  return textWidth(typeof value === 'number' ? value.toFixed(decimals ?? 0) : value);
}

/**
 * XLSX through ExcelJS's streaming writer: rows go to the ZIP stream as they come (a city's households never
 * sit in memory); the first rows set the column widths.
 */
async function writeXlsx<T>(
  out: PassThrough,
  sheetName: string,
  columns: SheetColumn<T>[],
  rows: Iterable<T> | AsyncIterable<T>,
  notes: string[],
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Hearth';
  const sheet = workbook.addWorksheet(safeSheetName(sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = columns.map((c) => textWidth(c.header));
  const pending: SheetCell[][] = [];
  let started = false;
  let count = 0;
  const start = () => {
    started = true;
    sheet.columns = columns.map((c, i) => ({
      width: Math.min(60, Math.max(8, (widths[i] ?? 0) + 2)),
      ...(c.decimals !== undefined
        ? { style: { numFmt: c.decimals > 0 ? `0.${'0'.repeat(c.decimals)}` : '0' } }
        : {}),
    }));
    const header = sheet.addRow(columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    for (const values of pending.splice(0)) sheet.addRow(values).commit();
  };
  for await (const row of rows) {
    if (++count > XLSX_MAX_ROWS)
      throw new RangeError(`more than ${XLSX_MAX_ROWS} rows do not fit an XLSX sheet`);
    const values = columns.map((c) => c.value(row) ?? null);
    if (started) {
      sheet.addRow(values).commit();
      if (count % 1000 === 0) await nextTurn(); // let the ZIP stream drain
      continue;
    }
    values.forEach((v, i) => (widths[i] = Math.max(widths[i] ?? 0, cellWidth(v, columns[i]?.decimals))));
    pending.push(values);
    if (pending.length >= WIDTH_SAMPLE) start();
  }
  if (!started) start();
  sheet.commit();
  if (notes.length > 0) {
    const notesSheet = workbook.addWorksheet('说明');
    notesSheet.getColumn(1).width = 100;
    for (const note of notes) notesSheet.addRow([note]).commit();
    notesSheet.commit();
  }
  await workbook.commit();
}

/**
 * One table as a file, streamed: CSV (UTF-8 with BOM so spreadsheet programs read the Chinese text, RFC 4180,
 * numbers with the column's fixed decimals, formula-looking text neutralised) or XLSX (bold frozen header,
 * numbers as numbers with a fixed-decimals format, text as text). A failure while writing destroys the stream.
 */
export function sheetStream<T>(
  format: SheetFormat,
  sheetName: string,
  columns: SheetColumn<T>[],
  rows: Iterable<T> | AsyncIterable<T>,
  options: SheetOptions = {},
): Readable {
  const notes = options.notes ?? [];
  if (format === 'csv') return Readable.from(csvChunks(columns, rows, notes));
  const out = new PassThrough();
  writeXlsx(out, sheetName, columns, rows, notes).catch((error: unknown) => out.destroy(error as Error));
  return out;
}

/** The whole file at once (templates, small tables, tests): `sheetStream` collected. */
export async function writeSheet<T>(
  format: SheetFormat,
  sheetName: string,
  columns: SheetColumn<T>[],
  rows: Iterable<T> | AsyncIterable<T>,
  options: SheetOptions = {},
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of sheetStream(format, sheetName, columns, rows, options))
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Content type and `attachment` disposition (RFC 6266/5987: an ASCII fallback and the UTF-8 name). */
export function sheetReply(
  format: SheetFormat,
  baseName: string,
): { contentType: string; disposition: string } {
  const fileName = `${baseName}.${format}`;
  const ascii = baseName.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[_.-]+|[_.-]+$/g, '') || 'export';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return {
    contentType: CONTENT_TYPES[format],
    disposition: `attachment; filename="${ascii}.${format}"; filename*=UTF-8''${encoded}`,
  };
}

/** A cell's value as the text a user sees (numbers in full, dates as ISO-8601, formulas by their result). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return '';
}

async function readXlsx(bytes: Uint8Array): Promise<SheetContent> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (error) {
    throw new SheetReadError(1, `not an XLSX workbook (${(error as Error).message})`);
  }
  const sheet = workbook.worksheets[0];
  const records: CsvRecord[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const count = Math.max(0, row.cellCount);
    const fields: string[] = [];
    for (let c = 1; c <= count; c++) fields.push(cellText(row.getCell(c).value).trim());
    while (fields.length > 0 && fields.at(-1) === '') fields.pop();
    if (fields.length > 0) records.push({ line: rowNumber, fields });
  });
  return { header: records[0], rows: records.slice(1) };
}

/**
 * A file's first sheet as text cells: the header row and the data rows with their lines. CSV is decoded as
 * UTF-8 (BOM dropped) or GB18030; a syntax or encoding problem throws `SheetReadError` with its line.
 */
export async function readSheet(format: SheetFormat, bytes: Uint8Array): Promise<SheetContent> {
  if (format === 'xlsx') return readXlsx(bytes);
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new SheetReadError(decoded.details?.[0]?.line ?? 1, decoded.message);
  let records: CsvRecord[];
  try {
    records = parseCsv(decoded.text);
  } catch (error) {
    const line = (error as { line?: number }).line ?? 1;
    throw new SheetReadError(line, (error as Error).message);
  }
  return { header: records[0], rows: records.slice(1) };
}

/** XLSX files start with the ZIP signature `PK\x03\x04`. */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
