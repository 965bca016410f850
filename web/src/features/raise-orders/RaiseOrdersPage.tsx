// 升温令 page: the cold-wave warnings on top, the orders (filterable by status, paged on the server) and, for
// city managers, the form that issues one. Enterprise users see the orders covering their stations.
import { useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { Button, Card, DatePicker, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  RAISE_ORDER_STATUS_LABELS,
  RAISE_ORDER_STATUSES,
  type RaiseOrder,
  type WarningLevel,
} from '@hearth/contracts/raise-orders';
import { request } from '../../shared/api/client.ts';
import { enumLabel, useLang, useT, type Lang, type TFunction } from '../../shared/i18n.ts';
import { DataTable } from '../../shared/ui/DataTable.tsx';
import { useCan, useUser } from '../../shared/user.ts';
import { RefSelect } from '../registry/registry.public.ts';
import { isFiltered, withFilter, withoutFilters } from '../../shared/listState.ts';
import { useUrlListQuery } from '../../shared/listQuery.ts';
import { CreateRaiseOrderModal } from './CreateRaiseOrderModal.tsx';
import { requirementText, scopeText } from './orderText.ts';
import { timeSpan } from './raiseFormat.ts';
import { STATUS_COLORS, useRaiseText, type RaiseText } from './raiseText.ts';
import { WarningsCard } from './WarningsCard.tsx';

const FILTERS = ['status', 'enterpriseId', 'from', 'to'] as const;

function columns(lang: Lang, rt: RaiseText): TableColumnsType<RaiseOrder> {
  return [
    {
      title: rt('code'),
      dataIndex: 'code',
      render: (code: string, o) => <Link to={`/raise-orders/${o.id}`}>{code}</Link>,
    },
    { title: rt('scope'), key: 'scope', render: (_, o) => scopeText(lang, o, 2), ellipsis: true, width: 260 },
    { title: rt('requirement'), key: 'req', render: (_, o) => requirementText(lang, o) },
    {
      title: `${rt('effectiveAt')} → ${rt('deadline')}`,
      key: 'times',
      render: (_, o) => <span style={{ whiteSpace: 'nowrap' }}>{timeSpan(o.effectiveAt, o.deadline)}</span>,
    },
    {
      title: rt('status'),
      dataIndex: 'status',
      render: (s: RaiseOrder['status']) => (
        <Tag color={STATUS_COLORS[s]}>{enumLabel(lang, RAISE_ORDER_STATUS_LABELS, s)}</Tag>
      ),
    },
    {
      title: rt('resultCounts'),
      key: 'summary',
      render: (_, o) =>
        o.summary ? (
          <span style={{ whiteSpace: 'nowrap' }}>
            <Tag color="success">{o.summary.complied}</Tag>
            <Tag color="error">{o.summary.notComplied}</Tag>
            <Tag>{o.summary.noData}</Tag>
          </span>
        ) : (
          '—'
        ),
    },
  ];
}

/** The filter bar (a builder: DataTable spaces a fragment's children): status, enterprise (city-wide roles), days. */
function orderFilters(
  lang: Lang,
  t: TFunction,
  rt: RaiseText,
  {
    filters,
    cityWide,
    onChange,
  }: {
    filters: Record<string, string>;
    cityWide: boolean;
    onChange: (...changes: [(typeof FILTERS)[number], string | number | null][]) => void;
  },
): ReactNode {
  return (
    <>
      <Select
        value={filters.status ?? ''}
        onChange={(v: string) => onChange(['status', v === '' ? null : v])}
        options={[
          { value: '', label: t('common.all') },
          ...RAISE_ORDER_STATUSES.map((s) => ({
            value: s,
            label: enumLabel(lang, RAISE_ORDER_STATUS_LABELS, s),
          })),
        ]}
        style={{ width: 140 }}
        aria-label={rt('status')}
      />
      {cityWide && (
        <RefSelect
          resource="enterprises"
          value={filters.enterpriseId ? Number(filters.enterpriseId) : null}
          onChange={(v) => onChange(['enterpriseId', v])}
          placeholder={rt('enterprises')}
          style={{ width: 220 }}
        />
      )}
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        placeholder={[rt('issuedFrom'), rt('issuedTo')]}
        value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
        onChange={(days) =>
          onChange(
            ['from', days?.[0]?.format('YYYY-MM-DD') ?? null],
            ['to', days?.[1]?.format('YYYY-MM-DD') ?? null],
          )
        }
      />
    </>
  );
}

export function RaiseOrdersPage() {
  const t = useT();
  const rt = useRaiseText();
  const lang = useLang();
  const navigate = useNavigate();
  const canIssue = useCan('raiseOrders.issue');
  const user = useUser();
  const [query, setQuery] = useUrlListQuery(FILTERS);
  const [creating, setCreating] = useState<{ warning: { date: string; level: WarningLevel } | null } | null>(
    null,
  );
  const params = {
    page: query.page,
    pageSize: query.pageSize,
    status: query.filters.status,
    enterpriseId: query.filters.enterpriseId,
    from: query.filters.from,
    to: query.filters.to,
  };
  const orders = useQuery({
    queryKey: ['raise-orders', params],
    queryFn: ({ signal }) =>
      request('GET /raise-orders', {
        query: params,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <div className="hearth-page-header">
        <Typography.Title level={2}>{t('nav.raise-orders')}</Typography.Title>
        {canIssue && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating({ warning: null })}>
            {rt('issue')}
          </Button>
        )}
      </div>
      <WarningsCard onIssue={canIssue ? (warning) => setCreating({ warning }) : undefined} />
      <Card variant="borderless">
        <DataTable<RaiseOrder>
          rowKey="id"
          testId="raise-orders-table"
          loadingOn="paging"
          columns={columns(lang, rt)}
          query={orders}
          rows={orders.data?.items}
          filters={orderFilters(lang, t, rt, {
            filters: query.filters,
            cityWide: user.role !== 'enterprise',
            onChange: (...changes) => setQuery(changes.reduce((q, [key, v]) => withFilter(q, key, v), query)),
          })}
          onReset={isFiltered(query) ? () => setQuery(withoutFilters(query)) : undefined}
          paging={{
            page: query.page,
            pageSize: query.pageSize,
            total: orders.data?.total,
            onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
          }}
        />
      </Card>
      {creating && (
        <CreateRaiseOrderModal
          warning={creating.warning}
          onClose={() => setCreating(null)}
          onCreated={(order) => {
            setCreating(null);
            void navigate(`/raise-orders/${order.id}`);
          }}
        />
      )}
    </>
  );
}
