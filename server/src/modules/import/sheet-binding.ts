// A sheet's header bound to a resource's fields (Chinese headers, with or without unit, or API names; references
// by id, code, name or either), and each row's cells turned into the create input and its references' keys.
import { z } from 'zod';
import type { ErrorDetail } from '@hearth/contracts/common';
import type { RegistryResourceName } from '@hearth/contracts/registry';
import { EXCHANGE, headerOf, NAMED, refKeyName, type ExchangeField } from '../registry/registry.exchange.ts';
import type { RefKey, RefKeyKind } from '../registry/registry.import.keys.ts';
import type { Row } from '../registry/registry.resource.ts';
import { coerceCell } from './csv-coerce.ts';

type Bound =
  | { kind: 'value'; field: ExchangeField }
  | { kind: 'ref'; field: ExchangeField; by: 'id' | RefKeyKind }
  | { kind: 'ignored' };
export type Binding = Bound & { header: string };

/** A reference given by code wins over one by code-or-name, then name, then id (ids of another database). */
const PRIORITY: Record<'id' | RefKeyKind, number> = { code: 0, key: 1, name: 2, id: 3 };

/** Every header a resource's sheet accepts, and what it binds to. */
export function acceptedHeaders(resource: RegistryResourceName): Map<string, Bound> {
  const accepted = new Map<string, Bound>();
  for (const f of EXCHANGE[resource].fields) {
    if (f.exportOnly) {
      for (const h of f.ref
        ? [
            `${f.header}ID`,
            `${f.header}编码`,
            `${f.header}名称`,
            f.header,
            f.field,
            refKeyName(f.field, 'Code'),
            refKeyName(f.field, 'Name'),
          ]
        : [headerOf(f), f.header, f.field])
        accepted.set(h, { kind: 'ignored' });
      continue;
    }
    if (f.ref) {
      const named = NAMED.has(f.ref);
      accepted.set(`${f.header}ID`, { kind: 'ref', field: f, by: 'id' });
      accepted.set(f.field, { kind: 'ref', field: f, by: 'id' });
      accepted.set(`${f.header}编码`, { kind: 'ref', field: f, by: 'code' });
      accepted.set(refKeyName(f.field, 'Code'), { kind: 'ref', field: f, by: 'code' });
      accepted.set(f.header, { kind: 'ref', field: f, by: named ? 'key' : 'code' });
      if (named) {
        accepted.set(`${f.header}名称`, { kind: 'ref', field: f, by: 'name' });
        accepted.set(refKeyName(f.field, 'Name'), { kind: 'ref', field: f, by: 'name' });
      }
      continue;
    }
    for (const h of [headerOf(f), f.header, f.field]) accepted.set(h, { kind: 'value', field: f });
  }
  return accepted;
}

/** The header row bound to the resource; unknown and repeated columns are the problems. */
export function bindHeader(
  resource: RegistryResourceName,
  names: string[],
  line: number,
): { bindings: Binding[]; problems: ErrorDetail[] } {
  const accepted = acceptedHeaders(resource);
  const problems: ErrorDetail[] = [];
  const expected = EXCHANGE[resource].fields
    .filter((f) => !f.exportOnly)
    .map((f) => (f.ref ? `${f.header}编码` : headerOf(f)));
  const bindings = names.map((name, index): Binding => {
    const bound = accepted.get(name);
    if (!bound) {
      problems.push({
        line,
        column: name || `#${index + 1}`,
        reason: `未知列（可用列：${expected.join('、')}）/ unknown column (expected: ${expected.join(', ')})`,
      });
      return { kind: 'ignored', header: name };
    }
    if (names.indexOf(name) !== index)
      problems.push({ line, column: name, reason: '列重复 / duplicate column' });
    return { ...bound, header: name };
  });
  return { bindings, problems };
}

/** An enum cell: the Chinese label or the code itself (anything else is left for the contract to refuse). */
function enumCell(f: ExchangeField, text: string): string {
  const trimmed = text.trim();
  const code = Object.entries(f.labels ?? {}).find(([, label]) => label === trimmed)?.[0];
  return code ?? trimmed;
}

/**
 * One row's cells as the create input (typed by the contract's fields) and the keys of the references it gives
 * by code or name; `field → header` names the file's column of each field, for the row's problems.
 */
export function rowInput(
  resource: RegistryResourceName,
  bindings: Binding[],
  shape: Record<string, z.ZodType>,
  fields: string[],
): { values: Row; keys: RefKey[] } {
  const values: Row = {};
  const chosen = new Map<
    string,
    { by: 'id' | RefKeyKind; text: string; header: string; target: RegistryResourceName }
  >();
  bindings.forEach((b, index) => {
    const text = (fields[index] ?? '').trim();
    if (b.kind === 'ignored' || text === '') return;
    if (b.kind === 'ref') {
      const current = chosen.get(b.field.field);
      if (!current || PRIORITY[b.by] < PRIORITY[current.by])
        chosen.set(b.field.field, {
          by: b.by,
          text,
          header: b.header,
          target: b.field.ref as RegistryResourceName,
        });
      return;
    }
    const f = b.field;
    const cell = f.labels ? enumCell(f, text) : coerceCell(shape[f.field] ?? numberLike(f), text);
    if (cell !== undefined) values[f.field] = cell;
  });
  const keys: RefKey[] = [];
  for (const [field, c] of chosen) {
    if (c.by === 'id') values[field] = coerceCell(shape[field], c.text);
    else keys.push({ field, target: c.target, by: c.by, value: c.text, column: c.header });
  }
  const assemble = EXCHANGE[resource].assemble;
  return { values: assemble ? assemble(values) : values, keys };
}

/** lon/lat of a network object are not fields of its contract (its geometry is): read them as numbers. */
const NUMBER = z.number();
const numberLike = (f: ExchangeField): z.ZodType | undefined =>
  f.decimals !== undefined ? NUMBER : undefined;

/** The file's header for each field it fills (the first column bound to it), for naming a row's problems. */
export function headersByField(resource: RegistryResourceName, bindings: Binding[]): Map<string, string> {
  const byField = new Map<string, string>();
  for (const b of bindings)
    if (b.kind !== 'ignored' && !byField.has(b.field.field)) byField.set(b.field.field, b.header);
  const assembled = EXCHANGE[resource].assemble;
  if (assembled) {
    const geometryHeader = byField.get('lon') ?? byField.get('coordinates');
    if (geometryHeader) byField.set('geometry', geometryHeader);
  }
  return byField;
}
