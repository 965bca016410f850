// 异常数据 page (admin, supervisor): ingest counters per enterprise, then the rejected messages with their payloads.
import { Card, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  INGEST_REJECTION_CODES,
  INGEST_REJECTION_LABELS,
  type DeadLetter,
  type IngestRejectionCode,
} from '@hearth/contracts/telemetry';
import { request } from '../../shared/api/client.ts';
import { useLang, useT } from '../../shared/i18n.ts';
import { DataTable } from '../../shared/ui/DataTable.tsx';
import { withFilter } from '../../shared/listState.ts';
import { formatTime } from '../../shared/format.ts';
import { useUrlListQuery } from '../../shared/listQuery.ts';
import { RefName } from '../registry/registry.public.ts';
import { BrokerAlert } from './BrokerAlert.tsx';
import { IngestStatsCard } from './IngestStatsCard.tsx';

const FILTERS = ['code'] as const;

function prettyPayload(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

/** The rejection code's label in the current language (the code itself when unknown). */
function useCodeLabel(): (code: string) => string {
  const lang = useLang();
  return (code: string) => {
    const l = INGEST_REJECTION_LABELS[code as IngestRejectionCode] as readonly [string, string] | undefined;
    return l ? (lang === 'en' ? l[1] : l[0]) : code;
  };
}

function useDeadLetterColumns(codeLabel: (code: string) => string): TableColumnsType<DeadLetter> {
  const t = useT();
  return [
    { key: 'at', title: t('deadLetters.at'), width: 170, render: (_, r) => formatTime(r.at) },
    {
      key: 'channel',
      dataIndex: 'channel',
      title: t('deadLetters.channel'),
      render: (c: string) => <Tag>{c}</Tag>,
    },
    {
      key: 'code',
      title: t('deadLetters.code'),
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Tag color="red">{codeLabel(r.code)}</Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.code}
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'reason', dataIndex: 'reason', title: t('deadLetters.reason'), ellipsis: true },
    {
      key: 'target',
      dataIndex: 'target',
      title: t('deadLetters.target'),
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'deviceId',
      dataIndex: 'deviceId',
      title: t('deadLetters.device'),
      render: (v: number | null) => (v === null ? '—' : `#${v}`),
    },
    {
      key: 'enterpriseId',
      title: t('common.enterprise'),
      render: (_, r) => <RefName resource="enterprises" id={r.enterpriseId} />,
    },
  ];
}

function CodeFilter({
  value,
  onChange,
  codeLabel,
}: {
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  codeLabel: (code: string) => string;
}) {
  const t = useT();
  return (
    <Select<string>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('deadLetters.code')}
      style={{ width: 280 }}
      value={value}
      data-testid="code-filter"
      onChange={onChange}
      options={INGEST_REJECTION_CODES.map((c) => ({ value: c, label: `${codeLabel(c)} (${c})` }))}
      popupMatchSelectWidth={false}
    />
  );
}

function Payload({ payload }: { payload: string | null }) {
  return (
    <Typography.Paragraph copyable={{ text: payload ?? '' }} style={{ margin: 0 }}>
      <pre style={{ margin: 0, fontSize: 12, maxHeight: 320, overflow: 'auto' }}>
        {prettyPayload(payload ?? '')}
      </pre>
    </Typography.Paragraph>
  );
}

export function DeadLettersPage() {
  const t = useT();
  const [query, setQuery] = useUrlListQuery(FILTERS);
  const params = { page: query.page, pageSize: query.pageSize, code: query.filters.code };
  const list = useQuery({
    queryKey: ['telemetry', 'dead-letters', params],
    queryFn: ({ signal }) => request('GET /telemetry/dead-letters', { query: params, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const codeLabel = useCodeLabel();
  const columns = useDeadLetterColumns(codeLabel);

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('nav.dead-letters')}
      </Typography.Title>
      <BrokerAlert />
      <IngestStatsCard />
      <Card variant="borderless" title={t('deadLetters.list')} style={{ marginTop: 16 }}>
        <DataTable<DeadLetter>
          rowKey="id"
          testId="dead-letters-table"
          columns={columns}
          query={list}
          rows={list.data?.items}
          loadingOn="paging"
          filters={
            <CodeFilter
              value={query.filters.code}
              onChange={(v) => setQuery(withFilter(query, 'code', v))}
              codeLabel={codeLabel}
            />
          }
          expandable={{
            rowExpandable: (r) => r.payload !== null,
            expandedRowRender: (r) => <Payload payload={r.payload} />,
          }}
          paging={{
            page: query.page,
            pageSize: query.pageSize,
            total: list.data?.total,
            onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
          }}
        />
      </Card>
    </>
  );
}
