// The one list table: error (with retry), loading, empty, pagination (server or client), the filter bar with its
// reset button, and CSV export — every list in the console is this component plus its columns.
import { useState, type ReactNode } from 'react';
import { App, Button, Space, Table, type TableProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { downloadFile, type QueryParams } from '../api/client.ts';
import { formatNumber } from '../format.ts';
import { useT } from '../i18n.ts';
import { withPage } from '../listState.ts';
import { EmptyState, ErrorState, errorMessage } from './PageState.tsx';

/** What DataTable reads of a TanStack query result. */
export type TableQuery = {
  data: unknown;
  error: unknown;
  isError: boolean;
  isPending: boolean;
  isFetching: boolean;
  isPlaceholderData: boolean;
  refetch: () => unknown;
};

/** Pages on the server: the current page and size, the total, and where a page change goes. */
export type ServerPaging = {
  page: number;
  pageSize: number;
  total: number | undefined;
  /** the total is an estimate (large registry lists): "约 N 条" */
  estimate?: boolean;
  pageSizeOptions?: number[];
  /** called with the page to show (page 1 when the size changed); leave out when the table's onChange handles it */
  onChange?: (page: number, pageSize: number) => void;
};

export type DataTableProps<T> = Omit<
  TableProps<T>,
  'dataSource' | 'loading' | 'pagination' | 'locale' | 'title'
> & {
  query: TableQuery;
  rows: readonly T[] | undefined;
  /**
   * when the spinner shows: `fetching` on every fetch (default), `paging` on the first load and while a page
   * change is fetched (lists refreshed in the background), `pending` on the first load only
   */
  loadingOn?: 'fetching' | 'paging' | 'pending';
  /** server paging; `client` pages the rows on hand (20 a page, hidden on a single page); `false` none */
  paging?: ServerPaging | 'client' | false;
  /** filter inputs shown above the table */
  filters?: ReactNode;
  /** shows the 重置 button after the filters; called on click */
  onReset?: () => void;
  /** more above the table, after the filters (e.g. a summary of the filtered rows) */
  filterExtra?: ReactNode;
  /** the 导出 button: downloads `path` with `query` (name from Content-Disposition, else `fileName`) */
  exportCsv?: { path: string; query: QueryParams; fileName: string };
  /** buttons beside the export button */
  actions?: ReactNode;
  /** on a wrapper around the table and its pager */
  testId?: string;
};

function ExportButton({ path, query, fileName }: NonNullable<DataTableProps<unknown>['exportCsv']>) {
  const t = useT();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const run = async () => {
    setExporting(true);
    try {
      await downloadFile(path, query, fileName);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={exporting}
      onClick={() => void run()}
      data-testid="export-csv"
    >
      {t('common.export')}
    </Button>
  );
}

function Toolbar<T>({ filters, onReset, filterExtra, exportCsv, actions }: DataTableProps<T>) {
  const t = useT();
  const hasTools = exportCsv !== undefined || actions !== undefined;
  if (filters === undefined && filterExtra === undefined && !hasTools) return null;
  const filterBar = (
    <Space wrap size={8}>
      {filters}
      {onReset && <Button onClick={onReset}>{t('common.reset')}</Button>}
      {filterExtra}
    </Space>
  );
  if (!hasTools) return <div style={{ marginBottom: 16 }}>{filterBar}</div>;
  return (
    <div className="hearth-page-header" style={{ alignItems: 'flex-start' }}>
      {filterBar}
      <Space wrap>
        {exportCsv && <ExportButton {...exportCsv} />}
        {actions}
      </Space>
    </div>
  );
}

function usePagination(paging: DataTableProps<unknown>['paging']): TableProps<unknown>['pagination'] {
  const t = useT();
  if (paging === false) return false;
  if (paging === undefined || paging === 'client')
    return { pageSize: 20, hideOnSinglePage: true, showSizeChanger: false };
  const { onChange } = paging;
  return {
    current: paging.page,
    pageSize: paging.pageSize,
    total: paging.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: paging.pageSizeOptions ?? [10, 20, 50, 100],
    showTotal: (n) => t(paging.estimate ? 'common.totalEstimate' : 'common.total', { n: formatNumber(n, 0) }),
    onChange: onChange
      ? (p, s) => {
          const next = withPage(paging, p, s);
          onChange(next.page, next.pageSize);
        }
      : undefined,
  };
}

export function DataTable<T extends object>(props: DataTableProps<T>) {
  const { query, rows, loadingOn = 'fetching', paging, testId, ...rest } = props;
  const { filters: _f, onReset: _r, filterExtra: _x, exportCsv: _e, actions: _a, ...tableProps } = rest;
  const pagination = usePagination(paging) as TableProps<T>['pagination'];
  const loading =
    loadingOn === 'pending'
      ? query.isPending
      : loadingOn === 'paging'
        ? query.isPending || (query.isPlaceholderData && query.isFetching)
        : query.isFetching;
  return (
    <>
      <Toolbar {...props} />
      <div data-testid={testId}>
        {query.isError && query.data === undefined ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Table<T>
            size="middle"
            scroll={{ x: 'max-content' }}
            {...tableProps}
            dataSource={rows as T[] | undefined}
            loading={loading}
            locale={{ emptyText: query.isPending ? ' ' : <EmptyState /> }}
            pagination={pagination}
          />
        )}
      </div>
    </>
  );
}
