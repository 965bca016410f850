// 运行监测 table columns: status, station, enterprise (above one enterprise), last seen and the key metrics —
// sortable on the server; a value outside its range in red with the range on hover.
import { useMemo } from 'react';
import { Link } from 'react-router';
import { Space, Tooltip, Typography, type TableColumnsType } from 'antd';
import { METRICS, type MetricKey, type MonitoredStation } from '@hearth/contracts/telemetry';
import { pick, useLang, useT, type Lang } from '../../shared/i18n.ts';
import { sortOrderOf } from '../../shared/listState.ts';
import { RefName } from '../registry/registry.public.ts';
import { LastSeen, StatusBadge } from './StatusBadge.tsx';
import { formatMetric, KEY_METRICS, metricLabel, metricUnit, shortMetricLabel } from './status.ts';
import { outOfRange } from './ranges.ts';

/** a cell's text kept to one line of at most 128 px, so the table fits 1366 px screens */
const CLIPPED = {
  maxWidth: 128,
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
} as const;

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
          {metricUnit(m, lang)}
        </Typography.Text>
      </span>
    </Tooltip>
  );
}

/** A live value: greyed when the station is not online, red with its range on hover when outside it. */
function MetricCell({ metric: m, row: r, lang }: { metric: MetricKey; row: MonitoredStation; lang: Lang }) {
  const value = r.values[m];
  const range = outOfRange(m, value);
  const text = (
    <span
      data-out-of-range={range ? m : undefined}
      style={{
        fontVariantNumeric: 'tabular-nums',
        color: range ? '#cf1322' : r.status === 'online' ? undefined : '#8c8c8c',
        fontWeight: range ? 600 : undefined,
      }}
    >
      {formatMetric(m, value, lang)}
    </span>
  );
  if (!range) return text;
  const unit = METRICS[m].unit;
  return (
    <Tooltip
      title={pick(
        lang,
        `超出正常范围 ${range[0]}–${range[1]} ${unit}`,
        `Outside the normal range ${range[0]}–${range[1]} ${unit}`,
      )}
    >
      {text}
    </Tooltip>
  );
}

/** The key metrics, one right-aligned sortable column each. */
function metricColumns(lang: Lang, sort: string | undefined): TableColumnsType<MonitoredStation> {
  return KEY_METRICS.map((m) => ({
    key: m,
    title: <MetricTitle metric={m} lang={lang} />,
    align: 'right' as const,
    width: 76,
    sorter: true,
    sortOrder: sortOrderOf(sort, m),
    render: (_: unknown, r: MonitoredStation) => <MetricCell metric={m} row={r} lang={lang} />,
  }));
}

export function useMonitoringColumns(
  now: number,
  showEnterprise: boolean,
  sort: string | undefined,
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
        sorter: true,
        sortOrder: sortOrderOf(sort, 'status'),
        render: (_, r) => <StatusBadge status={r.status} />,
      },
      {
        key: 'name',
        title: t('monitoring.station'),
        fixed: 'left',
        sorter: true,
        sortOrder: sortOrderOf(sort, 'name'),
        render: (_, r) => <StationCell row={r} />,
      },
      ...(showEnterprise
        ? [
            {
              key: 'enterpriseId',
              title: t('common.enterprise'),
              width: 140,
              ellipsis: true,
              // clipped to its width (the table sizes to its content): the whole name on hover
              render: (_: unknown, r: MonitoredStation) => (
                <div style={CLIPPED}>
                  <RefName resource="enterprises" id={r.enterpriseId} />
                </div>
              ),
            },
          ]
        : []),
      {
        key: 'lastTs',
        title: t('monitoring.lastTs'),
        width: 100,
        sorter: true,
        sortOrder: sortOrderOf(sort, 'lastTs'),
        render: (_, r) => <LastSeen ts={r.lastTs} now={now} />,
      },
      ...metricColumns(lang, sort),
    ],
    [t, lang, now, showEnterprise, sort],
  );
}
