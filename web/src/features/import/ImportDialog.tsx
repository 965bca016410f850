// Import dialog: templates to download (CSV/XLSX), a CSV, XLSX or GeoJSON file uploaded as a background import job
// (POST /api/import/<resource>?async=true), its phase and progress while it runs; all-or-nothing, row errors
// shown in a table by line and the file's own column header.
import { useState } from 'react';
import { Alert, App, Modal, Progress, Table, Typography } from 'antd';
import { FileDrop } from '../../shared/ui/FileDrop.tsx';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ErrorDetail } from '@hearth/contracts/common';
import type { ImportJob } from '@hearth/contracts/stats';
import type { RegistryResourceName } from '@hearth/contracts/registry';
import { request, ApiError } from '../../shared/api/client.ts';
import { pick, useLang, useT } from '../../shared/i18n.ts';
import { invalidateRegistry } from '../registry/registry.public.ts';
import { RESOURCES } from '../registry/registry.public.ts';
import { contentTypeOf, IMPORT_ACCEPT } from './fileTypes.ts';
import { TemplateLinks } from './TemplateLinks.tsx';

type Props = { resource: RegistryResourceName; onClose: () => void };

export function ImportDialog({ resource, onClose }: Props) {
  const t = useT();
  const lang = useLang();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const upload = useMutation({
    mutationFn: async (f: File) => {
      let current = await request('POST /import/:resource', {
        params: { resource },
        query: { async: 'true' },
        body: f,
        contentType: contentTypeOf(f.name),
      });
      setJob(current);
      while (current.state === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 300));
        current = await request('GET /import/jobs/:id', { params: { id: current.id } });
        setJob(current);
      }
      if (current.state === 'failed' && current.error)
        throw new ApiError(422, current.error.code, current.error.message, current.error.details ?? []);
      return current;
    },
    onSuccess: async (res) => {
      void message.success(t('import.done', { n: res.imported ?? 0 }));
      await invalidateRegistry(queryClient);
      onClose();
    },
  });
  const running = upload.isPending && job?.state === 'running' ? job : null;
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
      <Typography.Paragraph type="secondary">
        {t('import.hint')}{' '}
        {pick(
          lang,
          '表头可用中文（同导出文件与模板）或英文字段名；引用可填编码、名称或 ID；枚举可填中文名称。',
          'Headers in Chinese (as exports and templates write them) or as API field names; references by code, name or id; enums by label or code.',
        )}
      </Typography.Paragraph>
      <TemplateLinks resource={resource} />
      <FileDrop
        accept={IMPORT_ACCEPT}
        file={file}
        onChange={(f) => {
          setFile(f);
          upload.reset();
        }}
      >
        {t('import.pick')}
      </FileDrop>
      {running && (
        <div style={{ marginTop: 16 }} data-testid="import-progress">
          <Typography.Text>{t(`import.phase.${running.phase}`)}</Typography.Text>
          <Progress percent={running.total > 0 ? Math.floor((100 * running.done) / running.total) : 0} />
        </div>
      )}
      {error && <ImportErrors error={error} details={details} />}
    </Modal>
  );
}

/** The refusal: the message, and each problem by line, the file's column header and reason (a GeoJSON feature's path). */
function ImportErrors({ error, details }: { error: Error; details: ErrorDetail[] }) {
  const t = useT();
  return (
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
              width: 200,
              render: (v: string | undefined, d) => (d.path?.startsWith('features[') ? d.path : (v ?? '—')),
            },
            { title: t('import.reason'), dataIndex: 'reason' },
          ]}
        />
      )}
    </div>
  );
}
