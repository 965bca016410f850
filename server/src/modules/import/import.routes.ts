// POST /api/import/:entity — all-or-nothing CSV import with line-level errors.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '@hearth/contracts/common';
import { ImportResult } from '@hearth/contracts/stats';
import { invalid } from '../../http/domain-error.ts';
import { REGISTRY_WRITERS, requireRole } from '../auth/actor.ts';
import type { ImportService } from './import.service.ts';

const MAX_BYTES = 256 * 1024 * 1024;

export function importRoutes(imports: ImportService): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser(
      ['text/csv', 'text/plain'],
      { parseAs: 'string', bodyLimit: MAX_BYTES },
      (_request, body, done) => done(null, body),
    );
    app.addContentTypeParser(
      'application/geo+json',
      { parseAs: 'string', bodyLimit: MAX_BYTES },
      (_request, body, done) => {
        try {
          done(null, JSON.parse(String(body)) as unknown);
        } catch (error) {
          done(error as Error, undefined);
        }
      },
    );

    app.get(
      '/api/import',
      {
        schema: {
          tags: ['import 导入'],
          summary: '可导入的台账及其列 / importable entities and their CSV columns',
          response: {
            200: z.object({
              items: z.array(z.object({ name: z.string(), label: z.string(), columns: z.array(z.string()) })),
            }),
          },
        },
      },
      async (request) => {
        requireRole(request.actor, REGISTRY_WRITERS);
        return { items: imports.importableEntities() };
      },
    );

    app.post(
      '/api/import/:entity',
      {
        bodyLimit: MAX_BYTES,
        schema: {
          tags: ['import 导入'],
          summary: '批量导入 CSV（全部成功或全部不导入）/ import a CSV file, all rows or none',
          description:
            'Body: `text/csv` with a header row of API field names, or for network-nodes/pipes/valves `application/geo+json` (a FeatureCollection whose properties are the create fields; `line` in errors is the feature number). Answers `{ imported }`, or 422 with `details: [{ line, column, reason }]` and nothing written.',
          params: z.object({ entity: z.string().max(40) }),
          response: { 200: ImportResult, 422: ErrorBody },
        },
      },
      async (request) => {
        const actor = requireRole(request.actor, REGISTRY_WRITERS);
        if (typeof request.body === 'string')
          return imports.importCsv(actor, request.params.entity, request.body);
        if (request.body && typeof request.body === 'object')
          return imports.importGeoJson(actor, request.params.entity, request.body);
        throw invalid(
          'import.unsupported_media_type',
          '请以 text/csv 或 application/geo+json 上传 / send text/csv or application/geo+json',
        );
      },
    );
  };
}
