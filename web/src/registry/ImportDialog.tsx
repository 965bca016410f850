// CSV import dialog: uploads a file to POST /api/import/<resource>; all-or-nothing, row errors shown in a table.
import { useState } from 'react';
import { Alert, App, Modal, Table, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ErrorDetail } from '@hearth/contracts/common';
import type { ImportResult } from '@hearth/contracts/stats';
import type { RegistryResourceName } from '@hearth/contracts/registry';
import { api, ApiError } from '../api.ts';
import { useT } from '../i18n.ts';
import { invalidateRegistry } from './queries.ts';
import { RESOURCES } from './resources.ts';

type Props = { resource: RegistryResourceName; onClose: () => void };

export function ImportDialog({ resource, onClose }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: (f: File) =>
      api<ImportResult>(`/import/${resource}`, { method: 'POST', body: f, contentType: 'text/csv' }),
    onSuccess: async (res) => {
      void message.success(t('import.done', { n: res.imported }));
      await invalidateRegistry(queryClient);
      onClose();
    },
  });
  const error = upload.error;
  const details: ErrorDetail[] = error instanceof ApiError ? error.details : [];

  return (
    <Modal
      open
      title={`${t('import.title')} · ${t(RESOURCES[resource].navKey)}`}
      width={760}
      onCancel={onClose}
      okText={t('import.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !file }}
      confirmLoading={upload.isPending}
      onOk={() => file && upload.mutate(file)}
    >
      <Typography.Paragraph type="secondary">{t('import.hint')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".csv,text/csv"
        maxCount={1}
        fileList={file ? [{ uid: '1', name: file.name, status: 'done', size: file.size }] : []}
        beforeUpload={(f) => {
          setFile(f);
          upload.reset();
          return false;
        }}
        onRemove={() => {
          setFile(null);
          upload.reset();
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('import.pick')}</p>
      </Upload.Dragger>
      {error && (
        <div style={{ marginTop: 16 }} data-testid="import-errors">
          <Alert
            type="error"
            showIcon
            title={details.length > 0 ? t('import.errors') : error.message}
            description={details.length > 0 ? error.message : undefined}
          />
          {details.length > 0 && (
            <Table<ErrorDetail & { key: number }>
              size="small"
              style={{ marginTop: 12 }}
              dataSource={details.map((d, i) => ({ ...d, key: i }))}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: t('import.line'), dataIndex: 'line', width: 80 },
                {
                  title: t('import.column'),
                  dataIndex: 'column',
                  width: 160,
                  render: (v: string | undefined) => v ?? '—',
                },
                { title: t('import.reason'), dataIndex: 'reason' },
              ]}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
