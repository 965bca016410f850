// 审计日志 page (admin, supervisor): who changed what and when, filterable by entity and username.
import { useState } from 'react';
import { Link } from 'react-router';
import { AutoComplete, Card, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEntry } from '@hearth/contracts/auth';
import type { Page } from '@hearth/contracts/common';
import type { RegistryResourceName } from '@hearth/contracts/registry';
import { api } from '../api.ts';
import { useT } from '../i18n.ts';
import { EmptyState, ErrorState } from '../components/PageState.tsx';
import { formatTime } from '../registry/format.tsx';
import { RESOURCE_NAMES, RESOURCES } from '../registry/resources.ts';

type Filters = { page: number; pageSize: number; entity?: string; username?: string };

/** Registry resource whose audit entity name is `entity` (e.g. `heat_source` → heat-sources). */
function resourceOfEntity(entity: string): RegistryResourceName | undefined {
  return RESOURCE_NAMES.find((r) => RESOURCES[r].entity === entity);
}

const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  import: 'purple',
};

export function AuditPage() {
  const t = useT();
  const [filters, setFilters] = useState<Filters>({ page: 1, pageSize: 20 });
  const [entityInput, setEntityInput] = useState('');
  const audit = useQuery({
    queryKey: ['audit', filters],
    queryFn: ({ signal }) => api<Page<AuditEntry>>('/audit', { query: filters, signal }),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<AuditEntry> = [
    { key: 'at', dataIndex: 'at', title: t('audit.at'), width: 180, render: (v) => formatTime(v) },
    {
      key: 'username',
      dataIndex: 'username',
      title: t('audit.user'),
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'action',
      dataIndex: 'action',
      title: t('audit.action'),
      render: (a: string) => <Tag color={ACTION_COLORS[a.split('.').pop() ?? a] ?? 'default'}>{a}</Tag>,
    },
    { key: 'entity', dataIndex: 'entity', title: t('audit.entity') },
    {
      key: 'entityId',
      dataIndex: 'entityId',
      title: t('audit.entityId'),
      render: (id: string | null, row) =>
        id && isResource(row.entity) && row.action !== 'delete' ? (
          <Link to={`/${row.entity}/${id}`}>{id}</Link>
        ) : (
          (id ?? '—')
        ),
    },
    {
      key: 'changes',
      dataIndex: 'changes',
      title: t('audit.changes'),
      ellipsis: true,
      render: (c: AuditEntry['changes']) =>
        c ? (
          <Typography.Text code ellipsis style={{ maxWidth: 420 }}>
            {JSON.stringify(c)}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('nav.audit')}
      </Typography.Title>
      <Card variant="borderless">
        <Space wrap style={{ marginBottom: 16 }}>
          <AutoComplete
            value={entityInput}
            onChange={setEntityInput}
            onSelect={(v: string) => setFilters({ ...filters, page: 1, entity: v || undefined })}
            options={[...RESOURCE_NAMES, 'users'].map((r) => ({ value: r }))}
            style={{ width: 200 }}
          >
            <Input.Search
              placeholder={t('audit.entity')}
              allowClear
              onSearch={(v) => setFilters({ ...filters, page: 1, entity: v.trim() || undefined })}
            />
          </AutoComplete>
          <Input.Search
            placeholder={t('audit.user')}
            allowClear
            style={{ width: 200 }}
            onSearch={(v) => setFilters({ ...filters, page: 1, username: v.trim() || undefined })}
          />
        </Space>
        {audit.isError && !audit.data ? (
          <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
        ) : (
          <Table<AuditEntry>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={audit.data?.items ?? []}
            loading={audit.isFetching}
            locale={{ emptyText: audit.isPending ? ' ' : <EmptyState /> }}
            scroll={{ x: 'max-content' }}
            expandable={{
              rowExpandable: (r) => r.changes !== null,
              expandedRowRender: (r) => (
                <pre style={{ margin: 0, fontSize: 12 }}>{JSON.stringify(r.changes, null, 2)}</pre>
              ),
            }}
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total: audit.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (n) => t('common.total', { n }),
              onChange: (p, s) =>
                setFilters({ ...filters, page: s === filters.pageSize ? p : 1, pageSize: s }),
            }}
          />
        )}
      </Card>
    </>
  );
}
