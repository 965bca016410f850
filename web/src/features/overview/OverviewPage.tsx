// 城市总览: the city now (GET /api/overview/live, polled), registry KPIs (GET /api/stats/overview), heated area by
// energy type and the network map; 大屏 shows it full screen. Enterprise users see "<企业名称> 概览".
import { useRef, type CSSProperties } from 'react';
import { Button, Card, ConfigProvider, Descriptions, Col, Row, Space, Typography, theme } from 'antd';
import { FullscreenExitOutlined, FullscreenOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { CLEAN_HEAT_SOURCE_TYPES, HEAT_SOURCE_TYPE_LABELS } from '@hearth/contracts/registry';
import type { LiveOverview } from '@hearth/contracts/live-overview';
import type { Overview } from '@hearth/contracts/stats';
import { request } from '../../shared/api/client.ts';
import { useT } from '../../shared/i18n.ts';
import { useUser } from '../../shared/user.ts';
import { ErrorState, Loading } from '../../shared/ui/PageState.tsx';
import { BigScreen } from './BigScreen.tsx';
import { KpiCards } from './KpiCards.tsx';
import { EnergyChart } from './EnergyChart.tsx';
import { LiveSection } from './LiveSection.tsx';
import { NetworkMapCard } from './NetworkMapCard.tsx';
import { cityClock } from './liveFormat.ts';
import { useLiveT } from './liveLabels.ts';
import { useLiveOverview } from './liveQuery.ts';
import { useFullscreen } from './useFullscreen.ts';
import { formatNumber } from '../../shared/format.ts';

function EnergyTable({ overview }: { overview: Overview }) {
  const t = useT();
  return (
    <Card
      variant="borderless"
      title={`${t('overview.capacity')}: ${formatNumber(overview.capacityMw, 0)}`}
      style={{ height: '100%' }}
    >
      <Descriptions
        size="small"
        column={1}
        items={overview.byEnergyType.map((r) => ({
          key: r.type,
          label: `${HEAT_SOURCE_TYPE_LABELS[r.type]}${CLEAN_HEAT_SOURCE_TYPES.includes(r.type) ? '' : ' ⚠'}`,
          children: `${r.heatSources} · ${formatNumber(r.capacityMw, 0)} MW · ${formatNumber(r.heatedAreaM2 / 1e4, 1)} 万m²`,
        }))}
      />
    </Card>
  );
}

/** the big screen covers the window (and the screen, in full screen) with a dark, scroll-free layout */
const BIG_STYLE: CSSProperties = {
  position: 'fixed',
  inset: 0,
  zIndex: 1000,
  padding: 16,
  overflow: 'auto',
  background: '#0b1424',
};
const DARK_THEME = {
  algorithm: theme.darkAlgorithm,
  token: { colorPrimary: '#fa541c', colorBgContainer: '#13203a' },
};

function Header({
  live,
  big,
  onToggle,
}: {
  live: LiveOverview | undefined;
  big: boolean;
  onToggle: () => void;
}) {
  const t = useT();
  const lt = useLiveT();
  const user = useUser();
  const title = live?.enterprise
    ? lt('enterpriseTitle', { name: live.enterprise.name })
    : user.role === 'enterprise'
      ? lt('enterpriseTitle', { name: '' }).trim()
      : t('nav.overview');
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 16, marginBottom: 12, flexWrap: 'wrap' }}>
      <Typography.Title level={big ? 1 : 2} style={{ margin: 0, flex: 1 }} data-testid="overview-title">
        {title}
      </Typography.Title>
      <Space size={16}>
        {live && (
          <Typography.Text type="secondary" data-testid="live-updated" style={{ fontSize: big ? 18 : 14 }}>
            {lt('updatedAt', { time: cityClock(live.at, live.timeZone) })}
          </Typography.Text>
        )}
        <Button
          icon={big ? <FullscreenExitOutlined /> : <FullscreenOutlined />}
          onClick={onToggle}
          data-testid="big-screen-toggle"
        >
          {lt(big ? 'exitBigScreen' : 'bigScreen')}
        </Button>
      </Space>
    </div>
  );
}

function RegistrySection({ overview }: { overview: ReturnType<typeof useQuery<Overview>> }) {
  if (overview.isPending) return <Loading />;
  if (overview.isError) return <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />;
  return (
    <>
      <KpiCards overview={overview.data} />
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={14}>
          <EnergyChart overview={overview.data} />
        </Col>
        <Col xs={24} xl={10}>
          <EnergyTable overview={overview.data} />
        </Col>
      </Row>
    </>
  );
}

export function OverviewPage() {
  const overview = useQuery({
    queryKey: ['stats', 'overview'],
    queryFn: ({ signal }) => request('GET /stats/overview', { signal }),
    refetchInterval: 60_000,
  });
  const live = useLiveOverview();
  const ref = useRef<HTMLDivElement>(null);
  const screen = useFullscreen(ref);
  const big = screen.active;
  return (
    <div ref={ref} data-testid="overview-page" data-big-screen={big} style={big ? BIG_STYLE : undefined}>
      <ConfigProvider theme={big ? DARK_THEME : {}}>
        <Header live={live.data} big={big} onToggle={big ? screen.exit : screen.enter} />
        {big ? (
          <BigScreen live={live.data} overview={overview.data} />
        ) : (
          <>
            <LiveSection query={live} />
            <div style={{ marginTop: 12 }}>
              <RegistrySection overview={overview} />
            </div>
            <div style={{ marginTop: 12 }}>
              <NetworkMapCard />
            </div>
          </>
        )}
      </ConfigProvider>
    </div>
  );
}
