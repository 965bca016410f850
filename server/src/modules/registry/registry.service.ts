// Registry use cases over every resource definition: list, get, create, update, delete, export, import.
import type { Kysely } from 'kysely';
import type { ErrorDetail, Page } from '@hearth/contracts/common';
import type { RegistryResourceName } from '@hearth/contracts/registry';
import type { Database } from '../../db/schema.ts';
import { constraintError } from '../../http/db-errors.ts';
import { DomainError, forbidden, invalid, notFound } from '../../http/domain-error.ts';
import { scopeOf, type Actor, type Scope } from '../auth/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { carryOwnership, type OwnershipMove } from './ownership.moves.ts';
import { presentPersonal } from './personal-data.rules.ts';
import {
  createRegistryImporter,
  type ImportProgress,
  type ImportSource,
  type WriteGate,
} from './registry.import.ts';
import { issuesToDetails } from './registry.issues.ts';
import { createRegistryLookups, type RegistryItem, type ScanQuery } from './registry.lookups.ts';
import { choosesEnterprise, decideOwner, resolveReferences } from './write.rules.ts';
import type { RegistryRepository } from './registry.repository.ts';
import type { ResourceDef, Row } from './registry.resource.ts';

export type ListQuery = {
  page: number;
  pageSize: number;
  q?: string | undefined;
  sort?: string | undefined;
} & Row;

export type { ScanQuery } from './registry.lookups.ts';

export type { RegistryItem } from './registry.lookups.ts';

/**
 * Told of an ownership move inside its transaction (to change what it owns in step, e.g. devices); may return
 * work to run once the move has committed (e.g. ending live sessions).
 */
export type OwnershipMoveListener = (
  trx: Kysely<Database>,
  move: OwnershipMove,
  actor: Actor,
) => Promise<(() => void) | undefined>;

export type RegistryServiceDeps = {
  db: Kysely<Database>;
  repo: RegistryRepository;
  audit: AuditService;
  resources: readonly ResourceDef[];
  /** how an import's write transaction is entered (registry.import.ts) */
  importWriteGate?: WriteGate;
};

function changedFields(before: Row, after: Row): Row {
  const diff: Row = {};
  for (const [key, value] of Object.entries(after)) {
    if (key === 'updatedAt' || key === 'createdAt') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(value)) diff[key] = { from: before[key], to: value };
  }
  return diff;
}

function assertCanWrite(def: ResourceDef, actor: Actor, operation: 'create' | 'update' | 'delete'): void {
  if (!def.writeRoles.includes(actor.role)) throw forbidden();
  if (def.tenancy === 'self' && actor.role === 'enterprise' && operation !== 'update') throw forbidden();
}

function scanSpec(def: ResourceDef, query: ScanQuery) {
  const filters = Object.entries(def.filters)
    .filter(([name]) => query[name] !== undefined)
    .map(([name, f]) => ({ column: f.column, value: query[name] }));
  if (Array.isArray(query.ids)) filters.push({ column: 'id', value: query.ids });
  return { q: query.q, filters };
}

function listSpec(def: ResourceDef, query: ListQuery) {
  const { q, filters } = scanSpec(def, query);
  let sort: { column: string; desc: boolean } | undefined;
  if (query.sort) {
    const desc = query.sort.startsWith('-');
    const column = desc ? query.sort.slice(1) : query.sort;
    if (!def.sortable.includes(column)) {
      throw new DomainError('request.invalid_sort', 400, `不能按 ${column} 排序 / cannot sort by ${column}`, [
        { path: 'sort', reason: `one of ${def.sortable.join(', ')}` },
      ]);
    }
    sort = { column, desc };
  }
  return { page: query.page, pageSize: query.pageSize, q, sort, filters };
}

