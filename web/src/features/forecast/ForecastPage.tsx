// 负荷预测 page: pick a level (station, heat source, enterprise, city) and a target by name; its daily heat history
// and the coming days' forecast on one chart, the model's backtest figures and coefficients beside it.
import { useMemo, useState } from 'react';
import { Card, Col, Row, Segmented, Select, Space, Typography } from 'antd';
import {
  FORECAST_LEVEL_LABELS,
  FORECAST_LEVELS,
  type ForecastDay,
  type ForecastLevel,
} from '@hearth/contracts/forecast';
import { useUser } from '../../shared/user.ts';
import { enumLabel, pick, useLang, useT } from '../../shared/i18n.ts';
import { EChart } from '../../shared/chart/EChart.tsx';
import { DataTable } from '../../shared/ui/DataTable.tsx';
import { EmptyState, ErrorState, Loading } from '../../shared/ui/PageState.tsx';
import { formatNumber } from '../../shared/format.ts';
import { forecastOption } from './forecastOption.ts';
import { BacktestCard } from './BacktestCard.tsx';
import { useForecastTargets, useLoadForecast } from './queries.ts';

const DAY_CHOICES = [1, 2, 3, 4, 5, 6, 7];

export function ForecastPage() {
  const t = useT();
  const lang = useLang();
  const user = useUser();
  const levels = FORECAST_LEVELS.filter((l) => l !== 'city' || user?.role !== 'enterprise');
  const [level, setLevel] = useState<ForecastLevel>(levels.includes('city') ? 'city' : 'enterprise');
  const [picked, setPicked] = useState<number | undefined>();
  const [days, setDays] = useState(7);
  const targets = useForecastTargets(level);
  const items = targets.data?.items;
  // the first target of the level until one is picked
  const id = level === 'city' ? undefined : (picked ?? items?.[0]?.id);
  const forecast = useLoadForecast(level, id, days);
  const labels = useMemo(
    () => ({
      actual: pick(lang, '实际热量', 'Actual heat'),
      forecast: pick(lang, '预测热量', 'Forecast heat'),
      temperature: pick(lang, '日均气温', 'Daily mean temperature'),
      energy: 'GJ',
    }),
    [lang],
  );
  const option = useMemo(
    () => (forecast.data ? forecastOption(forecast.data, labels) : null),
    [forecast.data, labels],
  );

  return (
    <>
      <div className="hearth-page-header">
        <Typography.Title level={2}>{t('nav.forecast')}</Typography.Title>
      </div>
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Space wrap size="middle">
          <Segmented<ForecastLevel>
            value={level}
            options={levels.map((l) => ({ value: l, label: enumLabel(lang, FORECAST_LEVEL_LABELS, l) }))}
            onChange={(l) => {
              setLevel(l);
              setPicked(undefined);
            }}
            data-testid="forecast-level"
          />
          {level !== 'city' && (
            <Select<number>
              value={id}
              onChange={setPicked}
              loading={targets.isFetching}
              showSearch={{ optionFilterProp: 'label' }}
              options={(items ?? []).map((i) => ({ value: i.id, label: i.name }))}
              style={{ width: 280 }}
              placeholder={pick(lang, '按名称选择对象', 'Pick a target by name')}
              aria-label={pick(lang, '预测对象', 'Forecast target')}
              data-testid="forecast-target"
            />
          )}
          <Select<number>
            value={days}
            onChange={setDays}
            options={DAY_CHOICES.map((d) => ({
              value: d,
              label: pick(lang, `未来 ${d} 天`, `Next ${d} days`),
            }))}
            style={{ width: 130 }}
            aria-label={pick(lang, '预测天数', 'Days ahead')}
          />
        </Space>
      </Card>
      <ForecastBody
        forecast={forecast}
        option={option}
        emptyLevel={level !== 'city' && items?.length === 0}
      />
    </>
  );
}

function ForecastBody({
  forecast,
  option,
  emptyLevel,
}: {
  forecast: ReturnType<typeof useLoadForecast>;
  option: ReturnType<typeof forecastOption> | null;
  emptyLevel: boolean;
}) {
  const lang = useLang();
  if (emptyLevel)
    return <EmptyState description={pick(lang, '该层级下没有可预测对象', 'No target at this level')} />;
  if (forecast.isError) return <ErrorState error={forecast.error} onRetry={() => void forecast.refetch()} />;
  if (!forecast.data || !option) return <Loading />;
  const data = forecast.data;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Card
          variant="borderless"
          title={`${data.target.name} · ${pick(lang, '日热量：近 30 日与预测', 'Daily heat: last 30 days and forecast')}`}
          extra={
            <Typography.Text type="secondary">
              {pick(lang, `${data.stations} 个换热站`, `${data.stations} stations`)}
            </Typography.Text>
          }
        >
          {data.history.every((d) => d.energyGJ === null) ? (
            <EmptyState description={pick(lang, '暂无热功率历史数据', 'No heat power history yet')} />
          ) : (
            <EChart option={option} style={{ height: 360 }} data-testid="forecast-chart" />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <BacktestCard data={data} />
      </Col>
      <Col span={24}>
        <ForecastTable query={forecast} rows={data.forecast} />
      </Col>
    </Row>
  );
}

function ForecastTable({ query, rows }: { query: ReturnType<typeof useLoadForecast>; rows: ForecastDay[] }) {
  const lang = useLang();
  const columns = [
    { key: 'date', title: pick(lang, '日期', 'Date'), dataIndex: 'date' },
    {
      key: 'energyGJ',
      title: pick(lang, '预测热量 (GJ)', 'Forecast heat (GJ)'),
      dataIndex: 'energyGJ',
      align: 'right' as const,
      render: (v: number) => formatNumber(v, 1),
    },
    {
      key: 'meanMW',
      title: pick(lang, '平均热负荷 (MW)', 'Mean heat load (MW)'),
      dataIndex: 'meanMW',
      align: 'right' as const,
      render: (v: number) => formatNumber(v, 2),
    },
    {
      key: 'meanTemp',
      title: pick(lang, '预报日均气温 (℃)', 'Forecast mean temperature (℃)'),
      dataIndex: 'meanTemp',
      align: 'right' as const,
      render: (v: number | null) => (v === null ? '—' : formatNumber(v, 1)),
    },
  ];
  return (
    <Card variant="borderless" title={pick(lang, '逐日预测', 'Forecast by day')}>
      <DataTable<ForecastDay>
        rowKey="date"
        size="small"
        testId="forecast-table"
        columns={columns}
        query={query}
        rows={rows}
        loadingOn="pending"
        paging={false}
      />
    </Card>
  );
}
