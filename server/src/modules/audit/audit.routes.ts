// GET /api/audit — the audit trail, for admins and supervisors.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditEntry } from '@hearth/contracts/auth';
import { pageOf, PageQuery } from '@hearth/contracts/common';
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

export function auditRoutes(audit: AuditService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['audit 审计'],
          summary: '审计日志 / audit trail',
          querystring: PageQuery.extend({
            entity: z.string().max(40).optional(),
            username: z.string().max(40).optional(),
            enterpriseId: z.coerce.number().int().positive().optional(),
            /** first city day (inclusive) */
            from: Day.optional(),
            /** last city day (inclusive) */
            to: Day.optional(),
          }).refine((q) => !q.from || !q.to || q.from <= q.to, {
            message: 'from must not be after to',
            path: ['to'],
          }),
          response: { 200: pageOf(AuditEntry) },
        },
      },
      async (request) => {
        requireRole(request.actor, CITY_MANAGERS);
        return audit.list(request.query);
      },
    );
  };
}
