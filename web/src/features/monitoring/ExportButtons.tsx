// 导出 CSV / 导出 XLSX: a file the server writes (Chinese headers, city time, fixed decimals), downloaded.
import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { downloadFile, type QueryParams } from '../../shared/api/client.ts';
import { pick, useLang } from '../../shared/i18n.ts';
import { errorMessage } from '../../shared/ui/PageState.tsx';

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
  baseName: string;
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
    <Space>
      {(['csv', 'xlsx'] as const).map((format) => (
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
    </Space>
  );
}
