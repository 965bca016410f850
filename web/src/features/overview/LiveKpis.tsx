// The live KPI tiles: stations online, indoor compliance 室温合格率, heat load now (MW), outdoor temperature (℃).
import { statisticValue } from '../../shared/format.ts';
import type { ReactNode } from 'react';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { CloudOutlined, DashboardOutlined, HomeOutlined, WifiOutlined } from '@ant-design/icons';
import type { LiveOverview } from '@hearth/contracts/live-overview';
import { formatNumber } from '../../shared/format.ts';
import { useLang } from '../../shared/i18n.ts';
import { statusLabel } from '../monitoring/monitoring.public.ts';
import { percent } from './liveFormat.ts';
import { useLiveT } from './liveLabels.ts';

type Tile = {
  testId: string;
  title: string;
  icon: ReactNode;
  color: string;
  value: number | string;
  precision?: number;
  suffix?: string;
  detail: string;
};

/** where the outdoor temperature comes from, as the tile's caption */
const OUTDOOR_DETAIL = {
  stations: 'outdoorDetail',
  weather: 'outdoorWeather',
  none: 'outdoorNone',
} as const;

export function LiveKpis({ live, big = false }: { live: LiveOverview; big?: boolean }) {
  const t = useLiveT();
  const lang = useLang();
  const { stations: s, indoor, heatLoad } = live;
  const compliance = percent(indoor.compliance);
  const tiles: Tile[] = [
    {
      testId: 'live-online',
      title: t('online'),
      icon: <WifiOutlined />,
      color: '#52c41a',
      value: s.online,
      suffix: `/ ${s.total}`,
      // the monitoring page's own status words (数据延迟, 离线, 未接入)
      detail: (['stale', 'offline', 'no_data'] as const)
        .map((k) => `${statusLabel(k, lang)} ${k === 'no_data' ? s.noData : s[k]}`)
        .join(' · '),
    },
    {
      testId: 'live-compliance',
      title: t('compliance'),
      icon: <HomeOutlined />,
      color: compliance !== null && compliance < 90 ? '#cf1322' : '#1677ff',
      value: compliance ?? t('none'),
      ...(compliance !== null ? { precision: 1, suffix: '%' } : {}),
      detail: t('complianceDetail', {
        n: formatNumber(indoor.reporting),
        below: formatNumber(indoor.belowStandard),
        standard: indoor.standardC,
      }),
    },
    {
      testId: 'live-load',
      title: t('load'),
      icon: <DashboardOutlined />,
      color: '#fa541c',
      value: heatLoad.loadMw,
      precision: 1,
      suffix: 'MW',
      detail: t('loadDetail', { n: heatLoad.reportingStations }),
    },
    {
      testId: 'live-outdoor',
      title: t('outdoor'),
      icon: <CloudOutlined />,
      color: '#13c2c2',
      value: live.outdoorTempC ?? t('none'),
      ...(live.outdoorTempC !== null ? { precision: 1, suffix: '℃' } : {}),
      detail: t(OUTDOOR_DETAIL[live.outdoorSource ?? 'none']),
    },
  ];
  return (
    <Row gutter={[12, 12]} data-testid="live-kpis">
      {tiles.map((k) => (
        <Col key={k.testId} xs={12} lg={6}>
          <Card variant="borderless" size="small" data-testid={k.testId}>
            <Statistic
              title={
                <span style={big ? { fontSize: 18 } : undefined}>
                  <span style={{ color: k.color, marginRight: 6 }}>{k.icon}</span>
                  {k.title}
                </span>
              }
              value={statisticValue(k.value, k.precision ?? 0)}
              precision={k.precision ?? 0}
              suffix={k.suffix}
              groupSeparator=","
              styles={{ content: { color: k.color, fontSize: big ? 40 : 28 } }}
            />
            <Typography.Text type="secondary" style={{ fontSize: big ? 15 : 12 }}>
              {k.detail}
            </Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
