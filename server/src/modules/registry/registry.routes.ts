// REST routes generated for every registry resource: list, exports (export.csv for scripts; export?format=csv|xlsx
// for people: Chinese headers, names beside ids), detail, create, update, delete.
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, pageOf, PageQuery } from '@hearth/contracts/common';
import { formatCsvRow } from '../../lib/csv.ts';
import { SHEET_FORMATS, sheetReply, sheetStream, XLSX_MAX_ROWS } from '../../lib/spreadsheet.ts';
import { invalid } from '../../http/domain-error.ts';
import { ALL_ROLES, requireRole } from '../auth/actor.ts';
import { exportColumns, exportRows, type ExportLang } from './registry.exchange.export.ts';
import type { ResourceDef, Row } from './registry.resource.ts';
import type { ListQuery, RegistryService } from './registry.service.ts';

/** `ids=3,17,42`: the items with these ids (at most 500), e.g. to resolve the names a page links to. */
const Ids = z
  .string()
  .regex(/^\d{1,10}(,\d{1,10}){0,499}$/, 'comma-separated ids, at most 500')
  .transform((v) => v.split(',').map(Number))
  .optional();

function listQuerySchema(def: ResourceDef) {
  return PageQuery.extend({
    ids: Ids,
    ...Object.fromEntries(Object.entries(def.filters).map(([k, f]) => [k, f.schema.optional()])),
  });
}

/** Field names of an item schema, in declaration order (the CSV header). */
function itemFields(def: ResourceDef): string[] {
  return Object.keys((def.item as z.ZodObject).shape);
}

/** `GET /api/<resource>/export?format=csv|xlsx`: the list for people (registry.exchange.export.ts). */
function exportRoute(
  app: Parameters<FastifyPluginAsyncZod>[0],
  registry: RegistryService,
  def: ResourceDef,
  querystring: ReturnType<typeof listQuerySchema>,
  timeZone: string,
) {
  const tags = [`registry 台账: ${def.label}`];
  app.get(
    `/api/${def.name}/export`,
    {
      schema: {
        tags,
        summary: `导出${def.label}（中文表头）/ export ${def.name} for people, CSV or XLSX (same filters as the list)`,
        description:
          'Chinese column headers with units, enum labels, the code and name of every referenced row beside its id, times in the city time zone, fixed decimals per unit. The import accepts the file as it is.',
        querystring: querystring.omit({ page: true, pageSize: true, sort: true }).extend({
          format: z.enum(SHEET_FORMATS).default('csv'),
          lang: z
            .enum(['zh', 'en'])
            .default('zh')
            .describe(
              'zh: Chinese headers and labels; en: API field names and codes (both import as they are)',
            ),
        }),
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (request, reply) => {
      const actor = requireRole(request.actor, ALL_ROLES);
      const { format, lang, ...query } = request.query as Row & { format: 'csv' | 'xlsx'; lang: ExportLang };
      if (format === 'xlsx') {
        const { total } = await registry.list(actor, def.name, { ...query, page: 1, pageSize: 1 });
        if (total > XLSX_MAX_ROWS)
          throw invalid(
            'export.too_many_rows',
            `共 ${total} 行，超过 XLSX 单表上限 ${XLSX_MAX_ROWS} 行：请导出 CSV 或缩小筛选范围 / ${total} rows do not fit an XLSX sheet: export CSV or filter`,
          );
      }
      // streamed: a city's households are written as they are read, never held whole
      const file = sheetStream(
        format,
        def.label,
        exportColumns(def.name, timeZone, lang),
        exportRows(registry, actor, def.name, query),
      );
      const { contentType, disposition } = sheetReply(format, `${def.label}-${def.name}`);
      return reply.header('content-type', contentType).header('content-disposition', disposition).send(file);
    },
  );
}

/** `timeZone`: the city's (HEARTH_TZ), in which exports write times. */
export function registryRoutes(registry: RegistryService, timeZone = 'Asia/Shanghai'): FastifyPluginAsyncZod {
  return async (app) => {
    for (const def of registry.resources) {
      const base = `/api/${def.name}`;
      const tags = [`registry 台账: ${def.label}`];
      const params = z.object({ id: Id });
      const querystring = listQuerySchema(def);

      app.get(
        base,
        {
          schema: {
            tags,
            summary: `${def.label}列表 / list ${def.name}`,
            querystring,
            response: { 200: pageOf(def.item) },
          },
        },
        async (request) =>
          registry.list(requireRole(request.actor, ALL_ROLES), def.name, request.query as ListQuery),
      );

      app.get(
        `${base}/export.csv`,
        {
          schema: {
            tags,
            summary: `导出${def.label} CSV / export ${def.name} as CSV (same filters as the list)`,
            querystring: querystring.omit({ page: true, pageSize: true, sort: true }),
            produces: ['text/csv'],
          },
        },
        async (request, reply) => {
          const actor = requireRole(request.actor, ALL_ROLES);
          const fields = itemFields(def);
          const items = registry.exportItems(actor, def.name, request.query as Row);
          async function* lines() {
            yield `\uFEFF${formatCsvRow(fields)}`; // BOM: spreadsheet programs then read the UTF-8 Chinese text
            for await (const item of items) yield formatCsvRow(fields.map((f) => item[f]));
          }
          return reply
            .header('content-type', 'text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${def.name}.csv"`)
            .send(Readable.from(lines()));
        },
      );

      exportRoute(app, registry, def, querystring, timeZone);

      app.get(
        `${base}/:id`,
        { schema: { tags, summary: `${def.label}详情 / get one`, params, response: { 200: def.item } } },
        async (request) => registry.get(requireRole(request.actor, ALL_ROLES), def.name, request.params.id),
      );

      app.post(
        base,
        {
          schema: {
            tags,
            summary: `新建${def.label} / create`,
            body: def.create,
            response: { 201: def.item },
          },
        },
        async (request, reply) => {
          const actor = requireRole(request.actor, def.writeRoles);
          return reply.status(201).send(await registry.create(actor, def.name, request.body as Row));
        },
      );

      app.patch(
        `${base}/:id`,
        {
          schema: {
            tags,
            summary: `修改${def.label} / update (partial)`,
            params,
            body: def.update,
            response: { 200: def.item },
          },
        },
        async (request) =>
          registry.update(
            requireRole(request.actor, def.writeRoles),
            def.name,
            request.params.id,
            request.body as Row,
          ),
      );

      app.delete(
        `${base}/:id`,
        { schema: { tags, summary: `删除${def.label} / delete`, params, response: { 204: z.null() } } },
        async (request, reply) => {
          await registry.remove(requireRole(request.actor, def.writeRoles), def.name, request.params.id);
          return reply.status(204).send(null);
        },
      );
    }
  };
}
