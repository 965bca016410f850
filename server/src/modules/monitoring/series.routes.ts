// Analysis HTTP: several metrics of up to 5 stations (GET /api/monitoring/series), that series exported, and the
// monitoring table exported (CSV or XLSX, Chinese headers, city time, fixed decimals).
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { StationStatus } from '@hearth/contracts/telemetry';
import {
  MultiSeriesQuery,
  MultiSeriesResponse,
  SERIES_EXPORT_FORMATS,
  SeriesExportQuery,
} from '@hearth/contracts/telemetry-analysis';
import { ALL_ROLES, requireRole } from '../auth/actor.ts';
import type { MonitoringService } from './monitoring.service.ts';
import type { SeriesTable } from './series.analysis.ts';
import { sheetReply, writeSheet, type SheetFormat } from '../../lib/spreadsheet.ts';

const tags = ['telemetry 运行监测'];
const TableExportQuery = z.object({
  q: z.string().trim().max(100).optional(),
  sort: z.string().max(64).optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
  status: StationStatus.optional(),
  format: z.enum(SERIES_EXPORT_FORMATS).default('csv'),
});

/** `运行曲线-20261203-0815` in UTC digits: a file name that sorts. */
function fileName(base: string): string {
  return `${base}-${new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')}`;
}

/** The table as a CSV or XLSX download (lib/spreadsheet: BOM, fixed decimals, number formats). */
async function sendTable(reply: FastifyReply, table: SeriesTable, format: SheetFormat, base: string) {
  const columns = table.columns.map((c, i) => ({
    header: c.header,
    value: (row: SeriesTable['rows'][number]) => row[i],
    ...(c.decimals !== undefined ? { decimals: c.decimals } : {}),
  }));
  const body = await writeSheet(format, base, columns, table.rows);
  const { contentType, disposition } = sheetReply(format, fileName(base));
  return reply.header('content-type', contentType).header('content-disposition', disposition).send(body);
}

export function seriesRoutes(monitoring: MonitoringService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/monitoring/series',
      {
        schema: {
          tags,
          summary:
            '分析曲线：最多 5 个换热站的多个指标，同一汇总粒度 / several metrics of up to 5 stations at one resolution',
          querystring: MultiSeriesQuery,
          response: { 200: MultiSeriesResponse },
        },
      },
      async (request) => monitoring.multiSeries(requireRole(request.actor, ALL_ROLES), request.query),
    );

    app.get(
      '/api/monitoring/series/export',
      {
        schema: {
          tags,
          summary: '导出分析曲线（CSV / XLSX，中文表头，城市时间）/ export the series (CSV or XLSX)',
          querystring: SeriesExportQuery,
        },
      },
      async (request, reply) => {
        const { format, ...query } = request.query;
        const table = await monitoring.seriesTable(requireRole(request.actor, ALL_ROLES), query);
        return sendTable(reply, table, format, '运行曲线');
      },
    );

    app.get(
      '/api/monitoring/stations/export',
      {
        schema: {
          tags,
          summary: '导出监测列表（筛选与排序同列表）/ export the monitoring table as filtered and sorted',
          querystring: TableExportQuery,
        },
      },
      async (request, reply) => {
        const { format, ...query } = request.query;
        const table = await monitoring.stationsTable(requireRole(request.actor, ALL_ROLES), query);
        return sendTable(reply, table, format, '运行监测');
      },
    );
  };
}
