// The backtest figures (day-ahead MAPE and CV(RMSE) next to persistence) and the fitted model's coefficients.
import { Card, Col, Descriptions, Row, Statistic, Tag, Typography } from 'antd';
import { FORECAST_FEATURE_LABELS, type LoadForecast } from '@hearth/contracts/forecast';
import { enumLabel, pick, useLang } from '../../shared/i18n.ts';
import { formatNumber, statisticValue } from '../../shared/format.ts';

export function BacktestCard({ data }: { data: LoadForecast }) {
  const lang = useLang();
  const b = data.backtest;
  const beats = b !== null && b.mape < b.persistenceMape;
  return (
    <Card
      variant="borderless"
      title={pick(lang, '日前回测', 'Day-ahead backtest')}
      extra={
        b && (
          <Tag color={beats ? 'green' : 'orange'}>
            {beats
              ? pick(lang, '优于持续法', 'beats persistence')
              : pick(lang, '未优于持续法', 'no better than persistence')}
          </Tag>
        )
      }
      style={{ height: '100%' }}
      data-testid="forecast-backtest"
    >
      {b ? (
        <Figures backtest={b} />
      ) : (
        <Typography.Text type="secondary">
          {pick(lang, '历史不足，暂无回测', 'Not enough history for a backtest yet')}
        </Typography.Text>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 8 }}>
        {b
          ? pick(
              lang,
              `逐日扩展窗口：每天仅用此前各日拟合，共评估 ${b.days} 天（10–4 月）。`,
              `Expanding window: each day predicted from the days before it; ${b.days} days scored (Oct–Apr).`,
            )
          : null}
      </Typography.Paragraph>
      {data.model && (
        <>
          <Typography.Paragraph strong style={{ marginBottom: 4 }}>
            {pick(
              lang,
              `模型：日热量 = Σ 系数 × 项（${data.model.trainingDays} 天拟合，基准 ${data.model.baseTemp} ℃）`,
              `Model: daily heat = Σ coefficient × term (${data.model.trainingDays} days, base ${data.model.baseTemp} ℃)`,
            )}
          </Typography.Paragraph>
          <Descriptions
            size="small"
            column={1}
            items={data.model.coefficients.map((c) => ({
              key: c.feature,
              label: enumLabel(lang, FORECAST_FEATURE_LABELS, c.feature),
              children: formatNumber(c.value, 3),
            }))}
          />
        </>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {pick(lang, '气象来源：', 'Weather: ')}
        {data.weatherSource}
      </Typography.Text>
    </Card>
  );
}

function Figures({ backtest: b }: { backtest: NonNullable<LoadForecast['backtest']> }) {
  const lang = useLang();
  return (
    <Row gutter={[12, 12]}>
      <Col span={12}>
        <Statistic title="MAPE" value={statisticValue(b.mape, 2)} precision={2} suffix="%" />
      </Col>
      <Col span={12}>
        <Statistic title="CV(RMSE)" value={statisticValue(b.cvrmse, 2)} precision={2} suffix="%" />
      </Col>
      <Col span={12}>
        <Statistic
          title={pick(lang, '持续法 MAPE', 'Persistence MAPE')}
          value={statisticValue(b.persistenceMape, 2)}
          precision={2}
          suffix="%"
        />
      </Col>
      <Col span={12}>
        <Statistic
          title={pick(lang, '持续法 CV(RMSE)', 'Persistence CV(RMSE)')}
          value={statisticValue(b.persistenceCvrmse, 2)}
          precision={2}
          suffix="%"
        />
      </Col>
    </Row>
  );
}
