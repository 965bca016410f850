// Server-paginated, sortable table of one registry resource; rows link to detail pages, optional edit/delete.
import { useMemo } from 'react';
import { Link } from 'react-router';
import { App, Button, Popconfirm, Space, type TableColumnsType, type TableProps } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../../shared/api/client.ts';
import { useLang, useT } from '../../shared/i18n.ts';
import { useUser } from '../../shared/user.ts';
import { errorMessage } from '../../shared/ui/PageState.tsx';
import { DataTable, type DataTableProps } from '../../shared/ui/DataTable.tsx';
import { sortOrderOf, sortParam } from '../../shared/listState.ts';
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
  /** filters, export and buttons above the table */
  toolbar?: Pick<DataTableProps<RegistryItem>, 'filters' | 'onReset' | 'exportCsv' | 'actions'>;
};

export function ResourceTable({
  config,
  query,
  onQueryChange,
  hideColumns = [],
  onEdit,
  canWrite = false,
  toolbar,
}: Props) {
  const t = useT();
  const lang = useLang();
  const user = useUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useResourceList(config.name, query);

  const remove = useMutation({
    mutationFn: (id: number) => request('DELETE /:resource/:id', { params: { resource: config.name, id } }),
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
    onQueryChange({
      ...query,
      page: extra.action === 'paginate' ? (pagination.current ?? 1) : 1,
      pageSize: pagination.pageSize ?? query.pageSize,
      sort: sortParam(typeof s?.columnKey === 'string' ? s.columnKey : undefined, s?.order),
    });
  };

  return (
    <DataTable<RegistryItem>
      {...toolbar}
      rowKey="id"
      testId={`table-${config.name}`}
      columns={columns}
      query={list}
      rows={list.data?.items}
      onChange={onChange}
      paging={{
        page: query.page,
        pageSize: query.pageSize,
        total: list.data?.total,
        estimate: list.data?.totalIsEstimate,
      }}
    />
  );
}
