// 供热期研判: the start/stop recommendation of the current season (5-day running mean against the threshold, on
// observations plus forecast) beside the legal period, with its reasons and the recent running means.
import { Card, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import type { Averaging, HeatingVerdict } from '@hearth/contracts/weather';
import { pick, useLang } from '../../shared/i18n.ts';
import { ErrorState, Loading } from '../../shared/ui/PageState.tsx';
import { useVerdict } from './queries.ts';

export function VerdictCard({ averaging }: { averaging: Averaging }) {
  const lang = useLang();
  const verdict = useVerdict(averaging);
  let body;
  if (verdict.isPending) body = <Loading />;
  else if (verdict.isError)
    body = <ErrorState error={verdict.error} onRetry={() => void verdict.refetch()} />;
  else body = <VerdictBody v={verdict.data} />;
  return (
    <Card
      title={pick(lang, '供热期研判', 'Heating period verdict')}
      data-testid="verdict"
      style={{ height: '100%' }}
    >
      {body}
    </Card>
  );
}

function VerdictBody({ v }: { v: HeatingVerdict }) {
  const lang = useLang();
  const dash = (d: string | null) => d ?? '—';
  return (
    <Flex vertical gap={12}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={pick(lang, '供暖季', 'Season')}>{v.winter}</Descriptions.Item>
        <Descriptions.Item label={pick(lang, '法定供热期', 'Legal period')}>
          {v.legalStart} → {v.legalEnd}
        </Descriptions.Item>
        <Descriptions.Item
          label={pick(
            lang,
            `气候开始日（5日均温≤${v.threshold}℃）`,
            `Climate start (5-day mean ≤ ${v.threshold} ℃)`,
          )}
        >
          {dash(v.climateStart)}
        </Descriptions.Item>
        <Descriptions.Item label={pick(lang, '建议开始', 'Recommended start')}>
          <Typography.Text strong data-testid="recommended-start">
            {v.recommendedStart}
          </Typography.Text>{' '}
          {v.startBeforeLegal && <Tag color="orange">{pick(lang, '提前', 'early')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={pick(lang, '气候停止日', 'Climate stop')}>
          {dash(v.climateStop)}
        </Descriptions.Item>
        <Descriptions.Item label={pick(lang, '建议停止', 'Recommended stop')}>
          <Typography.Text strong>
            {v.recommendedStop ?? pick(lang, '待定（仍偏冷）', 'open (still cold)')}
          </Typography.Text>{' '}
          {v.extendAfterLegal && <Tag color="red">{pick(lang, '延长', 'extend')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={pick(lang, '依据', 'Based on')}>
          {pick(
            lang,
            `实况 ${v.observedDays} 天 + 预报 ${v.forecastDays} 天`,
            `${v.observedDays} observed + ${v.forecastDays} forecast days`,
          )}
        </Descriptions.Item>
      </Descriptions>
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {v.reasons.map((r, i) => (
          <li key={i}>
            <Typography.Text>{pick(lang, r.zh, r.en)}</Typography.Text>
          </li>
        ))}
      </ul>
      <RunningMeans v={v} />
    </Flex>
  );
}

/** the trailing 5-day means of the last days (below the threshold in red), forecast windows marked */
function RunningMeans({ v }: { v: HeatingVerdict }) {
  const lang = useLang();
  return (
    <Table
      size="small"
      rowKey="date"
      pagination={false}
      scroll={{ y: 180 }}
      dataSource={v.runningMeans}
      locale={{ emptyText: pick(lang, '暂无5日滑动平均', 'No running means yet') }}
      columns={[
        { title: pick(lang, '窗口末日', 'Window end'), dataIndex: 'date' },
        {
          title: pick(lang, '5日均温 ℃', '5-day mean ℃'),
          dataIndex: 'mean',
          align: 'right',
          render: (m: number) => (
            <Typography.Text type={m <= v.threshold ? 'danger' : undefined}>{m.toFixed(2)}</Typography.Text>
          ),
        },
        {
          title: pick(lang, '来源', 'Source'),
          dataIndex: 'forecast',
          render: (f: boolean) =>
            f ? (
              <Tag color="orange">{pick(lang, '含预报', 'forecast')}</Tag>
            ) : (
              <Tag>{pick(lang, '实况', 'observed')}</Tag>
            ),
        },
      ]}
    />
  );
}
