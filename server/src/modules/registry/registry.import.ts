// Bulk import of registry rows, all or nothing, without holding the server: rows are validated in slices that
// give way to the event loop every few milliseconds (lib/turns.ts), references and codes are checked with set
// queries (not a query per row), and only the final write takes a transaction — multi-row inserts, counters
// summed per parent, one audit record.
import type { Kysely } from 'kysely';
import type { ErrorDetail } from '@hearth/contracts/common';
import type { Database } from '../../db/schema.ts';
import { constraintError } from '../../http/db-errors.ts';
import { createTurns } from '../../lib/turns.ts';
import { invalid } from '../../http/domain-error.ts';
import { scopeOf, type Actor, type Scope } from '../auth/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { RegistryRepository } from './registry.repository.ts';
import type { ResourceDef, Row } from './registry.resource.ts';
import { issuesToDetails } from './registry.issues.ts';

export type ImportPhase = 'validating' | 'checking' | 'writing';
/** A row to import: its line in the file, its fields, and problems its reader found already (wrong width). */
export type ImportRow = { line: number; values: Row; problems?: ErrorDetail[] };
/** All rows at once, or slices of them as a reader produces them (validated as they come). */
export type ImportSource = ImportRow[] | AsyncIterable<ImportRow[]>;
export type ImportProgress = (phase: ImportPhase, done: number, total: number) => void;

/** Progress is reported every this many rows. */
const REPORT_EVERY = 2000;
/** Rows per multi-row insert and codes per lookup: a few milliseconds each, so the work can give way between. */
const WRITE_SLICE = 100;
const LOOKUP_SLICE = 1000;
/** At most this many problems are reported (a wrong file would otherwise answer megabytes). */
const MAX_DETAILS = 1000;

export type ImportDeps = {
  db: Kysely<Database>;
  repo: RegistryRepository;
  audit: AuditService;
  resource: (name: string) => ResourceDef;
  tableToResource: (table: string) => string;
  /**
   * Runs the write transaction (an import in a worker thread holds the main thread's connection meanwhile, so
   * the main thread's writers queue instead of waiting on the SQLite lock); by default it just runs it.
   */
  writeGate?: WriteGate;
};
export type WriteGate = <T>(work: () => Promise<T>) => Promise<T>;

type Parsed = { line: number; input: Row };

