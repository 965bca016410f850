// Daily mean / min / max of the season so far and the forecast days, by the chosen averaging convention (24 hourly
// values, or the 02/08/14/20 h readings), and the heating degree days since the legal start.
import { useMemo, useState } from 'react';
import { Card, Col, Flex, InputNumber, Row, Segmented, Statistic, Typography } from 'antd';
import { AVERAGING_LABELS, AVERAGINGS, type Averaging } from '@hearth/contracts/weather';
import { EChart } from '../../shared/chart/EChart.tsx';
import { enumLabel, pick, useLang } from '../../shared/i18n.ts';
import { EmptyState, ErrorState, Loading } from '../../shared/ui/PageState.tsx';
import { useDaily, useDegreeDays, useWeatherSettings } from './queries.ts';
import { addDays, dailyOption, seasonViewStart } from './weatherChart.ts';

type Props = { today: string; averaging: Averaging; onAveraging: (a: Averaging) => void };

export function DailyCard({ today, averaging, onAveraging }: Props) {
  const lang = useLang();
  const settings = useWeatherSettings();
  const from = seasonViewStart(today);
  const to = addDays(today, 7);
  const daily = useDaily(from, to, averaging);
  const threshold = settings.data?.threshold ?? 5;
  const option = useMemo(
    () =>
      daily.data && daily.data.days.length > 0
        ? dailyOption(daily.data.days, threshold, {
            mean: pick(lang, '日平均气温', 'Daily mean'),
            band: pick(lang, '日最低–最高', 'Daily min–max'),
            forecast: pick(lang, '含预报', 'forecast'),
            interpolated: pick(lang, '插补', 'interpolated'),
            threshold: pick(lang, `${threshold} ℃ 供暖界限`, `${threshold} ℃ heating threshold`),
            unit: '℃',
          })
        : null,
    [daily.data, lang, threshold],
  );
  const interpolated = daily.data?.days.filter((d) => d.interpolated) ?? [];
  let body;
  if (daily.isPending) body = <Loading />;
  else if (daily.isError) body = <ErrorState error={daily.error} onRetry={() => void daily.refetch()} />;
  else if (!option)
    body = (
      <EmptyState description={pick(lang, '本供暖季暂无日气温', 'No daily temperatures this season yet')} />
    );
  else body = <EChart option={option} style={{ height: 300 }} data-testid="daily-chart" />;
  return (
    <Card
      title={pick(lang, '日平均气温与采暖度日数', 'Daily means and heating degree days')}
      extra={
        <Segmented<Averaging>
          value={averaging}
          onChange={onAveraging}
          data-testid="averaging"
          options={AVERAGINGS.map((a) => ({ value: a, label: enumLabel(lang, AVERAGING_LABELS, a) }))}
        />
      }
    >
      <Row gutter={16}>
        <Col xs={24} xl={18}>
          {body}
          <Typography.Text type="secondary" data-testid="interpolated-days">
            {interpolated.length === 0
              ? pick(lang, '无插补日。', 'No interpolated days.')
              : pick(
                  lang,
                  `插补日（有效观测不足，按前后日线性插补）：${interpolated.map((d) => d.date).join('、')}`,
                  `Interpolated days (too few readings; linear between neighbouring days): ${interpolated.map((d) => d.date).join(', ')}`,
                )}
          </Typography.Text>
        </Col>
        <Col xs={24} xl={6}>
          <DegreeDays today={today} averaging={averaging} />
        </Col>
      </Row>
    </Card>
  );
}

function DegreeDays({ today, averaging }: { today: string; averaging: Averaging }) {
  const lang = useLang();
  const settings = useWeatherSettings();
  const [base, setBase] = useState<number | null>(null);
  const legalStart = settings.data?.legalStart ?? '11-15';
  const year = Number(seasonViewStart(today).slice(0, 4));
  const from = `${year}-${legalStart}`;
  const effectiveBase = base ?? settings.data?.hddBase ?? 18;
  const hdd = useDegreeDays(from, today < from ? from : today, averaging, effectiveBase);
  return (
    <Flex vertical gap={12} data-testid="degree-days">
      <Statistic
        title={pick(lang, `采暖度日数 HDD（${from} 起）`, `Heating degree days (since ${from})`)}
        value={hdd.data?.hdd ?? '—'}
        precision={hdd.data ? 1 : undefined}
        suffix="℃·d"
        loading={hdd.isPending}
      />
      <Statistic
        title={pick(lang, '计入天数', 'Days counted')}
        value={hdd.data?.days ?? '—'}
        loading={hdd.isPending}
      />
      <Flex align="center" gap={8}>
        <Typography.Text>{pick(lang, '基准温度', 'Base')}</Typography.Text>
        <InputNumber<number>
          min={0}
          max={30}
          step={0.5}
          value={effectiveBase}
          onChange={(v) => setBase(v)}
          addonAfter="℃"
          style={{ width: 130 }}
          aria-label={pick(lang, '基准温度', 'Base temperature')}
        />
      </Flex>
      {hdd.isError && (
        <Typography.Text type="danger">
          {pick(lang, '度日数加载失败', 'Degree days failed to load')}
        </Typography.Text>
      )}
    </Flex>
  );
}
