// Weather import dialog: a CSV (UCI hourly, time,temp, or daily date,min,max) or JSON file uploaded as observations
// or a forecast issue; the answer's counts (new, updated, unchanged, missing, rejected) and each bad row by line,
// column and code. Good rows of a file always go in.
import { useState } from 'react';
import { Alert, Descriptions, Modal, Table, Typography } from 'antd';
import { FileDrop } from '../../shared/ui/FileDrop.tsx';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WeatherImportError, WeatherImportResult } from '@hearth/contracts/weather';
import { ApiError, request } from '../../shared/api/client.ts';
import { pick, useLang } from '../../shared/i18n.ts';
import { errorMessage } from '../../shared/ui/PageState.tsx';
import { invalidateWeather } from './queries.ts';

export type ImportKind = 'observations' | 'forecasts';

const ACCEPT = '.csv,.json,text/csv,application/json';

export function WeatherImportDialog({ kind, onClose }: { kind: ImportKind; onClose: () => void }) {
  const lang = useLang();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: (f: File) =>
      request(
        kind === 'observations' ? 'POST /weather/observations/import' : 'POST /weather/forecasts/import',
        {
          body: f,
          contentType: /\.json$/i.test(f.name) ? 'application/json' : 'text/csv',
        },
      ),
    onSuccess: () => invalidateWeather(client),
  });
  const result = upload.data;
  const error = upload.error;
  return (
    <Modal
      open
      width={760}
      title={pick(
        lang,
        kind === 'observations' ? '导入气象实况' : '导入气象预报',
        kind === 'observations' ? 'Import observations' : 'Import a forecast',
      )}
      okText={result ? pick(lang, '完成', 'Done') : pick(lang, '导入', 'Import')}
      cancelText={pick(lang, '取消', 'Cancel')}
      okButtonProps={{ disabled: !file && !result }}
      confirmLoading={upload.isPending}
      onCancel={onClose}
      onOk={() => (result ? onClose() : file && upload.mutate(file))}
    >
      <Typography.Paragraph type="secondary">
        {pick(
          lang,
          'CSV：UCI 逐时格式（year,month,day,hour,…,TEMP，NA 为缺测，城市时间）、time,temp（ISO 8601 或 “YYYY-MM-DD HH:mm” 城市时间，整点）；预报还可用 date,min,max。JSON：[{time,temp}] 或 Open-Meteo 格式。重复导入同一文件不会改变数据；有错误的行逐行列出，其余行照常导入。',
          'CSV: the UCI hourly format (year,month,day,hour,…,TEMP; NA = missing; city time), time,temp (ISO 8601 or "YYYY-MM-DD HH:mm" city time, on the hour); forecasts also date,min,max. JSON: [{time,temp}] or the Open-Meteo format. Re-importing a file changes nothing; bad rows are listed and the other rows go in.',
        )}
      </Typography.Paragraph>
      <FileDrop
        accept={ACCEPT}
        file={file}
        onChange={(f) => {
          setFile(f);
          upload.reset();
        }}
      >
        {pick(lang, '点击或拖入 CSV / JSON 文件', 'Click or drop a CSV / JSON file')}
      </FileDrop>
      {error && (
        <Alert
          style={{ marginTop: 16 }}
          type="error"
          showIcon
          title={errorMessage(error)}
          description={
            error instanceof ApiError
              ? error.details.map((d) => `${d.line ? `#${d.line} ` : ''}${d.reason}`).join('; ') || undefined
              : undefined
          }
          data-testid="weather-import-error"
        />
      )}
      {result && <ImportOutcome result={result} />}
    </Modal>
  );
}

function ImportOutcome({ result }: { result: WeatherImportResult }) {
  const lang = useLang();
  return (
    <div style={{ marginTop: 16 }} data-testid="weather-import-result">
      <Alert
        type={result.rejected > 0 ? 'warning' : 'success'}
        showIcon
        title={pick(
          lang,
          `已导入：新增 ${result.inserted}，更新 ${result.updated}，未变 ${result.unchanged}${result.rejected > 0 ? `；${result.rejected} 行有误未导入` : ''}`,
          `Imported: ${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged${result.rejected > 0 ? `; ${result.rejected} bad rows skipped` : ''}`,
        )}
      />
      <Descriptions size="small" column={3} style={{ marginTop: 8 }}>
        <Descriptions.Item label={pick(lang, '格式', 'Format')}>{result.format}</Descriptions.Item>
        <Descriptions.Item label={pick(lang, '读取行数', 'Rows read')}>{result.rows}</Descriptions.Item>
        <Descriptions.Item label={pick(lang, '缺测 (NA)', 'Missing (NA)')}>
          {result.missing}
        </Descriptions.Item>
      </Descriptions>
      {result.errors.length > 0 && (
        <Table<WeatherImportError & { key: number }>
          size="small"
          data-testid="weather-import-errors"
          dataSource={result.errors.map((e, i) => ({ ...e, key: i }))}
          pagination={{ pageSize: 8, hideOnSinglePage: true }}
          columns={[
            { title: pick(lang, '行', 'Line'), dataIndex: 'line', width: 70 },
            {
              title: pick(lang, '列', 'Column'),
              dataIndex: 'column',
              width: 100,
              render: (c: string | null) => c ?? '—',
            },
            { title: pick(lang, '代码', 'Code'), dataIndex: 'code', width: 210 },
            {
              title: pick(lang, '原因', 'Reason'),
              dataIndex: 'message',
              // the server writes "中文 / English"
              render: (m: string) => {
                const cut = m.indexOf(' / ');
                return cut < 0 ? m : pick(lang, m.slice(0, cut), m.slice(cut + 3));
              },
            },
          ]}
        />
      )}
    </div>
  );
}
