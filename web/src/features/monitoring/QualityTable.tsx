// Data quality per enterprise (/api/telemetry/quality): station status counts, coverage, completeness, stale and
// stuck points; worst first, every column sortable.
import { useMemo } from 'react';
import { Card, Progress, Table, Typography, type TableColumnsType } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import type { DataQualityResponse } from '@hearth/contracts/telemetry';
import { useLang, useT } from '../../shared/i18n.ts';
import { EmptyState, ErrorState } from '../../shared/ui/PageState.tsx';
import { formatNumber } from '../registry/format.tsx';
import { RefName } from '../registry/refs.tsx';
import { HintTitle } from './QualitySummary.tsx';
import { byQualityWorstFirst, formatPercent, shareColor, type QualityRow } from './quality.ts';
import { STATUS_COLORS, statusLabel, type StationStatus } from './status.ts';

const num = (v: number, color?: string) => (
  <span style={{ fontVariantNumeric: 'tabular-nums', color: v > 0 ? color : undefined }}>
    {formatNumber(v, 0)}
  </span>
);

export function ShareBar({ share }: { share: number }) {
  return (
    <Progress
      percent={Math.round(share * 1000) / 10}
      size={[72, 6]}
      status="normal"
      strokeColor={shareColor(share)}
      format={() => formatPercent(share)}
      style={{ margin: 0, whiteSpace: 'nowrap' }}
    />
  );
}

const STATUS_FIELDS: [StationStatus, 'online' | 'stale' | 'offline' | 'noData'][] = [
  ['online', 'online'],
  ['stale', 'stale'],
  ['offline', 'offline'],
  ['no_data', 'noData'],
];

export function QualityTable({ query }: { query: UseQueryResult<DataQualityResponse> }) {
  const t = useT();
  const lang = useLang();
  const h = query.data?.windowHours ?? 24;
  const rows = useMemo(() => [...(query.data?.items ?? [])].sort(byQualityWorstFirst), [query.data]);

  const columns = useMemo<TableColumnsType<QualityRow>>(
    () => [
      {
        key: 'enterprise',
        title: t('common.enterprise'),
        fixed: 'left',
        render: (_, r) => <RefName resource="enterprises" id={r.enterpriseId} />,
      },
      {
        key: 'stations',
        title: t('quality.stations'),
        align: 'right',
        sorter: (a, b) => a.stations - b.stations,
        render: (_, r) => num(r.stations),
      },
      ...STATUS_FIELDS.map(([status, field]) => ({
        key: field,
        title: statusLabel(status, lang),
        align: 'right' as const,
        sorter: (a: QualityRow, b: QualityRow) => a[field] - b[field],
        render: (_: unknown, r: QualityRow) =>
          num(r[field], status === 'online' ? undefined : STATUS_COLORS[status]),
      })),
      {
        key: 'coverage',
        title: <HintTitle title={t('quality.coverage')} hint={t('quality.coverageHint')} />,
        sorter: (a, b) => a.coverage - b.coverage,
        render: (_, r) => <ShareBar share={r.coverage} />,
      },
      {
        key: 'completeness',
        title: <HintTitle title={t('quality.completeness')} hint={t('quality.completenessHint', { h })} />,
        sorter: (a, b) => a.completeness - b.completeness,
        render: (_, r) => <ShareBar share={r.completeness} />,
      },
      {
        key: 'staleSensors',
        title: <HintTitle title={t('quality.staleSensors')} hint={t('quality.staleHint')} />,
        align: 'right',
        sorter: (a, b) => a.staleSensors - b.staleSensors,
        render: (_, r) => num(r.staleSensors, '#f5222d'),
      },
      {
        key: 'stuckSensors',
        title: <HintTitle title={t('quality.stuckSensors')} hint={t('quality.stuckHint')} />,
        align: 'right',
        sorter: (a, b) => a.stuckSensors - b.stuckSensors,
        render: (_, r) => num(r.stuckSensors, '#f5222d'),
      },
    ],
    [t, lang, h],
  );

  return (
    <Card
      variant="borderless"
      title={t('quality.byEnterprise', { h })}
      extra={
        query.data ? (
          <Typography.Text type="secondary">
            {t('common.total', { n: formatNumber(rows.length, 0) })}
          </Typography.Text>
        ) : null
      }
    >
      {query.isError && !query.data ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<QualityRow>
          rowKey="enterpriseId"
          size="small"
          data-testid="quality-table"
          columns={columns}
          dataSource={rows}
          loading={query.isPending}
          locale={{ emptyText: query.isPending ? ' ' : <EmptyState /> }}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        />
      )}
    </Card>
  );
}
