// GET /api/audit — the audit trail, for admins and supervisors.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditEntry } from '@hearth/contracts/auth';
import { pageOf, PageQuery } from '@hearth/contracts/common';
import { CITY_MANAGERS, requireRole } from '../auth/actor.ts';
import type { AuditService } from './audit.service.ts';

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
