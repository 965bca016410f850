// 大屏 layout (full screen, dark, large type, sized for 1920×1080 without scrollbars): live tiles, registry figures,
// the network map beside the heat load gauge and the coldest communities.
import { Col, Row } from 'antd';
import type { LiveOverview } from '@hearth/contracts/live-overview';
import type { Overview } from '@hearth/contracts/stats';
import { ColdestCommunities } from './ColdestCommunities.tsx';
import { HeatLoadGauge } from './HeatLoadGauge.tsx';
import { KpiCards } from './KpiCards.tsx';
import { LiveKpis } from './LiveKpis.tsx';
import { NetworkMapCard } from './NetworkMapCard.tsx';
import { hasLiveData } from './liveFormat.ts';
import { NoLiveData } from './LiveSection.tsx';

export function BigScreen({
  live,
  overview,
}: {
  live: LiveOverview | undefined;
  overview: Overview | undefined;
}) {
  const hasData = live !== undefined && hasLiveData(live);
  return (
    <>
      {live && (hasData ? <LiveKpis live={live} big /> : <NoLiveData />)}
      {overview && (
        <div style={{ marginTop: 12 }}>
          <KpiCards overview={overview} />
        </div>
      )}
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col span={hasData ? 15 : 24}>
          <NetworkMapCard />
        </Col>
        {live && hasData && (
          <Col span={9} style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            <HeatLoadGauge live={live} big />
            <ColdestCommunities live={live} big />
          </Col>
        )}
      </Row>
    </>
  );
}
