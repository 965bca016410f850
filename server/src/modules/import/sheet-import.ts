// A sheet's records (CSV or XLSX) imported into a registry resource: header bound, cells typed, references by
// code or name handed on as keys, and every problem named by the file's own line and column header.
import type { ErrorDetail } from '@hearth/contracts/common';
import type { RegistryResourceName } from '@hearth/contracts/registry';
import { DomainError, invalid } from '../../http/domain-error.ts';
import type { CsvRecord } from '../../lib/csv.ts';
import { objectShape } from '../../lib/zod-shape.ts';
import type { Actor } from '../auth/actor.ts';
import type { ImportRow } from '../registry/registry.import.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import { bindHeader, headersByField, rowInput } from './sheet-binding.ts';
import type { ImportProgress } from './import.types.ts';

export const MAX_IMPORT_ROWS = 1_000_000;

export const emptyFile = () =>
  invalid('import.empty', '文件没有数据行 / the file has no data rows', [
    { line: 1, reason: 'header and at least one row required' },
  ]);

/** A row whose first cell starts with `#` is a note (the templates explain their columns so). */
const isNote = (record: CsvRecord) => (record.fields[0] ?? '').trimStart().startsWith('#');

/** A problem's column as the file names it: `capacityMw` → `容量 (MW)` when the file's header said so. */
function renamed(details: ErrorDetail[], headers: Map<string, string>): ErrorDetail[] {
  return details.map((d) => {
    if (d.column === undefined) return d;
    const header = headers.get(d.column.split('.')[0] ?? '');
    return header && header !== d.column ? { ...d, column: header } : d;
  });
}

/**
 * Imports the records after `header`, slice by slice as `slices` yields them; all rows or none. A problem's
 * `column` is the file's header of the field (`热源编码`, `容量 (MW)`), its `line` the file's line or row.
 */
export async function importRecords(
  registry: RegistryService,
  actor: Actor,
  entity: RegistryResourceName,
  header: CsvRecord,
  slices: AsyncIterable<CsvRecord[]>,
  progress: ImportProgress,
): Promise<number> {
  const names = header.fields.map((f) => f.trim());
  const { bindings, problems } = bindHeader(entity, names, header.line);
  if (problems.length > 0) throw invalid('import.invalid_header', '表头无效 / invalid header', problems);
  const shape = objectShape(registry.resource(entity).create);
  const toRows = (records: CsvRecord[]): ImportRow[] =>
    records
      .filter((r) => !isNote(r))
      .map(({ line, fields }) => {
        const { values, keys } = rowInput(entity, bindings, shape, fields);
        const row: ImportRow = keys.length > 0 ? { line, values, keys } : { line, values };
        if (fields.length !== names.length)
          row.problems = [
            {
              line,
              reason: `应有 ${names.length} 列，实际 ${fields.length} 列 / expected ${names.length} fields, got ${fields.length}`,
            },
          ];
        return row;
      });
  async function* rows(): AsyncGenerator<ImportRow[]> {
    let count = 0;
    for await (const slice of slices) {
      const batch = toRows(slice);
      count += batch.length;
      if (count > MAX_IMPORT_ROWS)
        throw invalid(
          'import.too_many_rows',
          `单个文件最多 ${MAX_IMPORT_ROWS} 行 / at most ${MAX_IMPORT_ROWS} rows per file`,
        );
      yield batch;
    }
    if (count === 0) throw emptyFile();
  }
  try {
    return await registry.importRows(actor, entity, rows(), progress);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'import.invalid_rows' && error.details)
      throw new DomainError(
        error.code,
        error.status,
        error.message,
        renamed(error.details, headersByField(entity, bindings)),
      );
    throw error;
  }
}
