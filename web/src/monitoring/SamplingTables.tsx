// Indoor sampling 室温采样率 (/api/telemetry/sampling): per enterprise, and per community with client-side paging,
// an enterprise filter and "only falling short"; rows below the city's minimum share carry a red tag, a sample
// missing a floor or its station's far end an orange one per missing check.
import { useMemo } from 'react';
import { Button, Card, Space, Switch, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import {
  SAMPLING_SPREAD_LABELS,
  type SamplingResponse,
  type SamplingSpreadCheck,
} from '@hearth/contracts/telemetry';
import { useLang, useT } from '../i18n.ts';
import { useUser } from '../app/user.ts';
import { EmptyState, ErrorState } from '../components/PageState.tsx';
import { formatNumber } from '../registry/format.tsx';
import { useUrlListQuery } from '../registry/listQuery.ts';
import { RefName, RefSelect } from '../registry/refs.tsx';
import { HintTitle } from './QualitySummary.tsx';
import { bySamplingWorstFirst, formatPercent, type SamplingRow } from './quality.ts';

type Query = UseQueryResult<SamplingResponse>;

const num = (v: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatNumber(v, 0)}</span>;

function useSpreadLabel() {
  const lang = useLang();
  return (check: SamplingSpreadCheck) => SAMPLING_SPREAD_LABELS[check][lang === 'en' ? 1 : 0];
}

function Verdict({ row, minimum }: { row: SamplingRow; minimum: number }) {
  const t = useT();
  const label = useSpreadLabel();
  if (row.households === 0) return <Tag>{t('quality.noHouseholds')}</Tag>;
  if (!row.flagged) return <Tag color="green">{t('quality.meetsMinimum')}</Tag>;
  return (
    <Space size={4} wrap>
      {row.belowMinimum && (
        <Tag color="red">{t('quality.belowMinimum', { min: formatPercent(minimum, 2) })}</Tag>
      )}
      {row.missing.map((check) => (
        <Tag key={check} color="orange" data-testid={`spread-${check}`}>
          {t('quality.missing', { check: label(check) })}
        </Tag>
      ))}
    </Space>
  );
}

/** households, sensors, share and verdict: the columns both tables share */
function useCountColumns(minimum: number): TableColumnsType<SamplingRow> {
  const t = useT();
  return useMemo<TableColumnsType<SamplingRow>>(
    () => [
      {
        key: 'households',
        title: t('quality.households'),
        align: 'right',
        sorter: (a, b) => a.households - b.households,
        render: (_, r) => num(r.households),
      },
      {
        key: 'sensors',
        title: t('quality.sensors'),
        align: 'right',
        sorter: (a, b) => a.sensors - b.sensors,
        render: (_, r) => num(r.sensors),
      },
      {
        key: 'share',
        title: <HintTitle title={t('quality.sampling')} hint={t('quality.samplingHint')} />,
        align: 'right',
        sorter: (a, b) => a.share - b.share,
        render: (_, r) =>
          r.households === 0 ? (
            <Typography.Text type="secondary">—</Typography.Text>
          ) : (
            <Typography.Text
              type={r.belowMinimum ? 'danger' : undefined}
              strong={r.belowMinimum}
              style={{ fontVariantNumeric: 'tabular-nums' }}
            >
              {formatPercent(r.share, 2)}
            </Typography.Text>
          ),
      },
      {
        key: 'verdict',
        title: t('quality.verdict'),
        render: (_, r) => <Verdict row={r} minimum={minimum} />,
      },
    ],
    [t, minimum],
  );
}

function MinimumTag({ data }: { data: SamplingResponse | undefined }) {
  const t = useT();
  const label = useSpreadLabel();
  if (data === undefined) return null;
  return (
    <Space size={4}>
      <Tag color="volcano">{t('quality.minimum', { min: formatPercent(data.minimumShare, 2) })}</Tag>
      {data.spreadChecks.length > 0 && (
        <Tag>
          {t('quality.spreadChecks', {
            checks: data.spreadChecks.map(label).join(' · '),
          })}
        </Tag>
      )}
    </Space>
  );
}

export function SamplingByEnterprise({ query }: { query: Query }) {
  const t = useT();
  const minimum = query.data?.minimumShare;
  const counts = useCountColumns(minimum ?? 0);
  const rows = useMemo(() => [...(query.data?.enterprises ?? [])].sort(bySamplingWorstFirst), [query.data]);
  const columns = useMemo<TableColumnsType<SamplingRow>>(
    () => [
      {
        key: 'enterprise',
        title: t('common.enterprise'),
        render: (_, r) => <RefName resource="enterprises" id={r.enterpriseId} />,
      },
      ...counts,
    ],
    [t, counts],
  );
  return (
    <Card
      variant="borderless"
      title={t('quality.samplingByEnterprise')}
      extra={<MinimumTag data={query.data} />}
      style={{ marginTop: 16 }}
    >
      {query.isError && !query.data ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<SamplingRow>
          rowKey="enterpriseId"
          size="small"
          data-testid="sampling-enterprises"
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

const FILTERS = ['below', 'enterpriseId'] as const;

export function SamplingByCommunity({ query }: { query: Query }) {
  const t = useT();
  const user = useUser();
  const showEnterprise = user.role !== 'enterprise';
  const [list, setList] = useUrlListQuery(FILTERS);
  const onlyBelow = list.filters.below === '1';
  const enterpriseId = list.filters.enterpriseId ? Number(list.filters.enterpriseId) : undefined;
  const minimum = query.data?.minimumShare;
  const counts = useCountColumns(minimum ?? 0);
  const all = query.data?.communities;
  const rows = useMemo(
    () =>
      (all ?? [])
        .filter(
          (c) => (!onlyBelow || c.flagged) && (enterpriseId === undefined || c.enterpriseId === enterpriseId),
        )
        .sort(bySamplingWorstFirst),
    [all, onlyBelow, enterpriseId],
  );
  const setFilter = (name: (typeof FILTERS)[number], value: string | undefined) => {
    const filters = Object.fromEntries(Object.entries(list.filters).filter(([k]) => k !== name));
    if (value) filters[name] = value;
    setList({ ...list, page: 1, filters });
  };
  const columns = useMemo<TableColumnsType<SamplingRow>>(
    () => [
      {
        key: 'community',
        title: t('quality.community'),
        render: (_, r) => (
          <Space size={4}>
            <RefName resource="communities" id={r.communityId} />
            {r.farEnd && (
              <Tooltip title={t('quality.farEndHint')}>
                <Tag color="blue">{t('quality.farEnd')}</Tag>
              </Tooltip>
            )}
          </Space>
        ),
      },
      ...(showEnterprise
        ? [
            {
              key: 'enterprise',
              title: t('common.enterprise'),
              ellipsis: true,
              render: (_: unknown, r: SamplingRow) => <RefName resource="enterprises" id={r.enterpriseId} />,
            },
          ]
        : []),
      ...counts,
    ],
    [t, counts, showEnterprise],
  );
  // a page past the end (after filtering, or a stale URL) shows the last page instead of nothing
  const lastPage = Math.max(1, Math.ceil(rows.length / list.pageSize));
  const current = Math.min(list.page, lastPage);

  return (
    <Card
      variant="borderless"
      title={t('quality.samplingByCommunity')}
      extra={<MinimumTag data={query.data} />}
      style={{ marginTop: 16 }}
    >
      <Space wrap size={16} style={{ marginBottom: 16 }}>
        <Space size={8}>
          <Switch
            checked={onlyBelow}
            onChange={(v) => setFilter('below', v ? '1' : undefined)}
            data-testid="only-below"
            aria-label={t('quality.onlyBelow')}
          />
          <Typography.Text>{t('quality.onlyBelow')}</Typography.Text>
        </Space>
        {showEnterprise && (
          <RefSelect
            resource="enterprises"
            value={enterpriseId ?? null}
            onChange={(v) => setFilter('enterpriseId', v === null ? undefined : String(v))}
            placeholder={t('common.enterprise')}
            style={{ width: 200 }}
          />
        )}
        {(onlyBelow || enterpriseId !== undefined) && (
          <Button onClick={() => setList({ ...list, page: 1, filters: {} })}>{t('common.reset')}</Button>
        )}
      </Space>
      {query.isError && !query.data ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<SamplingRow>
          rowKey={(r) => String(r.communityId)}
          size="small"
          data-testid="sampling-communities"
          columns={columns}
          dataSource={rows}
          loading={query.isPending}
          locale={{ emptyText: query.isPending ? ' ' : <EmptyState /> }}
          scroll={{ x: 'max-content' }}
          pagination={{
            current,
            pageSize: list.pageSize,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (n) => t('common.total', { n: formatNumber(n, 0) }),
            onChange: (p, s) => setList({ ...list, page: s === list.pageSize ? p : 1, pageSize: s }),
          }}
        />
      )}
    </Card>
  );
}
