// 下载模板 CSV / XLSX: the import template of a resource (header, an example row, notes on the allowed values).
import { useState } from 'react';
import { App, Button, Space, Typography } from 'antd';
import { FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import type { RegistryResourceName } from '@hearth/contracts/registry';
import { downloadFile } from '../../shared/api/client.ts';
import { pick, useLang } from '../../shared/i18n.ts';
import { errorMessage } from '../../shared/ui/PageState.tsx';

export function TemplateLinks({ resource }: { resource: RegistryResourceName }) {
  const lang = useLang();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    try {
      await downloadFile(`/import/${resource}/template`, { format }, `${resource}-template.${format}`);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space wrap size={4} style={{ marginBottom: 12 }} data-testid="import-templates">
      <Typography.Text>{pick(lang, '下载模板：', 'Template:')}</Typography.Text>
      {(['xlsx', 'csv'] as const).map((format) => (
        <Button
          key={format}
          size="small"
          type="link"
          icon={format === 'xlsx' ? <FileExcelOutlined /> : <FileTextOutlined />}
          loading={busy === format}
          onClick={() => void run(format)}
          data-testid={`import-template-${format}`}
        >
          {format.toUpperCase()}
        </Button>
      ))}
    </Space>
  );
}
