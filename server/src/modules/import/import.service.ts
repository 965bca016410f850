// Bulk import of registry files: CSV is parsed, its header checked and cells typed, then handed to the
// registry service, which validates every row and writes all of them or none.
import { z } from 'zod';
import type { ErrorDetail } from '@hearth/contracts/common';
import { DomainError, invalid } from '../../http/domain-error.ts';
import { CsvSyntaxError, type CsvRecord } from '../../lib/csv.ts';
import { decodeText } from '../../lib/text-decoding.ts';
import type { Actor } from '../auth/actor.ts';
import type { ImportRow } from '../registry/registry.import.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import { objectShape } from '../../lib/zod-shape.ts';
import { coerceCell } from './csv-coerce.ts';
import { csvSlices } from './csv-slices.ts';
import type { CsvImportInWorker, ImportProgress } from './import.types.ts';

/** Where an import is: reading the file, then the registry's phases (the contract's ImportPhase). */
const quiet: ImportProgress = () => undefined;

const FeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.unknown(),
        properties: z
          .record(z.string(), z.unknown())
          .nullable()
          .transform((p) => p ?? {}),
      }),
    )
    .max(1_000_000),
});

export const MAX_IMPORT_ROWS = 1_000_000;

const emptyFile = () =>
  invalid('import.empty', '文件没有数据行 / the file has no data rows', [
    { line: 1, reason: 'header and at least one row required' },
  ]);

/** Runs a step of the CSV parse, answering a syntax error as the import's 422. */
async function malformedAsInvalid<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw invalid('import.malformed_csv', `CSV 格式错误 / malformed CSV: ${error.message}`, [
        { line: error.line, reason: error.message },
      ]);
    throw error;
  }
}

/** Files of at least this many bytes are imported in a worker thread when the service has one (import-runner.ts). */
export const WORKER_THRESHOLD_BYTES = 256 * 1024;

/** The text of an uploaded file, or the import's 422 (`import.encoding`, `import.nul_byte`). */
export function decodedOrRefused(bytes: Uint8Array): string {
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw invalid(decoded.code, decoded.message, decoded.details);
  return decoded.text;
}

export function createImportService(deps: {
  registry: RegistryService;
  /** runs a large CSV import off the event loop; absent inside that worker itself */
  inWorker?: CsvImportInWorker;
}) {
  function importable(entity: string) {
    const def = deps.registry.resources.find((d) => d.name === entity);
    if (!def?.csvColumns) {
      const names = deps.registry.resources.filter((d) => d.csvColumns).map((d) => d.name);
      throw new DomainError(
        'import.unknown_entity',
        404,
        `不支持导入 ${entity} / ${entity} cannot be imported as CSV (importable: ${names.join(', ')})`,
      );
    }
    return { def, columns: def.csvColumns };
  }

  const service = {
    importableEntities: () =>
      deps.registry.resources
        .filter((d) => d.csvColumns || d.geoJson)
        .map((d) => ({
          name: d.name,
          label: d.label,
          format: d.geoJson ? ('geojson' as const) : ('csv' as const),
          columns: d.csvColumns ?? [],
        })),

    /**
     * GeoJSON FeatureCollection for the pipe network: each feature's properties are the create fields and
     * its geometry the entity's geometry. Errors use `line` = feature number (1-based).
     */
    async importGeoJson(
      actor: Actor,
      entity: string,
      document: unknown,
      progress: ImportProgress = quiet,
    ): Promise<{ imported: number }> {
      const def = deps.registry.resources.find((d) => d.name === entity);
      if (!def?.geoJson) {
        throw new DomainError(
          'import.unknown_entity',
          404,
          `${entity} 不能以 GeoJSON 导入 / ${entity} cannot be imported as GeoJSON (network-nodes, pipes, valves)`,
        );
      }
      const parsed = FeatureCollection.safeParse(document);
      if (!parsed.success) {
        throw invalid(
          'import.invalid_geojson',
          'GeoJSON 格式错误，需要 FeatureCollection / expected a GeoJSON FeatureCollection',
          parsed.error.issues.map((i) => ({ path: i.path.join('.'), reason: i.message })),
        );
      }
      if (parsed.data.features.length === 0)
        throw invalid('import.empty', '没有要素 / the collection has no features');
      const rows = parsed.data.features.map((f, index) => ({
        line: index + 1,
        values: { ...f.properties, geometry: f.geometry },
      }));
      return { imported: await deps.registry.importRows(actor, entity, rows, progress) };
    },

    /** A CSV file as uploaded: decoded here (or, when large, in the worker thread that imports it). */
    async importCsvBytes(
      actor: Actor,
      entity: string,
      bytes: Uint8Array,
      progress: ImportProgress = quiet,
    ): Promise<{ imported: number }> {
      importable(entity);
      if (deps.inWorker && bytes.length >= WORKER_THRESHOLD_BYTES)
        return deps.inWorker(actor, entity, bytes, progress);
      return service.importCsv(actor, entity, decodedOrRefused(bytes), progress);
    },

    async importCsv(
      actor: Actor,
      entity: string,
      text: string,
      progress: ImportProgress = quiet,
    ): Promise<{ imported: number }> {
      const { def, columns } = importable(entity);
      // slices of records, parsed on demand: a slice's cells are typed and validated before the next is read,
      // so only the validated rows stay in memory (less for the collector to copy, shorter pauses)
      const slices = csvSlices(text, (done, total) => progress('parsing', done, total));
      const first = await malformedAsInvalid(() => slices.next());
      const header = first.done ? undefined : first.value[0];
      if (!header) throw emptyFile();
      const names = header.fields.map((f) => f.trim());
      const headerProblems: ErrorDetail[] = [];
      names.forEach((name, index) => {
        if (!columns.includes(name))
          headerProblems.push({
            line: header.line,
            column: name || `#${index + 1}`,
            reason: `未知列 / unknown column (expected: ${columns.join(', ')})`,
          });
        else if (names.indexOf(name) !== index)
          headerProblems.push({ line: header.line, column: name, reason: '列重复 / duplicate column' });
      });
      if (headerProblems.length > 0)
        throw invalid('import.invalid_header', '表头无效 / invalid header', headerProblems);

      const shape = objectShape(def.create);
      const toRows = (records: CsvRecord[]): ImportRow[] =>
        records.map(({ line, fields }) => {
          const values: Record<string, unknown> = {};
          names.forEach((name, index) => {
            const cell = coerceCell(shape[name], fields[index] ?? '');
            if (cell !== undefined) values[name] = cell;
          });
          return fields.length === names.length
            ? { line, values }
            : {
                line,
                values,
                problems: [
                  {
                    line,
                    reason: `应有 ${names.length} 列，实际 ${fields.length} 列 / expected ${names.length} fields, got ${fields.length}`,
                  },
                ],
              };
        });
      async function* rows(): AsyncGenerator<ImportRow[]> {
        let count = 0;
        for (let next = first; !next.done; next = await malformedAsInvalid(() => slices.next())) {
          const batch = toRows(next === first ? next.value.slice(1) : next.value);
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
      return { imported: await deps.registry.importRows(actor, entity, rows(), progress) };
    },
  };
  return service;
}
export type ImportService = ReturnType<typeof createImportService>;
