// 导出 XLSX / 导出 CSV of the audit log with the page's filters: the server writes the file (Chinese headers,
// city time, names beside codes, changes as 字段: 旧值 → 新值).
import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { downloadFile, type QueryParams } from '../../shared/api/client.ts';
import { pick, useLang } from '../../shared/i18n.ts';
import { errorMessage } from '../../shared/ui/PageState.tsx';

export function AuditExportButtons({ query }: { query: QueryParams }) {
  const lang = useLang();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    try {
      await downloadFile('/audit/export', { ...query, format }, `audit.${format}`);
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
          data-testid={`audit-export-${format}`}
        >
          {pick(lang, `导出 ${format.toUpperCase()}`, `Export ${format.toUpperCase()}`)}
        </Button>
      ))}
    </Space.Compact>
  );
}
