// Bulk import of registry files: CSV or XLSX (Chinese or English headers, references by code or name, enum labels)
// and GeoJSON for the pipe network, handed to the registry service, which validates every row and writes all of
// them or none.
import type { RegistryResourceName } from '@hearth/contracts/registry';
import { DomainError, invalid } from '../../http/domain-error.ts';
import { CsvSyntaxError, type CsvRecord } from '../../lib/csv.ts';
import { looksLikeXlsx, readSheet, SheetReadError } from '../../lib/spreadsheet.ts';
import { decodeText } from '../../lib/text-decoding.ts';
import type { Actor } from '../auth/actor.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import { csvSlices } from './csv-slices.ts';
import { importGeoJson } from './geojson-import.ts';
import { emptyFile, importRecords } from './sheet-import.ts';
import { templateHeaders } from './sheet-template.ts';
import type { CsvImportInWorker, ImportProgress } from './import.types.ts';

/** Where an import is: reading the file, then the registry's phases (the contract's ImportPhase). */
const quiet: ImportProgress = () => undefined;

/** XLSX rows handed on per slice. */
const XLSX_SLICE = 1000;

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
  function importable(entity: string): RegistryResourceName {
    const def = deps.registry.resources.find((d) => d.name === entity);
    if (!def || !(def.csvColumns || def.geoJson)) {
      const names = deps.registry.resources.filter((d) => d.csvColumns || d.geoJson).map((d) => d.name);
      throw new DomainError(
        'import.unknown_entity',
        404,
        `不支持导入 ${entity} / ${entity} cannot be imported (importable: ${names.join(', ')})`,
      );
    }
    return def.name;
  }

  const service = {
    importableEntities: () =>
      deps.registry.resources
        .filter((d) => d.csvColumns || d.geoJson)
        .map((d) => ({
          name: d.name,
          label: d.label,
          format: d.geoJson ? ('geojson' as const) : ('csv' as const),
          columns: templateHeaders(d.name),
        })),

    /** The pipe network as a GeoJSON FeatureCollection (geojson-import.ts). */
    importGeoJson: (actor: Actor, entity: string, document: unknown, progress: ImportProgress = quiet) =>
      importGeoJson(deps.registry, actor, entity, document, progress),

    /**
     * An uploaded file as it came: XLSX (by its ZIP signature) or CSV text, imported here or, when large, in the
     * worker thread.
     */
    async importCsvBytes(
      actor: Actor,
      entity: string,
      bytes: Uint8Array,
      progress: ImportProgress = quiet,
    ): Promise<{ imported: number }> {
      importable(entity);
      if (deps.inWorker && bytes.length >= WORKER_THRESHOLD_BYTES)
        return deps.inWorker(actor, entity, bytes, progress);
      return service.importSheetBytes(actor, entity, bytes, progress);
    },

    /** CSV or XLSX bytes, imported on this thread. */
    async importSheetBytes(
      actor: Actor,
      entity: string,
      bytes: Uint8Array,
      progress: ImportProgress = quiet,
    ): Promise<{ imported: number }> {
      if (looksLikeXlsx(bytes)) return service.importXlsx(actor, entity, bytes, progress);
      return service.importCsv(actor, entity, decodedOrRefused(bytes), progress);
    },

    async importXlsx(
      actor: Actor,
      entity: string,
      bytes: Uint8Array,
      progress: ImportProgress = quiet,
    ): Promise<{ imported: number }> {
      const name = importable(entity);
      let content;
      try {
        content = await readSheet('xlsx', bytes);
      } catch (error) {
        if (!(error instanceof SheetReadError)) throw error;
        throw invalid('import.malformed_xlsx', `XLSX 文件无法读取 / unreadable XLSX: ${error.message}`, [
          { line: error.line, reason: error.message },
        ]);
      }
      const { header, rows } = content;
      if (!header) throw emptyFile();
      const width = header.fields.length;
      // a spreadsheet leaves a row's empty trailing cells out
      const padded = rows.map((r) =>
        r.fields.length < width
          ? { line: r.line, fields: [...r.fields, ...Array<string>(width - r.fields.length).fill('')] }
          : r,
      );
      async function* slices() {
        for (let i = 0; i < padded.length; i += XLSX_SLICE) yield padded.slice(i, i + XLSX_SLICE);
      }
      return { imported: await importRecords(deps.registry, actor, name, header, slices(), progress) };
    },

    async importCsv(
      actor: Actor,
      entity: string,
      text: string,
      progress: ImportProgress = quiet,
    ): Promise<{ imported: number }> {
      const name = importable(entity);
      // slices of records, parsed on demand: a slice's cells are typed and validated before the next is read,
      // so only the validated rows stay in memory (less for the collector to copy, shorter pauses)
      const slices = csvSlices(text, (done, total) => progress('parsing', done, total));
      const first = await malformedAsInvalid(() => slices.next());
      const header = first.done ? undefined : first.value[0];
      if (!header) throw emptyFile();
      async function* rest(): AsyncGenerator<CsvRecord[]> {
        for (let next = first; !next.done; next = await malformedAsInvalid(() => slices.next()))
          yield next === first ? next.value.slice(1) : next.value;
      }
      return { imported: await importRecords(deps.registry, actor, name, header, rest(), progress) };
    },
  };
  return service;
}
export type ImportService = ReturnType<typeof createImportService>;