export function createRegistryImporter(deps: ImportDeps) {
  const { db, repo, audit } = deps;

  /** Schema validation and duplicate codes within the file, slice by slice as the source yields them. */
  async function validate(def: ResourceDef, source: ImportSource, progress: ImportProgress) {
    const details: ErrorDetail[] = [];
    const parsed: Parsed[] = [];
    const codes = new Map<string, number>();
    const turns = createTurns();
    const total = Array.isArray(source) ? source.length : 0;
    let seen = 0;
    for await (const slice of Array.isArray(source) ? [source] : source) {
      for (const { line, values, problems } of slice) {
        if (total > 0 && seen % REPORT_EVERY === 0) progress('validating', seen, total);
        seen++;
        await turns.tick();
        if (problems) {
          details.push(...problems);
          continue;
        }
        const result = def.create.safeParse(values);
        if (!result.success) {
          details.push(...issuesToDetails(result.error, line));
          continue;
        }
        const input = result.data as Row;
        const code = String(input.code ?? '');
        const firstLine = codes.get(code);
        if (firstLine !== undefined) {
          details.push({
            line,
            column: 'code',
            reason: `编码与第 ${firstLine} 行重复 / duplicate code in file (line ${firstLine})`,
          });
          continue;
        }
        codes.set(code, line);
        parsed.push({ line, input });
      }
    }
    if (total > 0) progress('validating', total, total);
    return { parsed, details };
  }

  /** Rows of `table` with these ids within the scope, by id (a few set queries). */
  async function rowsById(table: string, scope: Scope, ids: Iterable<unknown>): Promise<Map<number, Row>> {
    const wanted = [...new Set([...ids].filter((v) => v !== undefined && v !== null).map(Number))];
    const target = deps.resource(deps.tableToResource(table));
    const found = await repo.findByIds(target, scope, wanted);
    return new Map(found.map((r) => [Number(r.id), r]));
  }

  /** References, ownership and codes already taken, for every parsed row; returns the rows to insert. */
  async function check(def: ResourceDef, actor: Actor, parsed: Parsed[], progress: ImportProgress) {
    const scope = scopeOf(actor);
    const details: ErrorDetail[] = [];
    const loaded = new Map<string, Map<number, Row>>();
    for (const ref of def.references)
      loaded.set(
        ref.field,
        await rowsById(
          ref.table,
          scope,
          parsed.map((p) => p.input[ref.field]),
        ),
      );
    const explicitOwners =
      def.tenancy === 'owned' && def.enterpriseFrom === undefined && actor.role !== 'enterprise'
        ? await rowsById(
            'enterprises',
            { enterpriseId: null },
            parsed.map((p) => p.input.enterpriseId),
          )
        : new Map<number, Row>();
    const turns = createTurns();
    const taken = new Set<string>();
    for (let i = 0; i < parsed.length; i += LOOKUP_SLICE) {
      const codes = parsed.slice(i, i + LOOKUP_SLICE).map((p) => String(p.input.code ?? ''));
      for (const code of await repo.existingCodes(def, codes)) taken.add(code);
      await turns.tick();
    }
    const prepared: { line: number; row: Row }[] = [];
    for (let i = 0; i < parsed.length; i++) {
      if (i % REPORT_EVERY === 0) progress('checking', i, parsed.length);
      await turns.tick();
      const { line, input } = parsed[i] as Parsed;
      const problems: ErrorDetail[] = [];
      const refs: Record<string, Row> = {};
      for (const ref of def.references) {
        const id = input[ref.field];
        if (id === undefined || id === null) continue;
        const row = loaded.get(ref.field)?.get(Number(id));
        if (!row)
          problems.push({
            line,
            column: ref.field,
            reason: `${ref.label} ${String(id)} 不存在 / ${ref.entity} not found`,
          });
        else if (ref.sameAs !== undefined && row[ref.sameAs] !== input[ref.sameAs])
          problems.push({
            line,
            column: ref.field,
            reason: `${ref.label}不属于所选的上级对象 / ${ref.entity} belongs to another ${ref.sameAs}`,
          });
        else refs[ref.field] = row;
      }
      if (problems.length === 0) {
        const problem = def.check?.(input, refs);
        if (problem) problems.push({ line, column: problem.path, reason: problem.reason });
      }
      if (taken.has(String(input.code ?? '')))
        problems.push({ line, column: 'code', reason: codeTakenReason(def) });
      const owner =
        problems.length === 0 ? ownerOf(def, actor, input, refs, explicitOwners, line, problems) : null;
      if (problems.length > 0) {
        details.push(...problems);
        continue;
      }
      prepared.push({
        line,
        row: { ...def.toRow(input), ...(def.tenancy === 'owned' ? { enterpriseId: owner } : {}) },
      });
    }
    progress('checking', parsed.length, parsed.length);
    return { prepared, details };
  }

  /** The enterprise owning an imported row (as `prepare` decides for one row), or null with a problem noted. */
  function ownerOf(
    def: ResourceDef,
    actor: Actor,
    input: Row,
    refs: Record<string, Row>,
    explicitOwners: Map<number, Row>,
    line: number,
    problems: ErrorDetail[],
  ): number | null {
    if (def.tenancy !== 'owned') return null;
    if (def.enterpriseFrom !== undefined) return Number(refs[def.enterpriseFrom]?.enterpriseId);
    const requested = input.enterpriseId as number | undefined | null;
    if (actor.role === 'enterprise') {
      if (requested !== undefined && requested !== null && requested !== actor.enterpriseId) {
        problems.push({
          line,
          column: 'enterpriseId',
          reason: '不能为其他企业录入数据 / cannot write for another enterprise',
        });
        return null;
      }
      return actor.enterpriseId;
    }
    if (requested === undefined || requested === null) {
      problems.push({ line, column: 'enterpriseId', reason: '请选择所属企业 / enterpriseId is required' });
      return null;
    }
    if (!explicitOwners.has(requested)) {
      problems.push({
        line,
        column: 'enterpriseId',
        reason: `供热企业 ${requested} 不存在 / enterprise not found`,
      });
      return null;
    }
    return requested;
  }

  /** One transaction: multi-row inserts in slices (yielding between them), counters, one audit record. */
  async function write(
    def: ResourceDef,
    actor: Actor,
    prepared: { line: number; row: Row }[],
    progress: ImportProgress,
  ) {
    const now = new Date().toISOString();
    // stamped in place: a second copy of every row would only give the collector more to move
    const rows = prepared.map((p) => Object.assign(p.row, { createdAt: now, updatedAt: now }));
    try {
      const turns = createTurns();
      const gate = deps.writeGate ?? ((work) => work());
      await gate(() =>
        db.transaction().execute(async (trx) => {
          for (let i = 0; i < rows.length; i += WRITE_SLICE) {
            if (i % REPORT_EVERY === 0) progress('writing', i, rows.length);
            await repo.insertMany(trx, def, rows.slice(i, i + WRITE_SLICE));
            await turns.tick();
          }
          if (def.onImport) await def.onImport(trx, rows);
          else if (def.onChange) for (const row of rows) await def.onChange(trx, null, row);
          await audit.record(trx, actor, {
            action: 'import',
            entity: def.entity,
            entityId: null,
            enterpriseId: actor.role === 'enterprise' ? actor.enterpriseId : null,
            changes: {
              count: rows.length,
              firstCode: prepared[0]?.row.code ?? null,
              lastCode: prepared.at(-1)?.row.code ?? null,
            },
          });
        }),
      );
    } catch (error) {
      // a code taken meanwhile by another writer: the file is refused as a whole, like any other problem
      const mapped = constraintError(error, def.entity, def.label);
      if (!mapped) throw error;
      throw refused([{ column: 'code', reason: mapped.message }]);
    }
    progress('writing', rows.length, rows.length);
  }

  /** Both checks; the validated inputs are dropped once their rows are prepared. */
  async function validateAndCheck(
    def: ResourceDef,
    actor: Actor,
    source: ImportSource,
    progress: ImportProgress,
  ) {
    const validated = await validate(def, source, progress);
    const checked = await check(def, actor, validated.parsed, progress);
    const details = [...validated.details, ...checked.details].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return { prepared: checked.prepared, details };
  }

  function codeTakenReason(def: ResourceDef): string {
    // codes are unique city-wide; the answer never says whose (another enterprise's objects stay unseen)
    return `${def.label}编码不可用（已被使用）/ this ${def.entity} code cannot be used (already in use)`;
  }

  function refused(details: ErrorDetail[]) {
    const shown = details.slice(0, MAX_DETAILS);
    const more = details.length > MAX_DETAILS ? `（仅列出前 ${MAX_DETAILS} 处）` : '';
    return invalid(
      'import.invalid_rows',
      `导入文件有 ${details.length} 处错误${more}，未导入任何数据 / ${details.length} problems, nothing imported`,
      shown,
    );
  }

  return {
    /**
     * All-or-nothing import: every row is validated (schema, references, scope, codes) before anything is
     * written; any problem rejects the whole file with line-level details. Lines are the caller's numbering.
     */
    async importRows(
      actor: Actor,
      def: ResourceDef,
      source: ImportSource,
      progress: ImportProgress = () => undefined,
    ): Promise<number> {
      const { prepared, details } = await validateAndCheck(def, actor, source, progress);
      if (details.length > 0) throw refused(details);
      await write(def, actor, prepared, progress);
      return prepared.length;
    },
  };
}
export type RegistryImporter = ReturnType<typeof createRegistryImporter>;
