// Server-paginated, sortable table of one registry resource; rows link to detail pages, optional edit/delete.
import { useMemo } from 'react';
import { Link } from 'react-router';
import { App, Button, Popconfirm, Space, Table, type TableColumnsType, type TableProps } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api/client.ts';
import { useLang, useT } from '../../shared/i18n.ts';
import { useUser } from '../../shared/user.ts';
import { EmptyState, ErrorState, errorMessage } from '../../shared/ui/PageState.tsx';
import { fieldLabel, renderValue } from './format.tsx';
import { invalidateRegistry, useResourceList } from './queries.ts';
import { RefName } from './refs.tsx';
import type { ListQuery, RegistryItem, ResourceConfig } from './types.ts';

type Props = {
  config: ResourceConfig;
  query: ListQuery;
  onQueryChange: (q: ListQuery) => void;
  /** columns to leave out (e.g. the parent reference in a child list) */
  hideColumns?: readonly string[];
  /** show edit/delete; `onEdit` opens the form */
  onEdit?: (item: RegistryItem) => void;
  canWrite?: boolean;
};

function sortOrderOf(sort: string | undefined, field: string): 'ascend' | 'descend' | null {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

export function ResourceTable({
  config,
  query,
  onQueryChange,
  hideColumns = [],
  onEdit,
  canWrite = false,
}: Props) {
  const t = useT();
  const lang = useLang();
  const user = useUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useResourceList(config.name, query);

  const remove = useMutation({
    mutationFn: (id: number) => api<null>(`/${config.name}/${id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      void message.success(t('common.deleted'));
      await invalidateRegistry(queryClient);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  const removeAsync = remove.mutateAsync;

  const columns = useMemo<TableColumnsType<RegistryItem>>(() => {
    const cols: TableColumnsType<RegistryItem> = config.fields
      .filter((f) => f.list && !hideColumns.includes(f.name))
      .map((f) => ({
        key: f.name,
        dataIndex: f.name,
        title: fieldLabel(f, lang),
        width: f.width,
        ellipsis: f.kind === 'textarea' || f.kind === 'json',
        align: f.kind === 'number' || f.kind === 'int' ? ('right' as const) : undefined,
        sorter: f.sortable ? true : undefined,
        sortOrder: f.sortable ? sortOrderOf(query.sort, f.name) : undefined,
        render: (value: unknown, row: RegistryItem) =>
          f.name === config.titleField ? (
            <Link to={`/${config.name}/${row.id}`}>{String(value ?? `#${row.id}`)}</Link>
          ) : (
            renderValue(f, value, lang)
          ),
      }));
    if (config.enterpriseScoped && user.role !== 'enterprise' && !hideColumns.includes('enterpriseId')) {
      cols.push({
        key: 'enterpriseId',
        dataIndex: 'enterpriseId',
        title: t('common.enterprise'),
        render: (v: unknown) => <RefName resource="enterprises" id={v} />,
      });
    }
    if (canWrite) {
      cols.push({
        key: '_actions',
        title: t('common.actions'),
        width: 120,
        fixed: 'right',
        render: (_: unknown, row: RegistryItem) => (
          <Space size={4}>
            {onEdit && config.form && (
              <Button size="small" type="link" icon={<EditOutlined />} onClick={() => onEdit(row)}>
                {t('common.edit')}
              </Button>
            )}
            <Popconfirm
              title={t('common.confirmDelete')}
              onConfirm={() => removeAsync(row.id).catch(() => undefined)}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
            >
              <Button size="small" type="link" danger icon={<DeleteOutlined />}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          </Space>
        ),
      });
    }
    return cols;
  }, [config, hideColumns, lang, query.sort, user.role, canWrite, onEdit, t, removeAsync]);

  const onChange: TableProps<RegistryItem>['onChange'] = (pagination, _filters, sorter, extra) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = typeof s?.columnKey === 'string' ? s.columnKey : undefined;
    const sort = field && s?.order ? (s.order === 'descend' ? `-${field}` : field) : undefined;
    onQueryChange({
      ...query,
      page: extra.action === 'paginate' ? (pagination.current ?? 1) : 1,
      pageSize: pagination.pageSize ?? query.pageSize,
      sort,
    });
  };

  if (list.isError && !list.data)
    return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;

  return (
    <Table<RegistryItem>
      rowKey="id"
      size="middle"
      data-testid={`table-${config.name}`}
      columns={columns}
      dataSource={list.data?.items ?? []}
      loading={list.isFetching}
      onChange={onChange}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: list.isPending ? ' ' : <EmptyState /> }}
      pagination={{
        current: query.page,
        pageSize: query.pageSize,
        total: list.data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: (n) =>
          t(list.data?.totalIsEstimate ? 'common.totalEstimate' : 'common.total', {
            n: n.toLocaleString(),
          }),
      }}
    />
  );
}
