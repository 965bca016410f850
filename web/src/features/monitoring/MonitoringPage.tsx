// 运行监测 page: status counts, the live station table (SSE-updated values) with search, enterprise filter, paging.
import { useMemo } from 'react';
import { Link } from 'react-router';
import { Card, Input, Space, Tooltip, Typography, type TableColumnsType } from 'antd';
import { METRICS, type MonitoredStation } from '@hearth/contracts/telemetry';
import { useLang, useT } from '../../shared/i18n.ts';
import { useUser } from '../../shared/user.ts';
import { DataTable } from '../../shared/ui/DataTable.tsx';
import { isFiltered, withFilter, withoutFilters, withSearch } from '../../shared/listState.ts';
import { useUrlListQuery } from '../../shared/listQuery.ts';
import { RefName, RefSelect } from '../registry/registry.public.ts';
import { LiveIndicator } from './LiveIndicator.tsx';
import { useLiveStations } from './live.ts';
import { useMonitoringPage, type MonitoringParams } from './queries.ts';
import { LastSeen, StatusBadge } from './StatusBadge.tsx';
import { StatusSummary } from './StatusSummary.tsx';
import { formatMetric, isStationStatus, KEY_METRICS, metricLabel, shortMetricLabel } from './status.ts';
import { useNow } from '../../shared/useNow.ts';

const FILTERS = ['enterpriseId', 'status'] as const;

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
    () => ({ page: query.page, pageSize: query.pageSize, q: query.q, enterpriseId, status }),
    [query.page, query.pageSize, query.q, enterpriseId, status],
  );
  const list = useMonitoringPage(params);

  const columns = useMemo<TableColumnsType<MonitoredStation>>(
    () => [
      {
        key: 'status',
        title: t('monitoring.status'),
        width: 100,
        fixed: 'left',
        render: (_, r) => <StatusBadge status={r.status} />,
      },
      {
        key: 'name',
        title: t('monitoring.station'),
        fixed: 'left',
        render: (_, r) => (
          <Space orientation="vertical" size={0}>
            <Link to={`/stations/${r.id}`}>{r.name}</Link>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.code}
            </Typography.Text>
          </Space>
        ),
      },
      ...(showEnterprise
        ? [
            {
              key: 'enterpriseId',
              title: t('common.enterprise'),
              width: 160,
              ellipsis: true,
              render: (_: unknown, r: MonitoredStation) => (
                <RefName resource="enterprises" id={r.enterpriseId} />
              ),
            },
          ]
        : []),
      {
        key: 'lastTs',
        title: t('monitoring.lastTs'),
        width: 100,
        render: (_, r) => <LastSeen ts={r.lastTs} now={now} />,
      },
      ...KEY_METRICS.map((m) => ({
        key: m,
        title: (
          <Tooltip title={metricLabel(m, lang)}>
            <span style={{ whiteSpace: 'nowrap' }}>
              {shortMetricLabel(m, lang)}
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
                {METRICS[m].unit}
              </Typography.Text>
            </span>
          </Tooltip>
        ),
        align: 'right' as const,
        width: 80,
        render: (_: unknown, r: MonitoredStation) => (
          <span
            style={{
              fontVariantNumeric: 'tabular-nums',
              color: r.status === 'online' ? undefined : '#8c8c8c',
            }}
          >
            {formatMetric(m, r.values[m], lang)}
          </span>
        ),
      })),
    ],
    [t, lang, now, showEnterprise],
  );

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
          filters={
            <>
              <Input.Search
                key={query.q ?? ''}
                defaultValue={query.q}
                placeholder={t('common.search')}
                allowClear
                style={{ width: 220 }}
                data-testid="list-search"
                onSearch={(v) => setQuery(withSearch(query, v))}
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
