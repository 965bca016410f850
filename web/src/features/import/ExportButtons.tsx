// 导出 XLSX / 导出 CSV of a registry list: the server's export for people (Chinese headers, names beside ids,
// labels, city time, fixed decimals; API names and codes in the English mode), with the list's filters.
import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { RegistryResourceName } from '@hearth/contracts/registry';
import { downloadFile, type QueryParams } from '../../shared/api/client.ts';
import { pick, useLang } from '../../shared/i18n.ts';
import { errorMessage } from '../../shared/ui/PageState.tsx';

export function RegistryExportButtons({
  resource,
  query,
}: {
  resource: RegistryResourceName;
  query: QueryParams;
}) {
  const lang = useLang();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    try {
      await downloadFile(`/${resource}/export`, { ...query, format, lang }, `${resource}.${format}`);
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
          onClick={() => void run(format)}
          data-testid={`export-${format}`}
        >
          {pick(lang, `导出 ${format.toUpperCase()}`, `Export ${format.toUpperCase()}`)}
        </Button>
      ))}
    </Space.Compact>
  );
}
