// The four status counts of the monitoring table (在线 / 数据延迟 / 离线 / 未接入); clicking one filters by it.
import { Badge, Card, Col, Row, Statistic } from 'antd';
import type { MonitoringPage } from '@hearth/contracts/telemetry';
import { useLang, useT } from '../../shared/i18n.ts';
import { STATION_STATUSES, STATUS_BADGE, STATUS_COLORS, statusLabel, type StationStatus } from './status.ts';

type Props = {
  counts: MonitoringPage['statusCounts'] | undefined;
  active: StationStatus | undefined;
  onSelect: (status: StationStatus | undefined) => void;
};

export function StatusSummary({ counts, active, onSelect }: Props) {
  const t = useT();
  const lang = useLang();
  return (
    <Row gutter={[12, 12]} data-testid="status-summary" style={{ marginBottom: 12 }}>
      {STATION_STATUSES.map((s) => {
        const selected = active === s;
        return (
          <Col key={s} xs={12} md={6}>
            <Card
              size="small"
              variant="borderless"
              hoverable
              role="button"
              aria-pressed={selected}
              data-testid={`status-${s}`}
              onClick={() => onSelect(selected ? undefined : s)}
              style={{
                cursor: 'pointer',
                boxShadow: selected ? `inset 0 0 0 2px ${STATUS_COLORS[s]}` : undefined,
                borderTop: `3px solid ${STATUS_COLORS[s]}`,
              }}
            >
              <Statistic
                title={<Badge status={STATUS_BADGE[s]} text={statusLabel(s, lang)} />}
                value={counts?.[s] ?? '—'}
                styles={{ content: { color: STATUS_COLORS[s], fontWeight: 600 } }}
                suffix={
                  selected ? (
                    <span style={{ fontSize: 12, color: '#8c8c8c' }}>· {t('common.reset')}</span>
                  ) : undefined
                }
              />
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
