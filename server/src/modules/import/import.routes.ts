// POST /api/import/:entity — all-or-nothing CSV import with line-level errors.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '@hearth/contracts/common';
import { ImportJob, ImportResult } from '@hearth/contracts/stats';
import { invalid } from '../../http/domain-error.ts';
import { REGISTRY_WRITERS, requireRole } from '../auth/actor.ts';
import type { ImportJobs } from './import.jobs.ts';
import type { ImportService } from './import.service.ts';
import type { ImportProgress } from './import.types.ts';

const MAX_BYTES = 256 * 1024 * 1024;

export function importRoutes(imports: ImportService, jobs: ImportJobs): FastifyPluginAsyncZod {
  return async (app) => {
    // CSV arrives as bytes; the import service decodes them (UTF-8, else GB18030/GBK, else refused:
    // lib/text-decoding.ts), in the worker thread for a large file
    app.addContentTypeParser(
      ['text/csv', 'text/plain'],
      { parseAs: 'buffer', bodyLimit: MAX_BYTES },
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
          querystring: z.object({
            async: z
              .enum(['true', 'false'])
              .optional()
              .describe(
                'true: answer 202 with a job at once and import in the background (poll /api/import/jobs/:id)',
              ),
          }),
          response: { 200: ImportResult, 202: ImportJob, 422: ErrorBody },
        },
      },
      async (request, reply) => {
        const actor = requireRole(request.actor, REGISTRY_WRITERS);
        const { entity } = request.params;
        const body: unknown = request.body;
        const run = (progress?: ImportProgress) => {
          if (Buffer.isBuffer(body)) return imports.importCsvBytes(actor, entity, body, progress);
          if (body && typeof body === 'object') return imports.importGeoJson(actor, entity, body, progress);
          throw invalid(
            'import.unsupported_media_type',
            '请以 text/csv 或 application/geo+json 上传 / send text/csv or application/geo+json',
          );
        };
        if (request.query.async !== 'true') return run();
        if (!(body && typeof body === 'object')) run(); // throws: nothing to import
        const job = jobs.start(actor, entity, run, (error) =>
          request.log.error({ err: error }, 'import job failed'),
        );
        return reply.status(202).send(job);
      },
    );

    app.get(
      '/api/import/jobs/:id',
      {
        schema: {
          tags: ['import 导入'],
          summary: '导入任务进度 / progress of a background import',
          params: z.object({ id: z.string().uuid() }),
          response: { 200: ImportJob },
        },
      },
      async (request) => jobs.get(requireRole(request.actor, REGISTRY_WRITERS), request.params.id),
    );
  };
}
