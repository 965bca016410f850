// 城市总览: KPIs from GET /api/stats/overview, heated area by energy type, and the network map.
import { Card, Col, Descriptions, Row, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { CLEAN_HEAT_SOURCE_TYPES, HEAT_SOURCE_TYPE_LABELS } from '@hearth/contracts/registry';
import type { Overview } from '@hearth/contracts/stats';
import { request } from '../../shared/api/client.ts';
import { useT } from '../../shared/i18n.ts';
import { ErrorState, Loading } from '../../shared/ui/PageState.tsx';
import { KpiCards } from './KpiCards.tsx';
import { EnergyChart } from './EnergyChart.tsx';
import { NetworkMapCard } from './NetworkMapCard.tsx';
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

export function OverviewPage() {
  const t = useT();
  const overview = useQuery({
    queryKey: ['stats', 'overview'],
    queryFn: ({ signal }) => request('GET /stats/overview', { signal }),
    refetchInterval: 60_000,
  });
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('nav.overview')}
      </Typography.Title>
      {overview.isPending ? (
        <Loading />
      ) : overview.isError ? (
        <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />
      ) : (
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
      )}
      <div style={{ marginTop: 12 }}>
        <NetworkMapCard />
      </div>
    </>
  );
}
