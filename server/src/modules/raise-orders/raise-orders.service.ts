// 升温令 temperature-raise orders: issue (audited), list and read within the caller's scope, cancel, and the
// compliance check after the deadline — stored once the after window has ended (stable), recomputable.
import type { Kysely } from 'kysely';
import {
  COMPLIANCE_OUTCOME_LABELS,
  CreateRaiseOrder,
  type ComplianceReport,
  type RaiseMode,
  type RaiseOrder,
  type RaiseOrderDetail,
  type RaiseOrderStatus,
  type RaiseScope,
  type WarningLevel,
} from '@hearth/contracts/raise-orders';
import type { Page } from '@hearth/contracts/common';
import type { z } from 'zod';
import { toIso } from '../../db/columns.ts';
import type { Database } from '../../db/schema.ts';
import { conflict, DomainError, invalid } from '../../http/domain-error.ts';
import { utcOffsetMs } from '../../lib/time-zone.ts';
import { writeSheet, type SheetFormat } from '../../lib/spreadsheet.ts';
import { CITY_SCOPE, scopeOf, SYSTEM_ACTOR, type Actor } from '../auth/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { computeResults, groupByEnterprise, type CheckDeps } from './raise-orders.check.ts';
import { complianceColumns, type ComplianceLine } from './raise-orders.export.ts';
import type { RaiseOrderRow, RaiseOrdersRepository, ResultRow } from './raise-orders.repository.ts';

export type RaiseOrdersDeps = CheckDeps & {
  db: Kysely<Database>;
  repo: RaiseOrdersRepository;
  audit: Pick<AuditService, 'record'>;
  timeZone: string;
  now?: () => number;
};

