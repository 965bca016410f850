// POST /api/import/:entity — all-or-nothing import of a CSV, XLSX or GeoJSON file with line-level errors;
// GET /api/import/:entity/template — the file to fill in.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '@hearth/contracts/common';
import { ImportJob, ImportResult } from '@hearth/contracts/stats';
import { DomainError, invalid } from '../../http/domain-error.ts';
import { SHEET_FORMATS, sheetReply } from '../../lib/spreadsheet.ts';
import { REGISTRY_WRITERS, requireRole } from '../auth/actor.ts';
import type { ImportJobs } from './import.jobs.ts';
import type { ImportService } from './import.service.ts';
import type { ImportProgress } from './import.types.ts';
import { templateFile } from './sheet-template.ts';

const MAX_BYTES = 256 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function importRoutes(imports: ImportService, jobs: ImportJobs): FastifyPluginAsyncZod {
  return async (app) => {
    // CSV arrives as bytes; the import service decodes them (UTF-8, else GB18030/GBK, else refused:
    // lib/text-decoding.ts), in the worker thread for a large file
    app.addContentTypeParser(
      ['text/csv', 'text/plain', XLSX_TYPE, 'application/octet-stream'],
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
          summary: '批量导入 CSV / XLSX / GeoJSON（全部成功或全部不导入）/ import a file, all rows or none',
          description:
            "Body: `text/csv` or an XLSX workbook (first sheet) with a header row of Chinese headers (as the export and the template write them) or API field names; references by code (`热源编码`), name (`热源名称`), either (`热源`) or id (`热源ID`); enums by label (热电联产) or code. For network-nodes/pipes/valves also `application/geo+json` (a FeatureCollection whose properties are the create fields, references by id or `…Code`; errors carry `path` = `features[i].properties.<field>`). Answers `{ imported }`, or 422 with `details: [{ line, column, reason }]` (column = the file's header) and nothing written.",
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
      '/api/import/:entity/template',
      {
        schema: {
          tags: ['import 导入'],
          summary: '导入模板 / the import template of an entity (CSV or XLSX)',
          description:
            'The header row (Chinese headers; references by code), one example row, and notes on the required columns, the allowed enum labels and the other accepted headers (CSV: `# …` lines, which the import skips; XLSX: the sheet 说明).',
          params: z.object({ entity: z.string().max(40) }),
          querystring: z.object({ format: z.enum(SHEET_FORMATS).default('csv') }),
          produces: ['text/csv', XLSX_TYPE],
        },
      },
      async (request, reply) => {
        requireRole(request.actor, REGISTRY_WRITERS);
        const entity = imports.importableEntities().find((e) => e.name === request.params.entity);
        if (!entity)
          throw new DomainError(
            'import.unknown_entity',
            404,
            `不支持导入 ${request.params.entity} / cannot be imported`,
          );
        const { format } = request.query;
        const bytes = await templateFile(entity.name, entity.label, format);
        const { contentType, disposition } = sheetReply(
          format,
          `${entity.label}导入模板-${entity.name}-template`,
        );
        return reply
          .header('content-type', contentType)
          .header('content-disposition', disposition)
          .send(bytes);
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
