// Bulk import of registry rows, all or nothing, without holding the server: rows are validated in slices that
// give way to the event loop every few milliseconds (lib/turns.ts), references and codes are checked with set
// queries (not a query per row), and only the final write takes a transaction — multi-row inserts, counters
// summed per parent, one audit record.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
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
import { resolveKeys, type KeyedRow } from './registry.import.keys.ts';
import { choosesEnterprise, decideOwner, resolveReferences } from './write.rules.ts';

export type ImportPhase = 'validating' | 'checking' | 'writing';
/**
 * A row to import: its line in the file, its fields, references given by code or name, and problems its reader
 * found already (wrong width).
 */
export type ImportRow = KeyedRow;
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

/**
 * The contract's problems of a row its reader already refused, when every earlier problem names its column (an
 * unknown reference by code): the other columns' problems too, not again the referenced one's.
 */
function alsoInvalid(problems: ErrorDetail[], result: ReturnType<z.ZodType['safeParse']>, line: number) {
  if (result.success || problems.some((p) => p.column === undefined)) return [];
  const named = new Set(problems.map((p) => p.path ?? p.column));
  return issuesToDetails(result.error, line).filter((d) => !named.has(d.column) && !named.has(d.path));
}

/** Why an imported row has no owner (write.rules.ts `decideOwner`), as the row's problem. */
const OWNER_REFUSED = {
  other_enterprise: '不能为其他企业录入数据 / cannot write for another enterprise',
  enterprise_required: '请选择所属企业 / enterpriseId is required',
  enterprise_not_found: '供热企业不存在 / enterprise not found',
} as const;

export function createRegistryImporter(deps: ImportDeps) {
  const { db, repo, audit } = deps;

  /** Schema validation and duplicate codes within the file, slice by slice as the source yields them. */
  async function validate(def: ResourceDef, scope: Scope, source: ImportSource, progress: ImportProgress) {
    const details: ErrorDetail[] = [];
    const parsed: Parsed[] = [];
    const codes = new Map<string, number>();
    const turns = createTurns();
    const total = Array.isArray(source) ? source.length : 0;
    let seen = 0;
    for await (const slice of Array.isArray(source) ? [source] : source) {
      await resolveKeys(repo, deps.resource, scope, slice);
      for (const { line, values, problems } of slice) {
        if (total > 0 && seen % REPORT_EVERY === 0) progress('validating', seen, total);
        seen++;
        await turns.tick();
        const result = def.create.safeParse(values);
        if (problems) {
          details.push(...problems, ...alsoInvalid(problems, result, line));
          continue;
        }
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
    const chosenEnterprises = choosesEnterprise(def, actor)
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
      const resolved = resolveReferences(def, input, (field, id) => loaded.get(field)?.get(id));
      const problems: ErrorDetail[] = resolved.problems.map((p) => ({
        line,
        column: p.path,
        reason: p.reason,
      }));
      if (taken.has(String(input.code ?? '')))
        problems.push({ line, column: 'code', reason: codeTakenReason(def) });
      const decision =
        problems.length === 0
          ? decideOwner(def, actor, input, resolved.refs, (id) => chosenEnterprises.has(id))
          : undefined;
      if (decision && 'refused' in decision)
        problems.push({ line, column: 'enterpriseId', reason: OWNER_REFUSED[decision.refused] });
      if (problems.length > 0 || !decision || !('owner' in decision)) {
        details.push(...problems);
        continue;
      }
      const owner = decision.owner;
      prepared.push({
        line,
        row: { ...def.toRow(input), ...(def.tenancy === 'owned' ? { enterpriseId: owner } : {}) },
      });
    }
    progress('checking', parsed.length, parsed.length);
    return { prepared, details };
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
    const validated = await validate(def, scopeOf(actor), source, progress);
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
