// RFC 4180 CSV: a parser that keeps the physical line of every record, and a field formatter that every export
// writes through (so none can hand a spreadsheet a formula).

export type CsvRecord = { line: number; fields: string[] };

export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

/** Parses CSV text (optional UTF-8 BOM, CRLF or LF, quoted fields with "" escapes, newlines inside quotes). */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let fields: string[] = [];
  let field = '';
  let recordLine = 1;
  let inQuotes = false;
  let quotedFieldStart = 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field !== '') throw new CsvSyntaxError(line, 'quote inside an unquoted field');
      inQuotes = true;
      quotedFieldStart = line;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
    }
  }
  if (inQuotes) throw new CsvSyntaxError(quotedFieldStart, 'unterminated quoted field');
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/** a first character that makes a spreadsheet read the cell as a formula (OWASP "CSV injection") */
const FORMULA_START = /^[=+\-@\t\r]/;
/** a plain decimal number, which a spreadsheet reads as that number and nothing else */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * Text as a spreadsheet should show it: a value starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`
 * (OWASP), so `=HYPERLINK(…)` stays text instead of becoming a live formula. Plain numbers (`-12.5`) are left
 * as they are: they cannot carry a formula.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export function formatCsvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'string'
      ? neutraliseFormula(value)
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function formatCsvRow(values: readonly unknown[]): string {
  return `${values.map(formatCsvField).join(',')}\r\n`;
}
