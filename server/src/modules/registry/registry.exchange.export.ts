// Registry exports for people (CSV/XLSX): Chinese headers, enum labels, referenced rows' codes and names beside
// their ids, city time, fixed decimals — the columns declared in registry.exchange.ts.
import type { RegistryResourceName } from '@hearth/contracts/registry';
import type { SheetColumn } from '../../lib/spreadsheet.ts';
import { utcOffsetMs } from '../../lib/time-zone.ts';
import { scopeOf, type Actor } from '../auth/actor.ts';
import { EXCHANGE, headerOf, NAMED, refKeyName, type ExchangeField } from './registry.exchange.ts';
import type { Row } from './registry.resource.ts';
import type { RegistryService, ScanQuery } from './registry.service.ts';

/** An exported item and the rows its references point at, by field. */
export type ExportRow = { item: Row; refs: Map<string, Row | undefined> };

/** Items whose references are looked up together. */
const BATCH = 500;

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-12-03 08:15:00` in the city's time zone. */
export function cityDateTime(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const d = new Date(ms + utcOffsetMs(timeZone, ms));
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

type Cell = string | number | null | undefined;
/** `zh`: Chinese headers and labels (for people); `en`: API field names and codes (the English mode, scripts). */
export type ExportLang = 'zh' | 'en';

function plainCell(f: ExchangeField, item: Row, timeZone: string, lang: ExportLang): Cell {
  const value = f.get ? f.get(item) : item[f.field];
  if (value === null || value === undefined) return null;
  if (f.time) return cityDateTime(String(value), timeZone);
  const yes = value === true || value === 1;
  if (f.flag) return lang === 'zh' ? (yes ? '是' : '否') : String(yes);
  if (f.labels && lang === 'zh') return f.labels[String(value)] ?? String(value);
  if (typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** The headers of a reference's id, code and name columns (`热源ID`, `热源编码`, `热源名称` or the API names). */
function refHeaders(f: ExchangeField, lang: ExportLang): [string, string, string] {
  return lang === 'zh'
    ? [`${f.header}ID`, `${f.header}编码`, `${f.header}名称`]
    : [f.field, refKeyName(f.field, 'Code'), refKeyName(f.field, 'Name')];
}

/** The export's columns of a resource; a reference takes three (`热源ID`, `热源编码`, `热源名称`). */
export function exportColumns(
  resource: RegistryResourceName,
  timeZone: string,
  lang: ExportLang = 'zh',
): SheetColumn<ExportRow>[] {
  const columns: SheetColumn<ExportRow>[] = [];
  for (const f of EXCHANGE[resource].fields) {
    const target = f.ref;
    if (target) {
      const refOf = (r: ExportRow) => r.refs.get(f.field);
      const [id, code, name] = refHeaders(f, lang);
      columns.push({ header: id, value: (r) => r.item[f.field] as Cell });
      columns.push({ header: code, value: (r) => refOf(r)?.code as Cell });
      if (NAMED.has(target)) columns.push({ header: name, value: (r) => refOf(r)?.name as Cell });
      continue;
    }
    columns.push({
      header: lang === 'zh' ? headerOf(f) : f.field,
      value: (r) => plainCell(f, r.item, timeZone, lang),
      ...(f.decimals !== undefined ? { decimals: f.decimals } : {}),
    });
  }
  return columns;
}

/** Looks up the referenced rows of a batch of items (one query per reference field, within the scope). */
async function withRefs(
  registry: RegistryService,
  actor: Actor,
  resource: RegistryResourceName,
  items: Row[],
): Promise<ExportRow[]> {
  const refs = items.map(() => new Map<string, Row | undefined>());
  for (const f of EXCHANGE[resource].fields) {
    if (!f.ref) continue;
    const ids = items.map((i) => i[f.field]).filter((v): v is number => typeof v === 'number');
    if (ids.length === 0) continue;
    const found = await registry.findByIds(scopeOf(actor), f.ref, ids);
    const byId = new Map(found.map((row) => [Number((row as Row).id), row as Row]));
    items.forEach((item, index) => refs[index]?.set(f.field, byId.get(Number(item[f.field]))));
  }
  return items.map((item, index) => ({ item, refs: refs[index] ?? new Map() }));
}

/** The rows the actor sees that match the list filters, with their references, streamed in batches. */
export async function* exportRows(
  registry: RegistryService,
  actor: Actor,
  resource: RegistryResourceName,
  query: ScanQuery,
): AsyncGenerator<ExportRow> {
  let batch: Row[] = [];
  for await (const item of registry.exportItems(actor, resource, query)) {
    batch.push(item);
    if (batch.length >= BATCH) {
      yield* await withRefs(registry, actor, resource, batch);
      batch = [];
    }
  }
  if (batch.length > 0) yield* await withRefs(registry, actor, resource, batch);
}
