// Indoor sampling 室温采样率 (/api/telemetry/sampling): per enterprise, and per community paged, sorted and
// filtered on the server (search, enterprise, district, "only falling short"); rows below the city's minimum
// share carry a red tag, a sample missing a floor or its station's far end an orange one per missing check.
import { useMemo } from 'react';
import { Card, Space, Tag, Typography, type TableColumnsType, type TableProps } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import {
  SAMPLING_SORTS,
  SAMPLING_SPREAD_LABELS,
  type SamplingCommunity,
  type SamplingResponse,
  type SamplingSort,
  type SamplingSpreadCheck,
} from '@hearth/contracts/telemetry';
import { useLang, useT } from '../../shared/i18n.ts';
import { useUser } from '../../shared/user.ts';
import { DataTable } from '../../shared/ui/DataTable.tsx';
import { isFiltered, sortOrderOf, sortParam, withoutFilters } from '../../shared/listState.ts';
import { formatNumber } from '../../shared/format.ts';
import { useUrlListQuery, type ListQuery } from '../../shared/listQuery.ts';
import { RefName } from '../registry/registry.public.ts';
import { HintTitle } from './QualitySummary.tsx';
import { formatPercent, useSampling, type SamplingRow } from './quality.ts';
import { FilteredSummary, samplingFilters, useCommunityColumns } from './SamplingCommunityParts.tsx';

/** Below the minimum first, then short on spread, then the rest; lowest share first within each. */
const worstFirst = (a: SamplingRow, b: SamplingRow) => {
  const rank = (r: SamplingRow) => (r.belowMinimum ? 0 : r.flagged ? 1 : r.households > 0 ? 2 : 3);
  return (
    rank(a) - rank(b) ||
    b.missing.length - a.missing.length ||
    a.share - b.share ||
    a.enterpriseId - b.enterpriseId
  );
};

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

/**
 * households, sensors, share and verdict: the columns both tables share. With `sort` the sorting is the
 * server's (the community table); without, the rows on hand are sorted (the enterprise table).
 */
function useCountColumns(minimum: number, sort?: string | null): TableColumnsType<SamplingRow> {
  const t = useT();
  return useMemo<TableColumnsType<SamplingRow>>(() => {
    const sorter = (key: 'households' | 'sensors' | 'share') =>
      sort === undefined
        ? { sorter: (a: SamplingRow, b: SamplingRow) => a[key] - b[key] }
        : { sorter: true, sortOrder: sortOrderOf(sort ?? undefined, key) };
    return [
      {
        key: 'households',
        title: t('quality.households'),
        align: 'right',
        ...sorter('households'),
        render: (_, r) => num(r.households),
      },
      {
        key: 'sensors',
        title: t('quality.sensors'),
        align: 'right',
        ...sorter('sensors'),
        render: (_, r) => num(r.sensors),
      },
      {
        key: 'share',
        title: <HintTitle title={t('quality.sampling')} hint={t('quality.samplingHint')} />,
        align: 'right',
        ...sorter('share'),
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
    ];
  }, [t, minimum, sort]);
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
  const rows = useMemo(() => [...(query.data?.enterprises ?? [])].sort(worstFirst), [query.data]);
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
      <DataTable<SamplingRow>
        rowKey="enterpriseId"
        size="small"
        testId="sampling-enterprises"
        columns={columns}
        query={query}
        rows={rows}
        loadingOn="pending"
        paging="client"
      />
    </Card>
  );
}

const FILTERS = ['below', 'enterpriseId', 'district'] as const;
const SORTS = new Set<string>(SAMPLING_SORTS);

/** The sampling request for the list query's page, search, sort and filters. */
function useCommunitySampling(list: ListQuery, sort: SamplingSort | undefined) {
  const onlyBelow = list.filters.below === '1';
  const enterpriseId = list.filters.enterpriseId ? Number(list.filters.enterpriseId) : undefined;
  const district = list.filters.district;
  return useSampling({
    page: list.page,
    pageSize: list.pageSize,
    ...(list.q ? { q: list.q } : {}),
    ...(sort ? { sort } : {}),
    ...(enterpriseId !== undefined ? { enterpriseId } : {}),
    ...(district ? { district } : {}),
    ...(onlyBelow ? { flagged: true } : {}),
  });
}

export function SamplingByCommunity() {
  const t = useT();
  const user = useUser();
  const showEnterprise = user.role !== 'enterprise';
  const [list, setList] = useUrlListQuery(FILTERS);
  const sort = list.sort && SORTS.has(list.sort) ? (list.sort as SamplingSort) : undefined;
  const query = useCommunitySampling(list, sort);
  const minimum = query.data?.minimumShare;
  const counts = useCountColumns(minimum ?? 0, sort ?? null);
  const columns = useCommunityColumns(counts, showEnterprise, sort);
  const onChange: TableProps<SamplingCommunity>['onChange'] = (pagination, _filters, sorter, extra) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const next = sortParam(typeof s?.columnKey === 'string' ? s.columnKey : undefined, s?.order);
    setList({
      ...list,
      page: extra.action === 'paginate' ? (pagination.current ?? 1) : 1,
      pageSize: pagination.pageSize ?? list.pageSize,
      sort: next,
    });
  };

  return (
    <Card
      variant="borderless"
      title={t('quality.samplingByCommunity')}
      extra={<MinimumTag data={query.data} />}
      style={{ marginTop: 16 }}
    >
      <DataTable<SamplingCommunity>
        rowKey="communityId"
        size="small"
        testId="sampling-communities"
        columns={columns}
        query={query}
        rows={query.data?.items}
        loadingOn="paging"
        onChange={onChange}
        filters={samplingFilters(t, { list, setList, showEnterprise })}
        onReset={isFiltered(list) ? () => setList(withoutFilters(list)) : undefined}
        filterExtra={
          isFiltered(list) && query.data ? <FilteredSummary summary={query.data.summary} /> : undefined
        }
        paging={{
          page: list.page,
          pageSize: list.pageSize,
          total: query.data?.total,
          pageSizeOptions: [20, 50, 100, 200],
        }}
      />
    </Card>
  );
}
