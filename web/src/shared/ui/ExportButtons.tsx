// 导出 XLSX / 导出 CSV, the one export control of every list and chart: the server writes the file (Chinese
// headers, names beside ids, labels, city time, fixed decimals) and the browser downloads it.
import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { downloadFile, type QueryParams } from '../api/client.ts';
import { pick, useLang } from '../i18n.ts';
import { errorMessage } from './PageState.tsx';

export function ExportButtons({
  path,
  query,
  baseName,
  testId,
  disabled,
}: {
  path: string;
  /** the query, or a function giving it at click time (a range relative to now) */
  query: QueryParams | (() => QueryParams);
  /** the file name without extension */
  baseName: string;
  /** buttons get `${testId}-xlsx` and `${testId}-csv` */
  testId: string;
  disabled?: boolean;
}) {
  const lang = useLang();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    try {
      const params = typeof query === 'function' ? query() : query;
      await downloadFile(path, { ...params, format }, `${baseName}.${format}`);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space.Compact>
      {(['xlsx', 'csv'] as const).map((format) => (
        <Button
          key={format}
          icon={<DownloadOutlined />}
          loading={busy === format}
          disabled={disabled}
          onClick={() => void run(format)}
          data-testid={`${testId}-${format}`}
        >
          {pick(lang, `导出 ${format.toUpperCase()}`, `Export ${format.toUpperCase()}`)}
        </Button>
      ))}
    </Space.Compact>
  );
}
