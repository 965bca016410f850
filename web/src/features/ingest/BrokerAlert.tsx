// The external MQTT broker's own loss counter ($SYS, GET /api/telemetry/broker): a red flag when it has dropped
// messages it acknowledged to devices, with what the operator should do; a quiet line while it has not.
import { Alert, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { request } from '../../shared/api/client.ts';
import { useT } from '../../shared/i18n.ts';
import { formatTime } from '../../shared/format.ts';

export function BrokerAlert({ quiet = false }: { quiet?: boolean }) {
  const t = useT();
  const status = useQuery({
    queryKey: ['telemetry', 'broker'],
    queryFn: ({ signal }) => request('GET /telemetry/broker', { signal }),
    refetchInterval: 30_000,
  });
  const s = status.data;
  if (!s || s.mode !== 'external') return null;
  if (s.dropped !== null && s.dropped > 0)
    return (
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="broker-dropped"
        title={t('broker.dropped', { n: s.dropped.toLocaleString('zh-CN'), at: formatTime(s.lastDropAt) })}
        description={t('broker.droppedHint')}
      />
    );
  if (quiet) return null;
  return (
    <Typography.Paragraph type="secondary" data-testid="broker-ok">
      {t('broker.ok', {
        queued: s.queued === null ? '—' : s.queued.toLocaleString('zh-CN'),
        at: formatTime(s.observedAt),
      })}
    </Typography.Paragraph>
  );
}
