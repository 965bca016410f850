// References an import gives by code or name (`热源编码`, `小区名称`), turned into ids within the importer's
// scope with a few set queries per slice; what is not found, or names more than one row, is the row's problem.
import type { ErrorDetail } from '@hearth/contracts/common';
import type { RegistryResourceName } from '@hearth/contracts/registry';
import type { Scope } from '../auth/actor.ts';
import type { RegistryRepository } from './registry.repository.ts';
import type { ResourceDef, Row } from './registry.resource.ts';

/** How a sheet names a referenced row: by its code, its name, or either (code first). */
export type RefKeyKind = 'code' | 'name' | 'key';
/** A reference given by code or name (`热源编码` = HS-01), resolved to its id within the importer's scope. */
export type RefKey = {
  field: string;
  target: RegistryResourceName;
  by: RefKeyKind;
  value: string;
  /** the file's column, named in a problem */
  column: string;
};
/** An import row (registry.import.ts `ImportRow`): line, fields, keys of its references, its reader's problems. */
export type KeyedRow = { line: number; values: Row; keys?: RefKey[]; problems?: ErrorDetail[] };

/** Values per `in (…)` query. */
const SLICE = 1000;

type Found = Map<string, number[]>;

/** Ids of the rows of `def` whose `column` is one of `values`, within the scope, by value. */
async function idsBy(
  repo: RegistryRepository,
  def: ResourceDef,
  scope: Scope,
  column: 'code' | 'name',
  values: string[],
): Promise<Found> {
  const found: Found = new Map();
  for (let i = 0; i < values.length; i += SLICE) {
    const filters = [{ column, value: values.slice(i, i + SLICE) }];
    for await (const row of repo.scan(def, scope, { filters })) {
      const key = String((row as Row)[column]);
      found.set(key, [...(found.get(key) ?? []), Number(row.id)]);
    }
  }
  return found;
}

function describe(key: RefKey, label: string): string {
  const how = key.by === 'name' ? '名称' : key.by === 'code' ? '编码' : '编码或名称';
  return `未找到${how}为“${key.value}”的${label} / no ${key.target} with ${key.by === 'key' ? 'code or name' : key.by} "${key.value}"`;
}

/** Sets `values[field]` of every row from its keys, or adds the row's problem. */
export async function resolveKeys(
  repo: RegistryRepository,
  resource: (name: string) => ResourceDef,
  scope: Scope,
  rows: KeyedRow[],
): Promise<void> {
  const wanted = new Map<RegistryResourceName, { codes: Set<string>; names: Set<string> }>();
  for (const row of rows)
    for (const key of row.keys ?? []) {
      const w = wanted.get(key.target) ?? { codes: new Set(), names: new Set() };
      if (key.by !== 'name') w.codes.add(key.value);
      if (key.by !== 'code') w.names.add(key.value);
      wanted.set(key.target, w);
    }
  if (wanted.size === 0) return;
  const found = new Map<RegistryResourceName, { codes: Found; names: Found }>();
  for (const [target, w] of wanted) {
    const def = resource(target);
    const codes = await idsBy(repo, def, scope, 'code', [...w.codes]);
    // a code-or-name key looks for a name only when no row has it as its code
    const names = [...w.names].filter((n) => !codes.has(n));
    found.set(target, {
      codes,
      names: names.length > 0 ? await idsBy(repo, def, scope, 'name', names) : new Map(),
    });
  }
  for (const row of rows) {
    for (const key of row.keys ?? []) {
      const f = found.get(key.target);
      const ids =
        (key.by !== 'name' ? f?.codes.get(key.value) : undefined) ??
        (key.by !== 'code' ? f?.names.get(key.value) : undefined);
      const label = resource(key.target).label;
      if (ids?.length === 1) row.values[key.field] = ids[0];
      else
        (row.problems ??= []).push({
          line: row.line,
          column: key.column,
          path: key.field,
          reason:
            ids && ids.length > 1
              ? `名称“${key.value}”对应 ${ids.length} 个${label}，请填写编码 / the name "${key.value}" matches ${ids.length} rows: give the code`
              : describe(key, label),
        });
    }
  }
}