export function createRegistryService(deps: RegistryServiceDeps) {
  const { db, repo, audit } = deps;
  const byName = new Map(deps.resources.map((d) => [d.name, d]));
  const moveListeners: OwnershipMoveListener[] = [];
  const importer = createRegistryImporter({
    db,
    repo,
    audit,
    resource,
    tableToResource,
    ...(deps.importWriteGate ? { writeGate: deps.importWriteGate } : {}),
  });

  function resource(name: string): ResourceDef {
    const def = byName.get(name as RegistryResourceName);
    if (!def)
      throw new DomainError(
        'registry.unknown_resource',
        404,
        `未知的台账类型 / unknown registry resource ${name}`,
      );
    return def;
  }

  /** Loads every referenced row within the caller's scope; a reference the caller cannot see does not exist for it. */
  async function loadReferences(def: ResourceDef, scope: Scope, input: Row, executor: Kysely<Database>) {
    const loaded = new Map<string, Row | undefined>();
    for (const ref of def.references) {
      const id = input[ref.field];
      if (id === undefined || id === null) continue;
      const target = resource(tableToResource(ref.table));
      loaded.set(ref.field, await repo.findById(target, scope, Number(id), executor));
    }
    const { refs, problems } = resolveReferences(def, input, (field) => loaded.get(field));
    return { refs, details: problems as ErrorDetail[] };
  }

  function tableToResource(table: string): string {
    for (const d of deps.resources) if (d.table === table) return d.name;
    throw new Error(`no resource for table ${table}`);
  }

  /** The enterprise that owns a row written by `actor`; null for resources without one. */
  async function owningEnterprise(
    def: ResourceDef,
    actor: Actor,
    input: Row,
    refs: Record<string, Row>,
    executor: Kysely<Database>,
  ): Promise<number | null> {
    const chosen = choosesEnterprise(def, actor) ? (input.enterpriseId as number | undefined | null) : null;
    const found =
      chosen === undefined || chosen === null
        ? undefined
        : await repo.findById(resource('enterprises'), { enterpriseId: null }, chosen, executor);
    const decision = decideOwner(def, actor, input, refs, () => found !== undefined);
    if ('owner' in decision) return decision.owner;
    switch (decision.refused) {
      case 'other_enterprise':
        throw forbidden('不能为其他企业录入数据 / cannot write for another enterprise');
      case 'enterprise_required':
        throw invalid(`${def.entity}.enterprise_required`, '请选择所属企业 / enterpriseId is required', [
          { path: 'enterpriseId', reason: 'required' },
        ]);
      case 'enterprise_not_found':
        throw invalid(
          `${def.entity}.reference_not_found`,
          `供热企业不存在 / enterprise ${decision.requested} not found`,
          [{ path: 'enterpriseId', reason: 'not found' }],
        );
    }
  }

  /** Validates a create-shaped input and builds its full row; throws 422 with every problem found. */
  async function prepare(
    def: ResourceDef,
    actor: Actor,
    input: Row,
    executor: Kysely<Database>,
  ): Promise<Row> {
    const { refs, details } = await loadReferences(def, scopeOf(actor), input, executor);
    if (details.length > 0) {
      throw invalid(
        `${def.entity}.reference_not_found`,
        `${def.label}引用的数据不存在或不一致 / invalid references`,
        details,
      );
    }
    const enterpriseId = await owningEnterprise(def, actor, input, refs, executor);
    return { ...def.toRow(input), ...(def.tenancy === 'owned' ? { enterpriseId } : {}) };
  }

  function enterpriseOf(def: ResourceDef, row: Row): number | null {
    if (def.tenancy === 'self') return Number(row.id);
    if (def.tenancy === 'owned') return Number(row.enterpriseId);
    return null;
  }

  /**
   * Maps constraint violations to domain errors. Codes are unique city-wide, so an enterprise user's code may be
   * taken by an enterprise it cannot see: the answer is then the same whoever holds the code, and says nothing
   * of them (`<entity>.code_unavailable`), rather than confirming another tenant's object.
   */
  /** bumped by every write attempt of this process (read models cached by other modules compare it) */
  let writes = 0;
  async function guarded<T>(def: ResourceDef, actor: Actor, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const mapped = constraintError(error, def.entity, def.label);
      if (mapped?.code === `${def.entity}.duplicate` && actor.role === 'enterprise')
        throw new DomainError(
          `${def.entity}.code_unavailable`,
          409,
          `该${def.label}编码不可用，请换一个编码 / this ${def.entity} code cannot be used, choose another`,
          [{ path: 'code', reason: 'unavailable' }],
        );
      throw mapped ?? error;
    } finally {
      writes++;
    }
  }

  async function insertPrepared(
    trx: Kysely<Database>,
    def: ResourceDef,
    actor: Actor,
    row: Row,
  ): Promise<Row> {
    const now = new Date().toISOString();
    const inserted = await repo.insert(trx, def, { ...row, createdAt: now, updatedAt: now });
    await def.onChange?.(trx, null, inserted);
    const item = def.toApi(inserted) as Row;
    await audit.record(trx, actor, {
      action: 'create',
      entity: def.entity,
      entityId: Number(inserted.id),
      enterpriseId: enterpriseOf(def, inserted),
      changes: item,
    });
    return inserted;
  }

  /** A row as the actor reads it: the API item, personal data masked for roles that do not work with it. */
  function present(def: ResourceDef, actor: Actor, row: Row): Row {
    const item = def.toApi(row) as Row;
    return def.personal ? presentPersonal(item, def.personal, actor.role) : item;
  }

  /** Carries what lies beneath a moved object (ownership.moves.ts), audits it, tells the listeners. */
  async function moveBeneath(
    trx: Kysely<Database>,
    def: ResourceDef,
    actor: Actor,
    before: Row,
    after: Row,
  ): Promise<(() => void)[]> {
    if (def.tenancy !== 'owned') return [];
    const move = await carryOwnership(trx, def.entity, before, after);
    if (!move) return [];
    const afterCommit: (() => void)[] = [];
    for (const listener of moveListeners) {
      const run = await listener(trx, move, actor);
      if (run) afterCommit.push(run);
    }
    await audit.record(trx, actor, {
      action: 'move',
      entity: def.entity,
      entityId: move.id,
      enterpriseId: move.toEnterpriseId,
      changes: {
        enterpriseId: { from: move.fromEnterpriseId, to: move.toEnterpriseId },
        carried: move.carried,
        devicesOf: { stations: move.stationIds.length, households: move.householdIds.length },
      },
    });
    return afterCommit;
  }

  return {
    resource,
    resources: deps.resources,
    /** changes whenever this process writes to the registry (cache keys of other modules' read models) */
    writeCount: () => writes,

    /** Registers a listener of ownership moves (called in the move's transaction, in registration order). */
    onOwnershipMoved(listener: OwnershipMoveListener): void {
      moveListeners.push(listener);
    },

    async list<N extends RegistryResourceName>(
      actor: Actor,
      name: N,
      query: ListQuery,
    ): Promise<Page<RegistryItem<N>>> {
      const def = resource(name);
      const { rows, total, totalIsEstimate } = await repo.list(def, scopeOf(actor), listSpec(def, query));
      return {
        // masking keeps a field's type (a masked name is still a string)
        items: rows.map((row) => present(def, actor, row) as RegistryItem<N>),
        total,
        totalIsEstimate,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    async get(actor: Actor, name: string, id: number): Promise<unknown> {
      const def = resource(name);
      const row = await repo.findById(def, scopeOf(actor), id);
      if (!row) throw notFound(def.entity, def.label, id);
      return present(def, actor, row);
    },

    ...createRegistryLookups({ repo, resource, scanSpec }),

    async create(actor: Actor, name: string, input: Row): Promise<unknown> {
      const def = resource(name);
      assertCanWrite(def, actor, 'create');
      return guarded(def, actor, () =>
        db.transaction().execute(async (trx) => {
          const row = await prepare(def, actor, input, trx);
          return def.toApi(await insertPrepared(trx, def, actor, row));
        }),
      );
    },

    async update(actor: Actor, name: string, id: number, patch: Row): Promise<unknown> {
      const def = resource(name);
      const scope = scopeOf(actor);
      return guarded(def, actor, () =>
        db.transaction().execute(async (trx) => {
          // existence within scope first: another enterprise's object is "not found", never "forbidden"
          const existing = await repo.findById(def, scope, id, trx);
          if (!existing) throw notFound(def.entity, def.label, id);
          assertCanWrite(def, actor, 'update');
          const current = def.toApi(existing) as Row;
          const parsed = def.create.safeParse({ ...current, ...patch });
          if (!parsed.success) {
            throw invalid(
              `${def.entity}.invalid`,
              `${def.label}数据无效 / invalid ${def.entity}`,
              issuesToDetails(parsed.error),
            );
          }
          const row = await prepare(def, actor, parsed.data as Row, trx);
          const updated = await repo.update(trx, def, id, { ...row, updatedAt: new Date().toISOString() });
          await def.onChange?.(trx, existing, updated);
          const item = def.toApi(updated) as Row;
          await audit.record(trx, actor, {
            action: 'update',
            entity: def.entity,
            entityId: id,
            enterpriseId: enterpriseOf(def, updated),
            changes: changedFields(current, item),
          });
          const afterCommit = await moveBeneath(trx, def, actor, existing, updated);
          return { item, afterCommit };
        }),
      ).then(({ item, afterCommit }) => {
        for (const run of afterCommit) run();
        return item;
      });
    },

    async remove(actor: Actor, name: string, id: number): Promise<void> {
      const def = resource(name);
      const scope = scopeOf(actor);
      await guarded(def, actor, () =>
        db.transaction().execute(async (trx) => {
          const existing = await repo.findById(def, scope, id, trx);
          if (!existing) throw notFound(def.entity, def.label, id);
          assertCanWrite(def, actor, 'delete');
          await repo.delete(trx, def, id);
          await def.onChange?.(trx, existing, null);
          await audit.record(trx, actor, {
            action: 'delete',
            entity: def.entity,
            entityId: id,
            enterpriseId: enterpriseOf(def, existing),
            changes: def.toApi(existing) as Row,
          });
        }),
      );
    },

    /** Every row the actor sees matching the list filters (no paging), as API items (masked), streamed. */
    async *exportItems(actor: Actor, name: string, query: ScanQuery): AsyncGenerator<Row> {
      const def = resource(name);
      const { q, filters } = scanSpec(def, query);
      for await (const row of repo.scan(def, scopeOf(actor), { q, filters })) yield present(def, actor, row);
    },

    /**
     * All-or-nothing import (registry.import.ts): every row is validated before anything is written; any
     * problem rejects the whole file with line-level details. Lines are the caller's numbering.
     */
    async importRows(
      actor: Actor,
      name: string,
      rows: ImportSource,
      progress?: ImportProgress,
    ): Promise<number> {
      const def = resource(name);
      assertCanWrite(def, actor, 'create');
      try {
        return await importer.importRows(actor, def, rows, progress);
      } finally {
        writes++;
      }
    },
  };
}
export type RegistryService = ReturnType<typeof createRegistryService>;
