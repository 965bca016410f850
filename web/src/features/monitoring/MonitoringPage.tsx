// 运行监测 page: status counts, the live station table (SSE-updated values) with search, status and enterprise
// filters, server-side sort and paging, and its export (CSV/XLSX).
import { useMemo, type ReactNode } from 'react';
import { Card, Select, Typography, type TableProps } from 'antd';
import type { MonitoredStation } from '@hearth/contracts/telemetry';
import { pick, useLang, useT, type Lang, type TFunction } from '../../shared/i18n.ts';
import { useUser } from '../../shared/user.ts';
import { DataTable } from '../../shared/ui/DataTable.tsx';
import { isFiltered, sortParam, withFilter, withoutFilters } from '../../shared/listState.ts';
import { useUrlListQuery, type ListQuery } from '../../shared/listQuery.ts';
import { RefSelect } from '../registry/registry.public.ts';
import { LiveIndicator } from './LiveIndicator.tsx';
import { useLiveStations } from './live.ts';
import { useMonitoringPage, type MonitoringParams } from './queries.ts';
import { StatusSummary } from './StatusSummary.tsx';
import { isStationStatus, STATION_STATUSES, statusLabel, type StationStatus } from './status.ts';
import { ExportButtons } from '../../shared/ui/ExportButtons.tsx';
import { useMonitoringColumns } from './monitoringColumns.tsx';
import { useNow } from '../../shared/useNow.ts';
import { ListSearch } from '../../shared/ui/ListSearch.tsx';

const FILTERS = ['enterpriseId', 'status'] as const;

/** The filter bar (a builder, not a component: DataTable's <Space> spaces a fragment's children only when it gets the fragment itself). */
function monitoringFilters(
  t: TFunction,
  {
    query,
    setQuery,
    showEnterprise,
    enterpriseId,
    status,
    lang,
  }: {
    query: ListQuery;
    setQuery: (q: ListQuery) => void;
    showEnterprise: boolean;
    enterpriseId: number | undefined;
    status: StationStatus | undefined;
    lang: Lang;
  },
): ReactNode {
  return (
    <>
      <ListSearch query={query} onChange={setQuery} />
      <Select<StationStatus>
        allowClear
        value={status}
        placeholder={t('monitoring.status')}
        style={{ width: 140 }}
        data-testid="monitoring-status-filter"
        aria-label={pick(lang, '按状态筛选', 'Filter by status')}
        onChange={(v) => setQuery(withFilter(query, 'status', v))}
        options={STATION_STATUSES.map((s) => ({ value: s, label: statusLabel(s, lang) }))}
      />
      {showEnterprise && (
        <RefSelect
          resource="enterprises"
          value={enterpriseId ?? null}
          onChange={(v) => setQuery(withFilter(query, 'enterpriseId', v))}
          placeholder={t('common.enterprise')}
          style={{ width: 200 }}
        />
      )}
    </>
  );
}

export function MonitoringPage() {
  const t = useT();
  const lang = useLang();
  const user = useUser();
  const now = useNow();
  const live = useLiveStations();
  const [query, setQuery] = useUrlListQuery(FILTERS);
  const showEnterprise = user.role !== 'enterprise';
  const status = isStationStatus(query.filters.status) ? query.filters.status : undefined;
  const enterpriseId = query.filters.enterpriseId ? Number(query.filters.enterpriseId) : undefined;
  const params = useMemo<MonitoringParams>(
    () => ({
      page: query.page,
      pageSize: query.pageSize,
      q: query.q,
      sort: query.sort,
      enterpriseId,
      status,
    }),
    [query.page, query.pageSize, query.q, query.sort, enterpriseId, status],
  );
  const list = useMonitoringPage(params);
  const columns = useMonitoringColumns(now, showEnterprise, query.sort);
  const onChange: TableProps<MonitoredStation>['onChange'] = (_p, _f, sorter, extra) => {
    if (extra.action !== 'sort') return;
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = typeof s?.columnKey === 'string' ? s.columnKey : undefined;
    setQuery({ ...query, page: 1, sort: sortParam(key, s?.order) });
  };

  return (
    <>
      <div className="hearth-page-header">
        <Typography.Title level={2}>{t('nav.monitoring')}</Typography.Title>
        <LiveIndicator state={live} />
      </div>
      <StatusSummary
        counts={list.data?.statusCounts}
        active={status}
        onSelect={(s) => setQuery(withFilter(query, 'status', s))}
      />
      <Card variant="borderless">
        <DataTable<MonitoredStation>
          rowKey="id"
          size="small"
          testId="monitoring-table"
          columns={columns}
          query={list}
          rows={list.data?.items}
          loadingOn="paging"
          onChange={onChange}
          filters={monitoringFilters(t, { query, setQuery, showEnterprise, enterpriseId, status, lang })}
          actions={
            <ExportButtons
              path="/monitoring/stations/export"
              query={{ q: query.q, sort: query.sort, enterpriseId, status }}
              baseName="运行监测"
              testId="monitoring-export"
            />
          }
          onReset={isFiltered(query) ? () => setQuery(withoutFilters(query)) : undefined}
          paging={{
            page: query.page,
            pageSize: query.pageSize,
            total: list.data?.total,
            pageSizeOptions: [20, 50, 100, 200],
            onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
          }}
        />
      </Card>
    </>
  );
}
