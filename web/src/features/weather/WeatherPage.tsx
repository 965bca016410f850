// 气象 page: hourly observations and forecast, daily means with the averaging switch and degree days, the
// heating-period verdict, the cold-wave warnings, the decision records (the authority records them) and the import
// dialog.
import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Flex, Row, Segmented, Space, Statistic, Typography } from 'antd';
import { CloudDownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Averaging } from '@hearth/contracts/weather';
import { request } from '../../shared/api/client.ts';
import { EChart } from '../../shared/chart/EChart.tsx';
import { pick, useLang, useT } from '../../shared/i18n.ts';
import { EmptyState, ErrorState, errorMessage, Loading } from '../../shared/ui/PageState.tsx';
import { useNow } from '../../shared/useNow.ts';
import { useCan } from '../../shared/user.ts';
import { WarningsCard } from '../raise-orders/raise-orders.public.ts';
import { DailyCard } from './DailyCard.tsx';
import { DecisionsCard } from './DecisionsCard.tsx';
import { invalidateWeather, useHourly, useOutdoorNow, useWeatherSettings } from './queries.ts';
import { VerdictCard } from './VerdictCard.tsx';
import { addDays, cityDate, cityDayStart, hourlyOption, seasonViewStart } from './weatherChart.ts';
import { WeatherImportDialog, type ImportKind } from './WeatherImportDialog.tsx';

type HourlyRange = '7d' | '30d' | 'season';

export function WeatherPage() {
  const t = useT();
  const lang = useLang();
  const canImport = useCan('weather.import');
  const [importing, setImporting] = useState<ImportKind | null>(null);
  const [averaging, setAveraging] = useState<Averaging>('24h');
  // the city day, re-read every minute
  const today = cityDate(useNow(60_000));
  return (
    <>
      <div className="hearth-page-header">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Title level={2}>{t('nav.weather')}</Typography.Title>
          {canImport && (
            <Space wrap>
              <Button
                icon={<UploadOutlined />}
                onClick={() => setImporting('observations')}
                data-testid="import-observations"
              >
                {pick(lang, '导入实况', 'Import observations')}
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => setImporting('forecasts')}>
                {pick(lang, '导入预报', 'Import forecast')}
              </Button>
              <RefreshButton />
            </Space>
          )}
        </Flex>
      </div>
      <WarningsCard />
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={17}>
          <HourlyCard today={today} />
        </Col>
        <Col xs={24} xxl={7}>
          <VerdictCard averaging={averaging} />
        </Col>
        <Col xs={24}>
          <DailyCard today={today} averaging={averaging} onAveraging={setAveraging} />
        </Col>
        <Col xs={24}>
          <DecisionsCard averaging={averaging} />
        </Col>
      </Row>
      {importing && <WeatherImportDialog kind={importing} onClose={() => setImporting(null)} />}
    </>
  );
}

/** 立即拉取预报: only when a provider is configured. */
function RefreshButton() {
  const lang = useLang();
  const { message } = App.useApp();
  const client = useQueryClient();
  const settings = useWeatherSettings();
  const refresh = useMutation({
    mutationFn: () => request('POST /weather/forecasts/refresh'),
    onSuccess: async (r) => {
      void message.success(
        pick(
          lang,
          `预报已更新：新增 ${r.inserted}，更新 ${r.updated}`,
          `Forecast refreshed: ${r.inserted} new, ${r.updated} updated`,
        ),
      );
      await invalidateWeather(client);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (!settings.data?.providerConfigured) return null;
  return (
    <Button icon={<CloudDownloadOutlined />} loading={refresh.isPending} onClick={() => refresh.mutate()}>
      {pick(lang, '拉取预报', 'Fetch forecast')}
    </Button>
  );
}

function NowFigure() {
  const lang = useLang();
  const now = useOutdoorNow();
  const kind = now.data?.kind;
  return (
    <Statistic
      title={pick(
        lang,
        kind === 'forecast' ? '当前室外温度（预报）' : '当前室外温度',
        kind === 'forecast' ? 'Outdoor now (forecast)' : 'Outdoor now',
      )}
      value={now.data?.temp ?? '—'}
      precision={now.data?.temp === null || now.data?.temp === undefined ? undefined : 1}
      suffix={now.data?.temp === null || now.data?.temp === undefined ? undefined : '℃'}
      loading={now.isPending}
      data-testid="outdoor-now"
    />
  );
}

function HourlyCard({ today }: { today: string }) {
  const lang = useLang();
  const [range, setRange] = useState<HourlyRange>('7d');
  const from = range === 'season' ? seasonViewStart(today) : addDays(today, range === '7d' ? -7 : -30);
  const to = addDays(today, 8);
  const hourly = useHourly(cityDayStart(from), cityDayStart(to));
  const option = useMemo(
    () =>
      hourly.data && hourly.data.observations.length + hourly.data.forecast.length > 0
        ? hourlyOption(hourly.data, {
            observed: pick(lang, '实况', 'Observed'),
            forecast: pick(lang, '预报', 'Forecast'),
            unit: '℃',
          })
        : null,
    [hourly.data, lang],
  );
  let body;
  if (hourly.isPending) body = <Loading />;
  else if (hourly.isError) body = <ErrorState error={hourly.error} onRetry={() => void hourly.refetch()} />;
  else if (!option)
    body = (
      <EmptyState
        description={pick(
          lang,
          '暂无气象数据，请导入实况或预报',
          'No weather data yet: import observations or a forecast',
        )}
      />
    );
  else body = <EChart option={option} style={{ height: 320 }} data-testid="hourly-chart" />;
  return (
    <Card
      title={pick(lang, '逐时气温（城市时间）', 'Hourly temperature (city time)')}
      extra={
        <Segmented<HourlyRange>
          value={range}
          onChange={setRange}
          options={[
            { value: '7d', label: pick(lang, '近7天', '7 days') },
            { value: '30d', label: pick(lang, '近30天', '30 days') },
            { value: 'season', label: pick(lang, '本供暖季', 'Season') },
          ]}
        />
      }
    >
      <Flex gap={32} wrap style={{ marginBottom: 8 }}>
        <NowFigure />
        {hourly.data?.issuedAt && (
          <Statistic
            title={pick(lang, '预报发布时间', 'Forecast issued')}
            value={new Date(hourly.data.issuedAt).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {
              timeZone: 'Asia/Shanghai',
              dateStyle: 'short',
              timeStyle: 'short',
            })}
          />
        )}
      </Flex>
      {body}
      <Typography.Text type="secondary">
        {pick(lang, '滚轮缩放；虚线为预报。', 'Scroll to zoom; the dashed line is the forecast.')}
      </Typography.Text>
    </Card>
  );
}
