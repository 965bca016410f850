// A station status as a coloured dot with its label, and a relative last-reading time with the exact one on hover.
import { Badge, Tooltip, Typography } from 'antd';
import { useLang, useT } from '../../shared/i18n.ts';
import { formatTime } from '../../shared/format.ts';
import { fromNow, STATUS_BADGE, statusLabel, type StationStatus } from './status.ts';

export function StatusBadge({ status }: { status: StationStatus }) {
  const lang = useLang();
  return <Badge status={STATUS_BADGE[status]} text={statusLabel(status, lang)} />;
}

export function LastSeen({ ts, now }: { ts: string | null | undefined; now: number }) {
  const t = useT();
  const rel = fromNow(ts, now);
  if (!rel) return <Typography.Text type="secondary">{t('monitoring.never')}</Typography.Text>;
  return (
    <Tooltip title={formatTime(ts)}>
      <span style={{ whiteSpace: 'nowrap' }}>{rel}</span>
    </Tooltip>
  );
}
