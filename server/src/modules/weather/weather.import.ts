// Weather files → rows: UCI hourly CSV (year,month,day,hour,…,TEMP, city time), `time,temp` CSV, daily `date,min,max`
// CSV and JSON (plain or Open-Meteo); every bad row is reported by line and column with a stable code, the good rows
// are kept.
import type { WeatherImportError, WeatherImportResult } from '@hearth/contracts/weather';
import { DomainError } from '../../http/domain-error.ts';
import { CsvSyntaxError, parseCsv } from '../../lib/csv.ts';
import { decodeText } from '../../lib/text-decoding.ts';
import { parseOpenMeteo } from './open-meteo.ts';
import { readUciHourly } from './uci-csv.ts';

/** Bytes and rows one import may hold (the UCI 2010–2014 file: 2 MB, 43,824 rows). */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 400_000;
/** errors listed in one answer (the count of rejected rows goes on past it) */
export const MAX_LISTED_ERRORS = 500;

const HOUR_MS = 3_600_000;

export type HourRow = { ms: number; temp: number };
/** a forecast city day: `ms` its local midnight */
export type DayRow = { ms: number; date: string; min: number; max: number };

export type ParsedWeather = {
  format: WeatherImportResult['format'];
  hourly: HourRow[];
  daily: DayRow[];
  rows: number;
  missing: number;
  rejected: number;
  errors: WeatherImportError[];
};

export const fileInvalid = (message: string, details: { line?: number; reason: string }[] = []) =>
  new DomainError('weather.import_invalid', 422, message, details);

const formatters = new Map<string, Intl.DateTimeFormat>();
/** per zone and UTC day: the offset when it holds all day (null on a day the zone changes its offset) */
const dayOffsets = new Map<string, number | null>();
const DAY_MS = 86_400_000;

function exactOffset(timeZone: string, at: number): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    formatters.set(timeZone, f);
  }
  const name = f.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3_600_000 + Number(m[3] ?? 0) * 60_000);
}

/**
 * `timeZone`'s UTC offset at an instant, ms (as lib/time-zone.ts), looked up once per zone and day: asking Intl for
 * every hour made a 44k-row file take seconds.
 */
