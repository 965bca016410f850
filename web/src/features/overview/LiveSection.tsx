// The city now 实时运行: live KPIs, heat load gauge and the coldest communities — or 暂无运行数据 before any reading.
import { Card, Col, Empty, Row } from 'antd';
import type { LiveOverview } from '@hearth/contracts/live-overview';
import { ErrorState, Loading } from '../../shared/ui/PageState.tsx';
import { ColdestCommunities } from './ColdestCommunities.tsx';
import { HeatLoadGauge } from './HeatLoadGauge.tsx';
import { LiveKpis } from './LiveKpis.tsx';
import { hasLiveData } from './liveFormat.ts';
import { useLiveT } from './liveLabels.ts';
import type { useLiveOverview } from './liveQuery.ts';

export function NoLiveData() {
  const t = useLiveT();
  return (
    <Card variant="borderless" data-testid="live-empty">
      <Empty description={`${t('noLiveData')} — ${t('noLiveDataHint')}`} />
    </Card>
  );
}

/** the live part in the page's normal layout: tiles, then the gauge beside the coldest communities */
export function LiveSection({ query }: { query: ReturnType<typeof useLiveOverview> }) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const live: LiveOverview = query.data;
  if (!hasLiveData(live)) return <NoLiveData />;
  return (
    <>
      <LiveKpis live={live} />
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={9} xl={8}>
          <HeatLoadGauge live={live} />
        </Col>
        <Col xs={24} lg={15} xl={16}>
          <ColdestCommunities live={live} />
        </Col>
      </Row>
    </>
  );
}
