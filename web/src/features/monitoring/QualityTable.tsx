// Data quality per enterprise (/api/telemetry/quality): station status counts, coverage, completeness, stale and
// stuck points; worst first, every column sortable.
import { useMemo } from 'react';
import { Card, Progress, Typography, type TableColumnsType } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import type { DataQualityResponse } from '@hearth/contracts/telemetry';
import { useLang, useT } from '../../shared/i18n.ts';
import { DataTable } from '../../shared/ui/DataTable.tsx';
import { formatNumber } from '../../shared/format.ts';
import { RefName } from '../registry/registry.public.ts';
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

/** Enterprise, stations, the status counts, coverage, completeness, stale and stuck points; all sortable. */
function useQualityColumns(h: number): TableColumnsType<QualityRow> {
  const t = useT();
  const lang = useLang();
  return useMemo<TableColumnsType<QualityRow>>(
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
}

export function QualityTable({ query }: { query: UseQueryResult<DataQualityResponse> }) {
  const t = useT();
  const h = query.data?.windowHours ?? 24;
  const rows = useMemo(() => [...(query.data?.items ?? [])].sort(byQualityWorstFirst), [query.data]);
  const columns = useQualityColumns(h);

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
      <DataTable<QualityRow>
        rowKey="enterpriseId"
        size="small"
        testId="quality-table"
        columns={columns}
        query={query}
        rows={rows}
        loadingOn="pending"
        paging="client"
      />
    </Card>
  );
}
