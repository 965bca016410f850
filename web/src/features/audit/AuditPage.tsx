// 审计日志 page (admin, supervisor): who (display name, username beside it) changed what (name and code, linked)
// and when, filterable by entity, username and city days.
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Card, DatePicker, Input, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEntry } from '@hearth/contracts/auth';
import type { RegistryResourceName } from '@hearth/contracts/registry';
import { request } from '../../shared/api/client.ts';
import { useLang, useT, type DictKey, type Lang, type TFunction } from '../../shared/i18n.ts';
import { DataTable } from '../../shared/ui/DataTable.tsx';
import { RESOURCE_NAMES, RESOURCES } from '../registry/registry.public.ts';
import { formatCityTime } from '../../shared/format.ts';
import { actionLabel, changeLines } from './auditFormat.ts';
import { ExportButtons } from '../../shared/ui/ExportButtons.tsx';

type Filters = {
  page: number;
  pageSize: number;
  entity?: string;
  username?: string;
  /** first and last city day, YYYY-MM-DD, inclusive */
  from?: string;
  to?: string;
};

/** Registry resource whose audit entity name is `entity` (e.g. `heat_source` → heat-sources). */
function resourceOfEntity(entity: string): RegistryResourceName | undefined {
  return RESOURCE_NAMES.find((r) => RESOURCES[r].entity === entity);
}

const ENTITY_OPTIONS: { value: string; key: DictKey }[] = [
  ...RESOURCE_NAMES.map((r) => ({ value: RESOURCES[r].entity, key: RESOURCES[r].navKey })),
  { value: 'user', key: 'audit.type.user' },
  { value: 'device', key: 'audit.type.device' },
  { value: 'raise_order', key: 'audit.type.raise_order' },
  { value: 'weather_observation', key: 'audit.type.weather_observation' },
  { value: 'weather_forecast', key: 'audit.type.weather_forecast' },
  { value: 'weather_decision', key: 'audit.type.weather_decision' },
];

/** An audit entity type by its label only (`heat_source` → 热源); a type the console does not know, as it is. */
function entityLabel(entity: string, t: TFunction): string {
  const known = ENTITY_OPTIONS.find((o) => o.value === entity);
  return known ? t(known.key) : entity;
}

const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  import: 'purple',
  move: 'orange',
  rotate: 'cyan',
  revoke: 'volcano',
  end_credential: 'volcano',
};

/** The changes as "字段: 旧值 → 新值" lines (at most `limit`, then …). */
function ChangeList({ row, lang, limit }: { row: AuditEntry; lang: Lang; limit?: number }) {
  const lines = changeLines(row.entity, row.changes, lang, row.names);
  if (lines.length === 0) return '—';
  const shown = limit === undefined ? lines : lines.slice(0, limit);
  return (
    <div style={{ fontSize: 12, lineHeight: 1.6, overflowWrap: 'anywhere' }}>
      {shown.map((l) => (
        <div key={l.key}>
          <Typography.Text type="secondary">{l.label}: </Typography.Text>
          {l.text}
        </div>
      ))}
      {shown.length < lines.length && (
        <Typography.Text type="secondary">… (+{lines.length - shown.length})</Typography.Text>
      )}
    </div>
  );
}

/** The entity's name (its code beside it, grey), linked to its detail page while it exists. */
function EntityCell({ row }: { row: AuditEntry }) {
  const resource = resourceOfEntity(row.entity);
  const title = row.entityName ?? row.entityCode ?? (row.entityId ? `#${row.entityId}` : '—');
  const code = row.entityName && row.entityCode ? row.entityCode : undefined;
  const linked = row.entityId && resource && row.action !== 'delete' && row.action !== 'import';
  return (
    <span data-testid="audit-entity" style={{ overflowWrap: 'anywhere' }}>
      {linked ? <Link to={`/${resource}/${row.entityId}`}>{title}</Link> : title}
      {code && (
        <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
          {code}
        </Typography.Text>
      )}
    </span>
  );
}

