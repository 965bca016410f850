// The KPI tiles of the 数据质量 page: station coverage, data completeness, stale and stuck points, indoor sampling
// share and the communities whose sample falls short (share or spread), over everything the user may see (the
// sampling figures are the server's totals, not sums over rows in the browser).
import type { ReactNode } from 'react';
import { Card, Col, Row, Statistic, Tooltip, Typography } from 'antd';
import {
  AlertOutlined,
  ClusterOutlined,
  DisconnectOutlined,
  FieldTimeOutlined,
  HomeOutlined,
  PauseCircleOutlined,
  QuestionCircleOutlined,
} from '@ant-design/icons';
import type { DataQualityResponse, SamplingResponse } from '@hearth/contracts/telemetry';
import { useT, type TFunction } from '../../shared/i18n.ts';
import { formatNumber } from '../../shared/format.ts';
import { formatPercent, qualityTotals, shareColor } from './quality.ts';

/** A column or tile title with its explanation on hover. */
export function HintTitle({ title, hint }: { title: string; hint: string }) {
  return (
    <Tooltip title={hint}>
      <span style={{ whiteSpace: 'nowrap' }}>
        {title}
        <QuestionCircleOutlined style={{ marginLeft: 4, color: 'rgba(0, 0, 0, 0.35)', fontSize: 12 }} />
      </span>
    </Tooltip>
  );
}

type Tile = {
  key: string;
  title: ReactNode;
  icon: ReactNode;
  iconColor: string;
  value: ReactNode;
  valueColor?: string;
  note: ReactNode;
};

type Props = { quality: DataQualityResponse | undefined; sampling: SamplingResponse | undefined };

const count = (n: number | undefined) => (n === undefined ? '—' : formatNumber(n, 0));

/** Coverage, completeness, stale and stuck points over the stations' telemetry. */
function qualityTiles(t: TFunction, quality: DataQualityResponse | undefined): Tile[] {
  const q = quality ? qualityTotals(quality.items) : undefined;
  const h = quality?.windowHours ?? 24;
  return [
    {
      key: 'coverage',
      title: <HintTitle title={t('quality.stationCoverage')} hint={t('quality.coverageHint')} />,
      icon: <ClusterOutlined />,
      iconColor: '#fa8c16',
      value: q ? formatPercent(q.coverage) : '—',
      valueColor: q ? shareColor(q.coverage) : undefined,
      note: q ? t('quality.ofStations', { n: formatNumber(q.stations, 0) }) : ' ',
    },
    {
      key: 'completeness',
      title: <HintTitle title={t('quality.dataCompleteness')} hint={t('quality.completenessHint', { h })} />,
      icon: <FieldTimeOutlined />,
      iconColor: '#1677ff',
      value: q ? formatPercent(q.completeness) : '—',
      valueColor: q ? shareColor(q.completeness) : undefined,
      note: t('quality.lastHours', { h }),
    },
    {
      key: 'stale',
      title: <HintTitle title={t('quality.staleSensors')} hint={t('quality.staleHint')} />,
      icon: <DisconnectOutlined />,
      iconColor: '#f5222d',
      value: count(q?.staleSensors),
      valueColor: q && q.staleSensors > 0 ? '#f5222d' : undefined,
      note: ' ',
    },
    {
      key: 'stuck',
      title: <HintTitle title={t('quality.stuckSensors')} hint={t('quality.stuckHint')} />,
      icon: <PauseCircleOutlined />,
      iconColor: '#722ed1',
      value: count(q?.stuckSensors),
      valueColor: q && q.stuckSensors > 0 ? '#f5222d' : undefined,
      note: ' ',
    },
  ];
}

/** The indoor sampling share and the communities falling short, from the server's totals. */
function samplingTiles(t: TFunction, sampling: SamplingResponse | undefined): Tile[] {
  const s = sampling?.summary;
  const below = s?.flagged;
  const min = sampling ? formatPercent(sampling.minimumShare, 2) : '—';
  return [
    {
      key: 'sampling',
      title: <HintTitle title={t('quality.sampling')} hint={t('quality.samplingHint')} />,
      icon: <HomeOutlined />,
      iconColor: '#13c2c2',
      value: s ? formatPercent(s.share, 2) : '—',
      valueColor: s?.belowMinimum ? '#f5222d' : undefined,
      note: t('quality.minimum', { min }),
    },
    {
      key: 'below',
      title: t('quality.belowCommunities'),
      icon: <AlertOutlined />,
      iconColor: '#eb2f96',
      value: count(below),
      valueColor: below ? '#f5222d' : undefined,
      note: s ? t('quality.belowOf', { n: formatNumber(s.communities, 0) }) : ' ',
    },
  ];
}

export function QualitySummary({ quality, sampling }: Props) {
  const t = useT();
  const tiles = [...qualityTiles(t, quality), ...samplingTiles(t, sampling)];
  return (
    <Row gutter={[12, 12]} data-testid="quality-summary" style={{ marginBottom: 16 }}>
      {tiles.map((k) => (
        <Col key={k.key} xs={12} md={8} xl={4}>
          <Card variant="borderless" size="small" style={{ height: '100%' }}>
            <Statistic
              title={
                <span>
                  <span style={{ color: k.iconColor, marginRight: 6 }}>{k.icon}</span>
                  {k.title}
                </span>
              }
              valueRender={() => k.value}
              styles={{ content: { color: k.valueColor, fontVariantNumeric: 'tabular-nums' } }}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {k.note}
            </Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