export function offsetAt(timeZone: string, at: number): number {
  const day = Math.floor(at / DAY_MS);
  const key = `${timeZone}|${day}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const first = exactOffset(timeZone, day * DAY_MS);
    offset = first === exactOffset(timeZone, (day + 1) * DAY_MS - 1) ? first : null;
    if (dayOffsets.size > 50_000) dayOffsets.clear();
    dayOffsets.set(key, offset);
  }
  return offset ?? exactOffset(timeZone, at);
}

/** The instant a city-local wall time begins (the zones of Chinese cities have no daylight saving). */
export function localMs(date: string, hour: number, minute: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  return wall - offsetAt(timeZone, wall);
}

/** A city-local date (YYYY-MM-DD) and hour of an instant. */
export function localParts(ms: number, timeZone: string): { date: string; hour: number } {
  const shifted = new Date(ms + offsetAt(timeZone, ms));
  return { date: shifted.toISOString().slice(0, 10), hour: shifted.getUTCHours() };
}

const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const OFFSET_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** `time` as ISO 8601 with an offset, or city-local `YYYY-MM-DD HH:mm`; on the hour. A string is the problem. */
export function parseHour(text: string, timeZone: string): number | string {
  const t = text.trim();
  let ms: number;
  const local = LOCAL_TIME.exec(t);
  if (local) {
    const [, date, hh, mm, ss] = local as unknown as [string, string, string, string, string | undefined];
    if (Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || Number(hh) > 23 || Number(mm) > 59)
      return `时间无效 "${t}" / bad time "${t}"`;
    if (Number(mm) !== 0 || Number(ss ?? 0) !== 0)
      return `时间须为整点 "${t}" / time must be on the hour: "${t}"`;
    ms = localMs(date, Number(hh), 0, timeZone);
  } else if (OFFSET_TIME.test(t) && !Number.isNaN(Date.parse(t))) {
    ms = Date.parse(t);
    if (ms % HOUR_MS !== 0) return `时间须为整点 "${t}" / time must be on the hour: "${t}"`;
  } else return `时间无效 "${t}"，应为 ISO 8601 或 YYYY-MM-DD HH:mm / bad time "${t}"`;
  return ms;
}

const TEMP_RANGE = [-70, 60] as const;

/** ℃ within a plausible range; null for NA / empty; a string is the problem. */
export function parseTemp(value: unknown): number | null | string {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'number' ? String(value) : String(value).trim();
  if (text === '' || /^(na|nan|null)$/i.test(text)) return null;
  const n = Number(text);
  if (!Number.isFinite(n)) return `气温不是数字 "${text}" / not a number: "${text}"`;
  if (n < TEMP_RANGE[0] || n > TEMP_RANGE[1])
    return `气温超出范围 ${TEMP_RANGE[0]}…${TEMP_RANGE[1]} ℃: ${text} / out of range ${TEMP_RANGE[0]}…${TEMP_RANGE[1]} ℃: ${text}`;
  return n;
}

/** Collects rows and errors (at most MAX_LISTED_ERRORS listed); later rows of the same key win. */
function collector(format: ParsedWeather['format']) {
  const hours = new Map<number, number>();
  const days = new Map<number, DayRow>();
  const out: ParsedWeather = { format, hourly: [], daily: [], rows: 0, missing: 0, rejected: 0, errors: [] };
  return {
    out,
    row() {
      if (++out.rows > MAX_IMPORT_ROWS)
        throw new DomainError(
          'weather.import_too_large',
          413,
          `文件行数超过 ${MAX_IMPORT_ROWS} / more than ${MAX_IMPORT_ROWS} rows in one file`,
        );
    },
    error(line: number, column: string | null, message: string) {
      out.rejected++;
      const code = `weather.row_invalid${column ? `_${column.toLowerCase()}` : ''}`;
      if (out.errors.length < MAX_LISTED_ERRORS) out.errors.push({ line, column, code, message });
    },
    hour(ms: number, temp: number | null) {
      if (temp === null) out.missing++;
      else hours.set(ms, temp);
    },
    day(row: DayRow) {
      days.set(row.ms, row);
    },
    done(): ParsedWeather {
      out.hourly = [...hours].map(([ms, temp]) => ({ ms, temp })).sort((a, b) => a.ms - b.ms);
      out.daily = [...days.values()].sort((a, b) => a.ms - b.ms);
      return out;
    },
  };
}

async function uciRows(text: string, timeZone: string): Promise<ParsedWeather> {
  const c = collector('uci');
  const result = await readUciHourly(text);
  if (result.rows.length === 0 && result.errors.some((e) => e.line === 1))
    throw fileInvalid(
      '表头缺少列 / the header lacks required columns',
      result.errors.map((e) => ({ line: e.line, reason: e.message })),
    );
  for (const r of result.rows) {
    c.row();
    c.hour(localMs(r.date, r.hour, 0, timeZone), r.temp);
  }
  for (const e of result.errors) {
    c.row();
    c.error(e.line, e.column === null ? null : e.column.toLowerCase(), e.message);
  }
  return c.done();
}

const TIME_HEADERS = ['time', 'ts', 'datetime', '时间'];
const TEMP_HEADERS = ['temp', 'temperature', 'temperature_2m', '气温'];

function simpleRows(text: string, timeZone: string): ParsedWeather {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw fileInvalid(`CSV 格式错误 / malformed CSV at line ${error.line}`, [
        { line: error.line, reason: error.message },
      ]);
    throw error;
  }
  const header = (records[0]?.fields ?? []).map((h) => h.trim().toLowerCase());
  const find = (names: string[]) => header.findIndex((h) => names.includes(h));
  const [time, temp, date, min, max] = [
    find(TIME_HEADERS),
    find(TEMP_HEADERS),
    find(['date', '日期']),
    find(['min', 'temp_min', '最低气温']),
    find(['max', 'temp_max', '最高气温']),
  ];
  const daily = time < 0 && date >= 0 && min >= 0 && max >= 0;
  if (!daily && (time < 0 || temp < 0))
    throw fileInvalid(
      '无法识别的表头：需要 year,month,day,hour,TEMP 或 time,temp 或 date,min,max / unknown header: expected year,month,day,hour,TEMP or time,temp or date,min,max',
      [{ line: 1, reason: `header: ${header.join(',')}` }],
    );
  const c = collector(daily ? 'daily' : 'time_temp');
  for (const { line, fields } of records.slice(1)) {
    c.row();
    if (daily) {
      const d = (fields[date] ?? '').trim();
      const lo = parseTemp(fields[min]);
      const hi = parseTemp(fields[max]);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)))
        c.error(line, 'date', `日期无效 "${d}" / bad date "${d}"`);
      else if (typeof lo !== 'number') c.error(line, 'min', lo ?? '缺少最低气温 / min missing');
      else if (typeof hi !== 'number') c.error(line, 'max', hi ?? '缺少最高气温 / max missing');
      else if (lo > hi) c.error(line, 'min', `最低气温高于最高气温 / min ${lo} above max ${hi}`);
      else c.day({ ms: localMs(d, 0, 0, timeZone), date: d, min: lo, max: hi });
      continue;
    }
    const ms = parseHour(fields[time] ?? '', timeZone);
    const t = parseTemp(fields[temp]);
    if (typeof ms === 'string') c.error(line, 'time', ms);
    else if (typeof t === 'string') c.error(line, 'temp', t);
    else c.hour(ms, t);
  }
  return c.done();
}

/** CSV bytes → rows: the UCI format when the header names year/month/day/hour, else `time,temp` or `date,min,max`. */
export async function parseWeatherCsv(bytes: Uint8Array, timeZone: string): Promise<ParsedWeather> {
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new DomainError(decoded.code, 422, decoded.message, decoded.details);
  const firstLine = decoded.text.slice(0, decoded.text.search(/\r?\n|$/)).toLowerCase();
  const names = firstLine.split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  if (['year', 'month', 'day', 'hour'].every((n) => names.includes(n)))
    return uciRows(decoded.text, timeZone);
  return simpleRows(decoded.text, timeZone);
}

type JsonItem = { time?: unknown; temp?: unknown; date?: unknown; min?: unknown; max?: unknown };

function jsonItems(body: unknown): { hourly: JsonItem[]; daily: JsonItem[] } | null {
  if (Array.isArray(body)) return { hourly: body as JsonItem[], daily: [] };
  if (typeof body !== 'object' || body === null) return null;
  const o = body as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? (v as JsonItem[]) : []);
  if (!Array.isArray(o.observations) && !Array.isArray(o.hourly) && !Array.isArray(o.daily)) return null;
  return { hourly: [...list(o.observations), ...list(o.hourly)], daily: list(o.daily) };
}

/**
 * JSON → rows: `[{ time, temp }]`, `{ observations | hourly: [{ time, temp }], daily: [{ date, min, max }] }`, or an
 * Open-Meteo forecast answer (`hourly.time` + `hourly.temperature_2m`). `line` is the item's 1-based number.
 */
export function parseWeatherJson(body: unknown, timeZone: string): ParsedWeather {
  const o = body as { hourly?: unknown } | null;
  if (o && typeof o === 'object' && !Array.isArray(o) && o.hourly && !Array.isArray(o.hourly)) {
    const meteo = parseOpenMeteo(body, timeZone);
    const c = collector('open_meteo');
    for (const h of meteo.hourly) {
      c.row();
      c.hour(h.ms, h.temp);
    }
    for (const d of meteo.daily) c.day(d);
    for (const e of meteo.errors) {
      c.row();
      c.error(e.line, e.column, e.message);
    }
    return c.done();
  }
  const items = jsonItems(body);
  if (!items)
    throw fileInvalid(
      'JSON 应为 [{time,temp}] 或 {observations|hourly|daily: [...]} / expected [{time,temp}] or {observations|hourly|daily: [...]}',
    );
  const c = collector('json');
  items.hourly.forEach((item, i) => {
    c.row();
    const ms = typeof item?.time === 'string' ? parseHour(item.time, timeZone) : '缺少 time / time missing';
    const t = parseTemp(item?.temp);
    if (typeof ms === 'string') c.error(i + 1, 'time', ms);
    else if (typeof t === 'string') c.error(i + 1, 'temp', t);
    else c.hour(ms, t);
  });
  items.daily.forEach((item, i) => {
    c.row();
    const d = typeof item?.date === 'string' ? item.date : '';
    const lo = parseTemp(item?.min);
    const hi = parseTemp(item?.max);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) c.error(i + 1, 'date', `日期无效 "${d}" / bad date "${d}"`);
    else if (typeof lo !== 'number' || typeof hi !== 'number' || lo > hi)
      c.error(i + 1, typeof lo !== 'number' ? 'min' : 'max', `最低/最高气温无效 / bad min/max`);
    else c.day({ ms: localMs(d, 0, 0, timeZone), date: d, min: lo, max: hi });
  });
  return c.done();
}
