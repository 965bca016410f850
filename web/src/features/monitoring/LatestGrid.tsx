// Latest value of every point of a station or household as a grid of cards (label, value, unit, time; stale greyed).
import { Col, Row, Tooltip, Typography } from 'antd';
import { METRIC_KEYS, type LatestValues } from '@hearth/contracts/telemetry';
import { useLang, useT } from '../../shared/i18n.ts';
import { formatTime } from '../../shared/format.ts';
import { formatMetric, fromNow, metricLabel, metricUnit, STALE_POINT_MS } from './status.ts';

export function LatestGrid({ latest, now }: { latest: LatestValues; now: number }) {
  const t = useT();
  const lang = useLang();
  const metrics = METRIC_KEYS.filter((m) => latest.points[m]);
  return (
    <Row gutter={[8, 8]} data-testid="latest-grid">
      {metrics.map((m) => {
        const point = latest.points[m];
        if (!point) return null;
        const stale = now - Date.parse(point.ts) > STALE_POINT_MS;
        const unit = metricUnit(m, lang);
        return (
          <Col key={m} xs={12} sm={8} md={6} xl={4}>
            <Tooltip
              title={stale ? `${t('telemetry.stalePoint')} · ${formatTime(point.ts)}` : formatTime(point.ts)}
            >
              <div className={`hearth-point${stale ? ' hearth-point-stale' : ''}`} data-metric={m}>
                <div className="hearth-point-label">{metricLabel(m, lang)}</div>
                <div className="hearth-point-value">
                  {formatMetric(m, point.value, lang)}
                  {m !== 'pumpRunning' && <span className="hearth-point-unit">{unit}</span>}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {fromNow(point.ts, now)}
                </Typography.Text>
              </div>
            </Tooltip>
          </Col>
        );
      })}
    </Row>
  );
}
