// Small "实时" badge showing the live stream's connection state (pulsing green when connected).
import { Badge, Tooltip } from 'antd';
import { useT } from '../../shared/i18n.ts';
import type { LiveState } from './live.ts';

export function LiveIndicator({ state }: { state: LiveState }) {
  const t = useT();
  const text =
    state === 'open'
      ? t('monitoring.live')
      : state === 'connecting'
        ? t('monitoring.connecting')
        : t('monitoring.disconnected');
  return (
    <Tooltip title={t('monitoring.liveHint')}>
      <span data-testid="live-indicator" data-state={state} style={{ whiteSpace: 'nowrap' }}>
        <Badge
          status={state === 'open' ? 'processing' : state === 'connecting' ? 'warning' : 'error'}
          color={state === 'open' ? '#52c41a' : undefined}
          text={text}
        />
      </span>
    </Tooltip>
  );
}
