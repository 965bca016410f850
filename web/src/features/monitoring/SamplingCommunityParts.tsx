// Parts of the per-community sampling table (SamplingTables.tsx): its community columns, its filter bar and the
// summary of the filtered communities.
import { useMemo, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Input, Space, Switch, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { SamplingCommunity, SamplingResponse, SamplingSort } from '@hearth/contracts/telemetry';
import { useT, type TFunction } from '../../shared/i18n.ts';
import { sortOrderOf, withFilter } from '../../shared/listState.ts';
import { formatNumber } from '../../shared/format.ts';
import type { ListQuery } from '../../shared/listQuery.ts';
import { RefName, RefSelect } from '../registry/registry.public.ts';
import { formatPercent, type SamplingRow } from './quality.ts';
import { ListSearch } from '../../shared/ui/ListSearch.tsx';

function CommunityCell({ row: r }: { row: SamplingCommunity }) {
  const t = useT();
  return (
    <Space size={4}>
      <Space orientation="vertical" size={0}>
        <Link to={`/communities/${r.communityId}`}>{r.name}</Link>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {r.code}
        </Typography.Text>
      </Space>
      {r.farEnd && (
        <Tooltip title={t('quality.farEndHint')}>
          <Tag color="blue">{t('quality.farEnd')}</Tag>
        </Tooltip>
      )}
    </Space>
  );
}

/** community, district and (above one enterprise) enterprise, then the shared count columns. */
export function useCommunityColumns(
  counts: TableColumnsType<SamplingRow>,
  showEnterprise: boolean,
  sort: SamplingSort | undefined,
): TableColumnsType<SamplingCommunity> {
  const t = useT();
  return useMemo<TableColumnsType<SamplingCommunity>>(
    () => [
      {
        key: 'code',
        title: t('quality.community'),
        sorter: true,
        sortOrder: sortOrderOf(sort, 'code'),
        render: (_, r) => <CommunityCell row={r} />,
      },
      {
        key: 'district',
        title: t('quality.district'),
        render: (_, r) => r.district ?? <Typography.Text type="secondary">—</Typography.Text>,
      },
      ...(showEnterprise
        ? [
            {
              key: 'enterprise',
              title: t('common.enterprise'),
              ellipsis: true,
              render: (_: unknown, r: SamplingCommunity) => (
                <RefName resource="enterprises" id={r.enterpriseId} />
              ),
            },
          ]
        : []),
      ...(counts as TableColumnsType<SamplingCommunity>),
    ],
    [t, counts, showEnterprise, sort],
  );
}

/**
 * Search, enterprise, district and "only falling short", all kept in the list query; a builder, not a component: DataTable's <Space> spaces a fragment's children only when it gets the fragment itself.
 */
export function samplingFilters(
  t: TFunction,
  {
    list,
    setList,
    showEnterprise,
  }: {
    list: ListQuery;
    setList: (q: ListQuery) => void;
    showEnterprise: boolean;
  },
): ReactNode {
  const enterpriseId = list.filters.enterpriseId ? Number(list.filters.enterpriseId) : undefined;
  const district = list.filters.district;
  return (
    <>
      <ListSearch query={list} onChange={setList} testId="sampling-search" />
      {showEnterprise && (
        <RefSelect
          resource="enterprises"
          value={enterpriseId ?? null}
          onChange={(v) => setList(withFilter(list, 'enterpriseId', v))}
          placeholder={t('common.enterprise')}
          style={{ width: 200 }}
        />
      )}
      <Input.Search
        key={`district-${district ?? ''}`}
        defaultValue={district}
        placeholder={t('quality.district')}
        allowClear
        style={{ width: 160 }}
        data-testid="sampling-district"
        onSearch={(v) => setList(withFilter(list, 'district', v.trim()))}
      />
      <Space size={8}>
        <Switch
          checked={list.filters.below === '1'}
          onChange={(v) => setList(withFilter(list, 'below', v ? '1' : undefined))}
          data-testid="only-below"
          aria-label={t('quality.onlyBelow')}
        />
        <Typography.Text>{t('quality.onlyBelow')}</Typography.Text>
      </Space>
    </>
  );
}

/** How many communities the filters kept, their sampling share and how many fall short. */
export function FilteredSummary({ summary }: { summary: SamplingResponse['summary'] }) {
  const t = useT();
  return (
    <Typography.Text type="secondary" data-testid="sampling-filtered-summary">
      {t('quality.filteredSummary', {
        n: formatNumber(summary.communities, 0),
        share: formatPercent(summary.share, 2),
        flagged: formatNumber(summary.flagged, 0),
      })}
    </Typography.Text>
  );
}
