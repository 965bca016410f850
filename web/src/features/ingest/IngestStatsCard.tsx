// Ingest counters per enterprise (accepted / duplicates / rejected / out-of-order) from /api/telemetry/ingest-stats.
import { Card, Progress, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { IngestStats } from '@hearth/contracts/telemetry';
import { request } from '../../shared/api/client.ts';
import { useT } from '../../shared/i18n.ts';
import { DataTable } from '../../shared/ui/DataTable.tsx';
import { formatNumber } from '../../shared/format.ts';
import { RefName } from '../registry/registry.public.ts';

export type IngestStatsRow = IngestStats['items'][number];

const num = (v: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatNumber(v, 0)}</span>;

export function IngestStatsCard() {
  const t = useT();
  const stats = useQuery({
    queryKey: ['telemetry', 'ingest-stats'],
    queryFn: ({ signal }) => request('GET /telemetry/ingest-stats', { signal }),
    refetchInterval: 30_000,
  });
  const columns: TableColumnsType<IngestStatsRow> = [
    {
      key: 'enterprise',
      title: t('common.enterprise'),
      render: (_, r) =>
        r.enterpriseId === null ? (
          <Typography.Text type="secondary">{t('deadLetters.unscoped')}</Typography.Text>
        ) : (
          <RefName resource="enterprises" id={r.enterpriseId} />
        ),
    },
    { key: 'accepted', title: t('deadLetters.accepted'), align: 'right', render: (_, r) => num(r.accepted) },
    {
      key: 'duplicates',
      title: t('deadLetters.duplicates'),
      align: 'right',
      render: (_, r) => num(r.duplicates),
    },
    {
      key: 'rejected',
      title: t('deadLetters.rejected'),
      align: 'right',
      render: (_, r) => (
        <Typography.Text type={r.rejected > 0 ? 'danger' : undefined}>{num(r.rejected)}</Typography.Text>
      ),
    },
    {
      key: 'outOfOrder',
      title: t('deadLetters.outOfOrder'),
      align: 'right',
      render: (_, r) => num(r.outOfOrder),
    },
    {
      key: 'rate',
      title: t('deadLetters.rejectRate'),
      width: 180,
      render: (_, r) => {
        const all = r.accepted + r.duplicates + r.rejected;
        const pct = all > 0 ? (r.rejected / all) * 100 : 0;
        return (
          <Progress
            percent={Number(pct.toFixed(2))}
            size="small"
            status={pct > 1 ? 'exception' : 'normal'}
            format={(p) => `${p ?? 0}%`}
          />
        );
      },
    },
  ];
  return (
    <Card variant="borderless" title={t('deadLetters.stats')} data-testid="ingest-stats">
      <DataTable<IngestStatsRow>
        rowKey={(r) => String(r.enterpriseId)}
        size="small"
        columns={columns}
        query={stats}
        rows={stats.data?.items}
        loadingOn="pending"
        paging={false}
      />
    </Card>
  );
}