/** The actor's display name, the username beside it in grey (the username alone when there is no name). */
function ActorCell({ row }: { row: AuditEntry }) {
  const t = useT();
  if (!row.username) return '—';
  // the server's own changes (seeding, scheduled jobs) carry no user
  if (row.userId === null && row.username === 'system') return t('audit.system');
  const name = row.actorName && row.actorName !== row.username ? row.actorName : undefined;
  return (
    <span data-testid="audit-actor">
      {name ?? row.username}
      {name && (
        <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
          {row.username}
        </Typography.Text>
      )}
    </span>
  );
}

function useAuditColumns(): TableColumnsType<AuditEntry> {
  const t = useT();
  const lang = useLang();
  return [
    { key: 'at', dataIndex: 'at', title: t('audit.at'), width: 160, render: (v) => formatCityTime(v) },
    {
      key: 'username',
      dataIndex: 'username',
      title: t('audit.user'),
      width: 140,
      render: (_: string | null, row) => <ActorCell row={row} />,
    },
    {
      key: 'action',
      dataIndex: 'action',
      title: t('audit.action'),
      width: 80,
      render: (a: string) => <Tag color={ACTION_COLORS[a] ?? 'default'}>{actionLabel(a, lang)}</Tag>,
    },
    {
      key: 'entity',
      dataIndex: 'entity',
      title: t('audit.entity'),
      width: 96,
      render: (e: string) => entityLabel(e, t),
    },
    {
      key: 'entityId',
      dataIndex: 'entityId',
      title: t('audit.object'),
      render: (_: string | null, row) => <EntityCell row={row} />,
    },
    {
      key: 'changes',
      dataIndex: 'changes',
      title: t('audit.changes'),
      width: '34%',
      render: (_c: AuditEntry['changes'], row) => <ChangeList row={row} lang={lang} limit={4} />,
    },
  ];
}

/** The filter bar (a builder, not a component: DataTable's <Space> spaces a fragment's children only when it gets the fragment itself). */
function auditFilters(
  t: TFunction,
  { filters, setFilters }: { filters: Filters; setFilters: (f: Filters) => void },
): ReactNode {
  return (
    <>
      <Select<string>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('audit.entity')}
        style={{ width: 200 }}
        value={filters.entity}
        onChange={(v) => setFilters({ ...filters, page: 1, entity: v })}
        options={ENTITY_OPTIONS.map((o) => ({ value: o.value, label: t(o.key) }))}
      />
      <Input.Search
        placeholder={t('audit.user')}
        allowClear
        style={{ width: 200 }}
        onSearch={(v) => setFilters({ ...filters, page: 1, username: v.trim() || undefined })}
      />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        placeholder={[t('audit.from'), t('audit.to')]}
        onChange={(days) =>
          setFilters({
            ...filters,
            page: 1,
            from: days?.[0]?.format('YYYY-MM-DD'),
            to: days?.[1]?.format('YYYY-MM-DD'),
          })
        }
      />
    </>
  );
}

/** The filters without paging: what the export takes. */
function exportQuery({
  page: _page,
  pageSize: _size,
  ...filter
}: Filters): Record<string, string | undefined> {
  return filter;
}

export function AuditPage() {
  const t = useT();
  const lang = useLang();
  const [filters, setFilters] = useState<Filters>({ page: 1, pageSize: 20 });
  const audit = useQuery({
    queryKey: ['audit', filters],
    queryFn: ({ signal }) => request('GET /audit', { query: filters, signal }),
    placeholderData: keepPreviousData,
  });
  const columns = useAuditColumns();

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('nav.audit')}
      </Typography.Title>
      <Card variant="borderless">
        <DataTable<AuditEntry>
          rowKey="id"
          // fits its card: the changes wrap in their column instead of the table scrolling sideways
          tableLayout="fixed"
          scroll={{}}
          columns={columns}
          query={audit}
          rows={audit.data?.items}
          filters={auditFilters(t, { filters, setFilters })}
          actions={
            <ExportButtons
              path="/audit/export"
              query={exportQuery(filters)}
              baseName="audit"
              testId="audit-export"
            />
          }
          expandable={{
            rowExpandable: (r) => r.changes !== null,
            expandedRowRender: (r) => <ChangeList row={r} lang={lang} />,
          }}
          paging={{
            page: filters.page,
            pageSize: filters.pageSize,
            total: audit.data?.total,
            onChange: (page, pageSize) => setFilters({ ...filters, page, pageSize }),
          }}
        />
      </Card>
    </>
  );
}
