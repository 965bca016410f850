// GET /api/audit — the audit trail, for admins and supervisors; GET /api/audit/export — the filtered trail as
// CSV or XLSX (Chinese headers, city time, names beside codes).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditEntry } from '@hearth/contracts/auth';
import { pageOf, PageQuery } from '@hearth/contracts/common';
import { sheetReply, SHEET_FORMATS } from '../../lib/spreadsheet.ts';
import { CITY_MANAGERS, requireRole } from '../auth/actor.ts';
import type { AuditService } from './audit.service.ts';

/** A calendar day, YYYY-MM-DD, that exists (not 2026-02-30). */
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((d) => {
    const ms = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(d);
  }, 'not a calendar day');

const Filter = z.object({
  entity: z.string().max(40).optional(),
  username: z.string().max(40).optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
  /** first city day (inclusive) */
  from: Day.optional(),
  /** last city day (inclusive) */
  to: Day.optional(),
});
const fromNotAfterTo: [
  (q: { from?: string | undefined; to?: string | undefined }) => boolean,
  { message: string; path: string[] },
] = [(q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['to'] }];

/** `审计日志-20260302` (the city day of the export is in the rows; the name only needs to be recognisable). */
const exportName = () => `审计日志-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`;

export function auditRoutes(audit: AuditService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['audit 审计'],
          summary: '审计日志 / audit trail',
          querystring: PageQuery.extend(Filter.shape).refine(...fromNotAfterTo),
          response: { 200: pageOf(AuditEntry) },
        },
      },
      async (request) => {
        requireRole(request.actor, CITY_MANAGERS);
        return audit.list(request.query);
      },
    );

    app.get(
      '/api/audit/export',
      {
        schema: {
          tags: ['audit 审计'],
          summary: '导出审计日志 / audit trail as CSV or XLSX',
          querystring: Filter.extend({ format: z.enum(SHEET_FORMATS).default('csv') }).refine(
            ...fromNotAfterTo,
          ),
        },
      },
      async (request, reply) => {
        requireRole(request.actor, CITY_MANAGERS);
        const { format, ...filter } = request.query;
        const body = await audit.exportSheet(format, filter);
        const { contentType, disposition } = sheetReply(format, exportName());
        return reply
          .header('content-type', contentType)
          .header('content-disposition', disposition)
          .send(body);
      },
    );
  };
}
