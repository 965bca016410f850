// Audit trail: every state change is recorded with who, when, what; supervisors read it back with names
// (audit.names.ts) beside the ids.
import type { Kysely, Selectable } from 'kysely';
import type { AuditEntry } from '@hearth/contracts/auth';
import type { Page } from '@hearth/contracts/common';
import type { Database } from '../../db/schema.ts';
import { toIso } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { utcOffsetMs } from '../../lib/time-zone.ts';
import { writeSheet, type SheetFormat } from '../../lib/spreadsheet.ts';
import type { AuditNamer } from './audit.names.ts';
import { auditColumns } from './audit.export.ts';
import type { AuditLogTable } from './audit.tables.ts';

export type AuditRecord = {
  action: string;
  entity: string;
  entityId: number | string | null;
  enterpriseId?: number | null;
  changes?: Record<string, unknown> | null;
};

export type AuditQuery = AuditFilter & { page: number; pageSize: number };

export type AuditFilter = {
  entity?: string | undefined;
  username?: string | undefined;
  enterpriseId?: number | null | undefined;
  /** first city day (YYYY-MM-DD), inclusive */
  from?: string | undefined;
  /** last city day (YYYY-MM-DD), inclusive */
  to?: string | undefined;
};

/** The instant (ISO) the city day `day` (YYYY-MM-DD) begins, `plusDays` days later. */
export function cityDayStart(day: string, timeZone: string, plusDays = 0): string {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, mo - 1, d + plusDays);
  return new Date(utcMidnight - utcOffsetMs(timeZone, utcMidnight)).toISOString();
}

/** An export holds at most this many entries (newest first), read this many at a time. */
export const EXPORT_LIMIT = 100_000;
const EXPORT_PAGE = 500;

function toEntry(r: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: r.id,
    at: toIso(r.at),
    userId: r.userId,
    username: r.username,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    enterpriseId: r.enterpriseId,
    changes: r.changes ? (JSON.parse(r.changes) as Record<string, unknown>) : null,
  };
}

export function createAuditService(deps: { db: Kysely<Database>; timeZone?: string }) {
  const timeZone = deps.timeZone ?? 'Asia/Shanghai';

  function filtered(query: AuditFilter) {
    let base = deps.db.selectFrom('auditLog');
    if (query.entity) base = base.where('entity', '=', query.entity);
    if (query.username) base = base.where('username', '=', query.username);
    if (query.enterpriseId !== undefined && query.enterpriseId !== null)
      base = base.where('enterpriseId', '=', query.enterpriseId);
    if (query.from) base = base.where('at', '>=', cityDayStart(query.from, timeZone));
    if (query.to) base = base.where('at', '<', cityDayStart(query.to, timeZone, 1));
    return base;
  }

  /** set by the composition root once the registry and the users exist (they record into this trail) */
  let namer: AuditNamer | undefined;
  return {
    /** Names the entries `list` answers (actor, entity, references); without it they carry ids only. */
    nameWith(n: AuditNamer): void {
      namer = n;
    },

    /** Writes within the caller's transaction so the change and its record commit together. */
    async record(executor: Kysely<Database>, actor: Actor, entry: AuditRecord): Promise<void> {
      await executor
        .insertInto('auditLog')
        .values({
          at: new Date().toISOString(),
          userId: actor.userId === 0 ? null : actor.userId,
          username: actor.username,
          action: entry.action,
          entity: entry.entity,
          entityId: entry.entityId === null ? null : String(entry.entityId),
          enterpriseId: entry.enterpriseId ?? null,
          changes: entry.changes ? JSON.stringify(entry.changes) : null,
        })
        .execute();
    },

    async list(query: AuditQuery): Promise<Page<AuditEntry>> {
      const base = filtered(query);
      const rows = await base
        .selectAll()
        .orderBy('id', 'desc')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute();
      const { total } = await base
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow();
      const items = rows.map(toEntry);
      return {
        items: namer ? await namer(items) : items,
        total: Number(total),
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** The filtered trail, newest first, as a CSV or XLSX file (at most EXPORT_LIMIT entries). */
    async exportSheet(format: SheetFormat, query: AuditFilter): Promise<Buffer> {
      const base = filtered(query);
      async function* entries(): AsyncGenerator<AuditEntry> {
        let before: number | undefined;
        for (let sent = 0; sent < EXPORT_LIMIT;) {
          const rows = await (before === undefined ? base : base.where('id', '<', before))
            .selectAll()
            .orderBy('id', 'desc')
            .limit(Math.min(EXPORT_PAGE, EXPORT_LIMIT - sent))
            .execute();
          if (rows.length === 0) return;
          const page = rows.map(toEntry);
          yield* namer ? await namer(page) : page;
          sent += rows.length;
          before = rows[rows.length - 1]?.id;
        }
      }
      const columns = auditColumns(timeZone, namer?.entityLabels ?? new Map());
      return writeSheet(format, '审计日志', columns, entries());
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
