// The overview KPI tiles: counts, heated area, clean-heating share, payment rate, vulnerable households.
import { statisticValue } from '../../shared/format.ts';
import type { ReactNode } from 'react';
import { Card, Col, Row, Statistic } from 'antd';
import {
  AlertOutlined,
  ApartmentOutlined,
  BankOutlined,
  ClusterOutlined,
  EnvironmentOutlined,
  FireOutlined,
  HomeOutlined,
  PayCircleOutlined,
  ShopOutlined,
} from '@ant-design/icons';
import type { Overview } from '@hearth/contracts/stats';
import { useT, type DictKey } from '../../shared/i18n.ts';

type Kpi = {
  key: DictKey;
  value: number;
  precision?: number;
  suffix?: string;
  icon: ReactNode;
  color: string;
};

export function KpiCards({ overview: o }: { overview: Overview }) {
  const t = useT();
  const kpis: Kpi[] = [
    { key: 'overview.enterprises', value: o.enterprises, icon: <BankOutlined />, color: '#d4380d' },
    { key: 'overview.heatSources', value: o.heatSources, icon: <FireOutlined />, color: '#fa541c' },
    { key: 'overview.stations', value: o.stations, icon: <ClusterOutlined />, color: '#fa8c16' },
    { key: 'overview.communities', value: o.communities, icon: <ShopOutlined />, color: '#faad14' },
    { key: 'overview.households', value: o.households, icon: <HomeOutlined />, color: '#1677ff' },
    {
      key: 'overview.area',
      value: o.heatedAreaM2 / 1e4,
      precision: 1,
      icon: <ApartmentOutlined />,
      color: '#13c2c2',
    },
    {
      key: 'overview.clean',
      value: o.cleanHeatingShare * 100,
      precision: 1,
      suffix: '%',
      icon: <EnvironmentOutlined />,
      color: '#52c41a',
    },
    {
      key: 'overview.paid',
      value: o.paidShare * 100,
      precision: 1,
      suffix: '%',
      icon: <PayCircleOutlined />,
      color: '#2f54eb',
    },
    { key: 'overview.vulnerable', value: o.vulnerableHouseholds, icon: <AlertOutlined />, color: '#eb2f96' },
  ];
  return (
    <Row gutter={[12, 12]} data-testid="overview-kpis">
      {kpis.map((k) => (
        <Col key={k.key} xs={12} sm={8} xxl={{ flex: '1 1 0' }}>
          <Card variant="borderless" size="small">
            <Statistic
              title={
                <span>
                  <span style={{ color: k.color, marginRight: 6 }}>{k.icon}</span>
                  {t(k.key)}
                </span>
              }
              value={statisticValue(k.value, k.precision ?? 0)}
              precision={k.precision ?? 0}
              suffix={k.suffix}
              groupSeparator=","
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
