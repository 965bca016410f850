// 运行监测 table columns: status, station, enterprise (above one enterprise), last seen and the key metrics.
import { useMemo } from 'react';
import { Link } from 'react-router';
import { Space, Tooltip, Typography, type TableColumnsType } from 'antd';
import { METRICS, type MetricKey, type MonitoredStation } from '@hearth/contracts/telemetry';
import { useLang, useT, type Lang } from '../../shared/i18n.ts';
import { RefName } from '../registry/registry.public.ts';
import { LastSeen, StatusBadge } from './StatusBadge.tsx';
import { formatMetric, KEY_METRICS, metricLabel, shortMetricLabel } from './status.ts';

function StationCell({ row: r }: { row: MonitoredStation }) {
  return (
    <Space orientation="vertical" size={0}>
      <Link to={`/stations/${r.id}`}>{r.name}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {r.code}
      </Typography.Text>
    </Space>
  );
}

function MetricTitle({ metric: m, lang }: { metric: MetricKey; lang: Lang }) {
  return (
    <Tooltip title={metricLabel(m, lang)}>
      <span style={{ whiteSpace: 'nowrap' }}>
        {shortMetricLabel(m, lang)}
        <br />
        <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
          {METRICS[m].unit}
        </Typography.Text>
      </span>
    </Tooltip>
  );
}

/** The key metrics, one right-aligned column each; an offline station's values greyed. */
function metricColumns(lang: Lang): TableColumnsType<MonitoredStation> {
  return KEY_METRICS.map((m) => ({
    key: m,
    title: <MetricTitle metric={m} lang={lang} />,
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
  }));
}

export function useMonitoringColumns(
  now: number,
  showEnterprise: boolean,
): TableColumnsType<MonitoredStation> {
  const t = useT();
  const lang = useLang();
  return useMemo<TableColumnsType<MonitoredStation>>(
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
        render: (_, r) => <StationCell row={r} />,
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
      ...metricColumns(lang),
    ],
    [t, lang, now, showEnterprise],
  );
}
