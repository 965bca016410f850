// 推送记录 (city managers): the webhook outbox's deliveries with their status, attempts and last error; a failed
// one can be sent again.
import { useState } from 'react';
import { App, Button, Select, Tag, Typography, type TableColumnsType } from 'antd';
import {
  WEBHOOK_DELIVERY_STATUS_LABELS,
  WEBHOOK_DELIVERY_STATUSES,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
} from '@hearth/contracts/webhooks';
import { enumLabel, useLang } from '../../shared/i18n.ts';
import { DataTable } from '../../shared/ui/DataTable.tsx';
import { errorMessage } from '../../shared/ui/PageState.tsx';
import { formatCityTime } from '../../shared/format.ts';
import { useAlarmText } from './alarmText.ts';
import { useRetryDelivery, useWebhookDeliveries } from './queries.ts';

const STATUS_COLORS: Record<WebhookDeliveryStatus, string> = {
  pending: 'processing',
  delivered: 'success',
  failed: 'error',
};

function useColumns(
  onRetry: (id: number) => void,
  retrying: number | null,
): TableColumnsType<WebhookDelivery> {
  const tx = useAlarmText();
  const lang = useLang();
  return [
    { key: 'createdAt', dataIndex: 'createdAt', title: tx('createdAt'), width: 160, render: formatCityTime },
    { key: 'topic', dataIndex: 'topic', title: tx('topic'), width: 150 },
    {
      key: 'status',
      dataIndex: 'status',
      title: tx('state'),
      width: 90,
      render: (s: WebhookDeliveryStatus) => (
        <Tag color={STATUS_COLORS[s]}>{enumLabel(lang, WEBHOOK_DELIVERY_STATUS_LABELS, s)}</Tag>
      ),
    },
    { key: 'attempts', dataIndex: 'attempts', title: tx('attempts'), width: 90, align: 'right' },
    {
      key: 'lastError',
      dataIndex: 'lastError',
      title: tx('lastError'),
      render: (e: string | null) => (e ? <Typography.Text type="danger">{e}</Typography.Text> : '—'),
    },
    {
      key: 'when',
      title: `${tx('deliveredAt')} / ${tx('nextAttempt')}`,
      width: 170,
      render: (_: unknown, d) => formatCityTime(d.deliveredAt ?? d.nextAttemptAt),
    },
    {
      key: 'actions',
      title: tx('actions'),
      width: 80,
      render: (_: unknown, d) =>
        d.status === 'failed' ? (
          <Button type="link" size="small" loading={retrying === d.id} onClick={() => onRetry(d.id)}>
            {tx('retry')}
          </Button>
        ) : null,
    },
  ];
}

export function WebhookDeliveries() {
  const tx = useAlarmText();
  const lang = useLang();
  const { message } = App.useApp();
  const [query, setQuery] = useState<{ page: number; pageSize: number; status?: WebhookDeliveryStatus }>({
    page: 1,
    pageSize: 20,
  });
  const deliveries = useWebhookDeliveries(query);
  const retry = useRetryDelivery();
  const onRetry = (id: number) =>
    retry.mutate(id, {
      onSuccess: () => void message.success(tx('retried')),
      onError: (e) => void message.error(errorMessage(e)),
    });
  const columns = useColumns(onRetry, retry.isPending ? (retry.variables ?? null) : null);
  return (
    <DataTable<WebhookDelivery>
      rowKey="id"
      columns={columns}
      query={deliveries}
      rows={deliveries.data?.items}
      loadingOn="paging"
      filters={
        <Select
          allowClear
          placeholder={tx('state')}
          style={{ width: 130 }}
          value={query.status}
          onChange={(status) => setQuery({ ...query, page: 1, status })}
          options={WEBHOOK_DELIVERY_STATUSES.map((s) => ({
            value: s,
            label: enumLabel(lang, WEBHOOK_DELIVERY_STATUS_LABELS, s),
          }))}
        />
      }
      paging={{
        page: query.page,
        pageSize: query.pageSize,
        total: deliveries.data?.total,
        onChange: (page, pageSize) => setQuery({ ...query, page, pageSize }),
      }}
    />
  );
}