type ListQuery = {
  page: number;
  pageSize: number;
  status?: RaiseOrderStatus | undefined;
  enterpriseId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

/** how long a live (not yet stored) check is reused */
const LIVE_REUSE_MS = 60_000;

const notFound = (id: number) =>
  new DomainError('raise_order.not_found', 404, `升温令 ${id} 不存在 / raise order ${id} not found`);

/** The instant (ISO) the city day `day` begins, `plusDays` later. */
function cityDayStart(day: string, timeZone: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(y, m - 1, d + plusDays);
  return new Date(utc - utcOffsetMs(timeZone, utc)).toISOString();
}

export function createRaiseOrdersService(deps: RaiseOrdersDeps) {
  const { db, repo, audit, registry } = deps;
  const now = deps.now ?? Date.now;
  const ownEnterprise = (actor: Actor) => scopeOf(actor).enterpriseId;

  async function require(actor: Actor, id: number): Promise<RaiseOrderRow> {
    const row = await repo.find(scopeOf(actor), id);
    if (!row) throw notFound(id);
    return row;
  }

  /** The orders as the API answers them: names of what they name (an enterprise sees its own only), counts. */
  async function present(actor: Actor, rows: RaiseOrderRow[]): Promise<RaiseOrder[]> {
    const own = ownEnterprise(actor);
    const ids = rows.map((r) => r.id);
    const [{ enterprises, stations }, counts] = await Promise.all([
      repo.members(ids),
      repo.outcomeCounts(ids, own),
    ]);
    const [enterpriseItems, stationItems] = await Promise.all([
      registry.findByIds(
        scopeOf(actor),
        'enterprises',
        enterprises.map((e) => e.enterpriseId),
      ),
      registry.findByIds(
        scopeOf(actor),
        'stations',
        stations.map((s) => s.stationId),
      ),
    ]);
    const enterpriseName = new Map(enterpriseItems.map((e) => [e.id, e.name]));
    const stationName = new Map(stationItems.map((s) => [s.id, s.name]));
    return rows.map((r) => {
      const mine = counts.filter((c) => c.orderId === r.id);
      const n = (outcome: string) => Number(mine.find((c) => c.outcome === outcome)?.n ?? 0);
      return {
        id: r.id,
        code: r.code,
        scope: r.scope as RaiseScope,
        enterprises: enterprises
          .filter((e) => e.orderId === r.id && enterpriseName.has(e.enterpriseId))
          .map((e) => ({ id: e.enterpriseId, name: enterpriseName.get(e.enterpriseId) as string })),
        stations: stations
          .filter((s) => s.orderId === r.id && stationName.has(s.stationId))
          .map((s) => ({ id: s.stationId, name: stationName.get(s.stationId) as string })),
        mode: r.mode as RaiseMode,
        value: r.value,
        effectiveAt: toIso(r.effectiveAt),
        deadline: toIso(r.deadline),
        reason: r.reason,
        warningDate: r.warningDate,
        warningLevel: r.warningLevel as WarningLevel | null,
        status: r.status as RaiseOrderStatus,
        issuedBy: r.issuedBy,
        issuedAt: toIso(r.createdAt),
        cancelledAt: r.cancelledAt === null ? null : toIso(r.cancelledAt),
        checkedAt: r.checkedAt === null ? null : toIso(r.checkedAt),
        summary:
          r.status === 'checked'
            ? {
                total: n('complied') + n('not_complied') + n('no_data'),
                complied: n('complied'),
                notComplied: n('not_complied'),
                noData: n('no_data'),
              }
            : null,
      };
    });
  }

  async function membersOf(id: number) {
    const { enterprises, stations } = await repo.members([id]);
    return {
      enterpriseIds: enterprises.map((e) => e.enterpriseId),
      stationIds: stations.map((s) => s.stationId),
    };
  }

  /** The scope's enterprises to store: the named ones (scope enterprises) or the named stations' owners. */
  async function resolveMembers(input: z.infer<typeof CreateRaiseOrder>) {
    if (input.scope === 'city') return { enterpriseIds: [], stationIds: [] };
    if (input.scope === 'enterprises') {
      const ids = [...new Set(input.enterpriseIds)];
      const found = await registry.findByIds(CITY_SCOPE, 'enterprises', ids);
      const missing = ids.filter((id) => !found.some((e) => e.id === id));
      if (missing.length > 0)
        throw invalid(
          'raise_order.reference_not_found',
          `企业不存在 / unknown enterprises: ${missing.join(', ')}`,
          [{ path: 'enterpriseIds', reason: missing.join(',') }],
        );
      return { enterpriseIds: ids, stationIds: [] };
    }
    const ids = [...new Set(input.stationIds)];
    const found = await registry.findByIds(CITY_SCOPE, 'stations', ids);
    const missing = ids.filter((id) => !found.some((s) => s.id === id));
    if (missing.length > 0)
      throw invalid(
        'raise_order.reference_not_found',
        `换热站不存在 / unknown stations: ${missing.join(', ')}`,
        [{ path: 'stationIds', reason: missing.join(',') }],
      );
    return { enterpriseIds: [...new Set(found.map((s) => s.enterpriseId))], stationIds: ids };
  }

  /** live checks, reused for LIVE_REUSE_MS (a city-wide order reads two windows of every station) */
  const live = new Map<number, { until: number; results: Promise<ResultRow[]> }>();
  function liveResults(row: RaiseOrderRow): Promise<ResultRow[]> {
    const hit = live.get(row.id);
    if (hit && hit.until > now()) return hit.results;
    for (const [id, entry] of live) if (entry.until <= now()) live.delete(id);
    const results = membersOf(row.id).then((members) => computeResults(deps, row, members));
    live.set(row.id, { until: now() + LIVE_REUSE_MS, results });
    results.catch(() => live.delete(row.id));
    return results;
  }

  /** The compliance of an order as the actor may see it: stored, computed now (after the deadline), or pending. */
  async function complianceOf(actor: Actor, row: RaiseOrderRow): Promise<ComplianceReport> {
    const effective = Date.parse(toIso(row.effectiveAt));
    const deadline = Date.parse(toIso(row.deadline));
    const { baselineMs, afterMs, toleranceC } = deps.settings;
    const iso = (ms: number) => new Date(ms).toISOString();
    const frame = {
      baselineWindow: { from: iso(effective - baselineMs), to: iso(effective) },
      afterWindow: { from: iso(deadline), to: iso(deadline + afterMs) },
      toleranceC,
    };
    const own = ownEnterprise(actor);
    let results: ResultRow[];
    let kind: ComplianceReport['kind'];
    if (row.status === 'checked') {
      results = await repo.results(row.id, own);
      kind = 'stored';
    } else if (row.status === 'issued' && now() >= deadline) {
      results = (await liveResults(row)).filter((r) => own === null || r.enterpriseId === own);
      kind = 'live';
    } else {
      results = [];
      kind = 'pending';
    }
    return {
      kind,
      checkedAt: row.checkedAt === null ? null : toIso(row.checkedAt),
      ...frame,
      enterprises: await groupByEnterprise(deps, results),
    };
  }

  /** Computes and stores an order's check, status checked (audited). */
  async function storeCheck(actor: Actor, row: RaiseOrderRow): Promise<void> {
    const results = await computeResults(deps, row, await membersOf(row.id));
    const at = new Date(now()).toISOString();
    await db.transaction().execute(async (trx) => {
      await repo.replaceResults(trx, row.id, results);
      await repo.update(trx, row.id, { status: 'checked', checkedAt: at, updatedAt: at });
      await audit.record(trx, actor, {
        action: 'check',
        entity: 'raise_order',
        entityId: row.id,
        changes: { status: [row.status, 'checked'], stations: results.length },
      });
    });
  }

  const service = {
    async create(actor: Actor, body: CreateRaiseOrder): Promise<RaiseOrderDetail> {
      const input = CreateRaiseOrder.parse(body);
      const members = await resolveMembers(input);
      const at = new Date(now()).toISOString();
      const day = new Date(now() + utcOffsetMs(deps.timeZone, now()))
        .toISOString()
        .slice(0, 10)
        .replaceAll('-', '');
      const id = await db.transaction().execute(async (trx) => {
        const orderId = await repo.insert(
          trx,
          {
            scope: input.scope,
            mode: input.mode,
            value: input.value,
            effectiveAt: new Date(input.effectiveAt).toISOString(),
            deadline: new Date(input.deadline).toISOString(),
            reason: input.reason,
            warningDate: input.warningDate,
            warningLevel: input.warningLevel,
            status: 'issued',
            issuedBy: actor.username,
            cancelledAt: null,
            checkedAt: null,
            createdAt: at,
            updatedAt: at,
          },
          members.enterpriseIds,
          members.stationIds,
          (orderId) => `SWL-${day}-${String(orderId).padStart(4, '0')}`,
        );
        await audit.record(trx, actor, {
          action: 'create',
          entity: 'raise_order',
          entityId: orderId,
          changes: { ...input },
        });
        return orderId;
      });
      return service.get(actor, id);
    },

    async list(actor: Actor, query: ListQuery): Promise<Page<RaiseOrder>> {
      const { rows, total } = await repo.list(scopeOf(actor), {
        page: query.page,
        pageSize: query.pageSize,
        status: query.status,
        enterpriseId: query.enterpriseId,
        fromIso: query.from ? cityDayStart(query.from, deps.timeZone) : undefined,
        toIso: query.to ? cityDayStart(query.to, deps.timeZone, 1) : undefined,
      });
      return { items: await present(actor, rows), total, page: query.page, pageSize: query.pageSize };
    },

    async get(actor: Actor, id: number): Promise<RaiseOrderDetail> {
      const row = await require(actor, id);
      const [order] = await present(actor, [row]);
      return { ...(order as RaiseOrder), compliance: await complianceOf(actor, row) };
    },

    async cancel(actor: Actor, id: number): Promise<RaiseOrderDetail> {
      const row = await require(actor, id);
      if (row.status !== 'issued')
        throw conflict(
          'raise_order.invalid_state',
          '只能撤销已下达的升温令 / only an issued order can be cancelled',
        );
      const at = new Date(now()).toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.update(trx, id, { status: 'cancelled', cancelledAt: at, updatedAt: at });
        await audit.record(trx, actor, {
          action: 'update',
          entity: 'raise_order',
          entityId: id,
          changes: { status: ['issued', 'cancelled'] },
        });
      });
      return service.get(actor, id);
    },

    /** (Re)computes and stores the check; 409 before the deadline or for a cancelled order. */
    async check(actor: Actor, id: number): Promise<RaiseOrderDetail> {
      const row = await require(actor, id);
      if (row.status === 'cancelled')
        throw conflict(
          'raise_order.invalid_state',
          '已撤销的升温令不核查 / a cancelled order is not checked',
        );
      if (now() < Date.parse(toIso(row.deadline)))
        throw conflict('raise_order.not_due', '完成时限未到 / the deadline has not passed yet');
      await storeCheck(actor, row);
      return service.get(actor, id);
    },

    /** The scheduled job: stores the check of every issued order whose after window has ended; how many. */
    async checkDue(): Promise<number> {
      const due = await repo.due(new Date(now() - deps.settings.afterMs).toISOString());
      for (const row of due) await storeCheck(SYSTEM_ACTOR, row);
      return due.length;
    },

    /** The compliance list as a CSV or XLSX file (Chinese headers, names, city time). */
    async complianceSheet(
      actor: Actor,
      id: number,
      format: SheetFormat,
    ): Promise<{ code: string; body: Buffer }> {
      const order = await service.get(actor, id);
      const lines: ComplianceLine[] = order.compliance.enterprises.flatMap((e) =>
        e.stations.map((s) => ({ order, enterpriseName: e.enterpriseName, station: s })),
      );
      const body = await writeSheet(format, '升温令执行核查', complianceColumns(deps.timeZone), lines, {
        notes: [
          `${order.code} 核查 ${order.compliance.kind === 'stored' ? '（已存档）' : '（实时计算）'}；结果：${Object.values(COMPLIANCE_OUTCOME_LABELS).join('/')}`,
        ],
      });
      return { code: order.code, body };
    },
  };
  return service;
}
export type RaiseOrdersService = ReturnType<typeof createRaiseOrdersService>;
