// 室温 section of a community's detail page: its sensed households' newest indoor temperatures against the
// standard — compliance 室温合格率, coldest first, silent sensors marked (/api/communities/:id/indoor).
import { Card, Col, Row, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { IndoorSummary } from '@hearth/contracts/telemetry';
import { useT } from '../../shared/i18n.ts';
import { EmptyState, ErrorState, Loading } from '../../shared/ui/PageState.tsx';
import { formatNumber, formatTime } from '../../shared/format.ts';
import { RefName } from '../registry/registry.public.ts';
import { formatPercent } from './quality.ts';
import { useIndoor } from './queries.ts';
import { fromNow } from './status.ts';
import { useNow } from '../../shared/useNow.ts';

type Row = IndoorSummary['households'][number];

const temp = (v: number | null) => (v === null ? '—' : `${formatNumber(v, 1)} ℃`);

function IndoorVerdict({ row: r, standard }: { row: Row; standard: number }) {
  const t = useT();
  return r.ts === null ? (
    <Tag>{t('indoor.noData')}</Tag>
  ) : r.stale ? (
    <Tag>{t('indoor.silent')}</Tag>
  ) : r.belowStandard ? (
    <Tag color="red">{t('indoor.below', { standard })}</Tag>
  ) : (
    <Tag color="green">{t('indoor.meets')}</Tag>
  );
}

function useIndoorColumns(now: number, standard: number): TableColumnsType<Row> {
  const t = useT();
  return [
    {
      key: 'household',
      title: t('indoor.household'),
      render: (_, r) => <RefName resource="households" id={r.householdId} />,
    },
    {
      key: 'value',
      title: t('indoor.value'),
      align: 'right',
      render: (_, r) => (
        <Typography.Text
          type={r.belowStandard ? 'danger' : r.stale ? 'secondary' : undefined}
          strong={r.belowStandard}
          style={{ fontVariantNumeric: 'tabular-nums' }}
        >
          {temp(r.value)}
        </Typography.Text>
      ),
    },
    {
      key: 'ts',
      title: t('indoor.ts'),
      render: (_, r) => (r.ts === null ? '—' : <span title={formatTime(r.ts)}>{fromNow(r.ts, now)}</span>),
    },
    {
      key: 'verdict',
      title: t('indoor.verdict'),
      render: (_, r) => <IndoorVerdict row={r} standard={standard} />,
    },
  ];
}

/** The community's figures: sensed, reporting, compliance, below the standard, min, mean and max. */
function IndoorFigures({ summary: d }: { summary: IndoorSummary }) {
  const t = useT();
  const tiles = [
    { key: 'sensed', title: t('indoor.sensed'), value: formatNumber(d.sensed, 0) },
    { key: 'reporting', title: t('indoor.reporting'), value: formatNumber(d.reporting, 0) },
    {
      key: 'compliance',
      title: t('indoor.compliance'),
      value: d.compliance === null ? '—' : formatPercent(d.compliance, 1),
      color: d.compliance !== null && d.compliance < 1 ? '#f5222d' : undefined,
    },
    {
      key: 'below',
      title: t('indoor.belowCount'),
      value: formatNumber(d.belowStandard, 0),
      color: d.belowStandard > 0 ? '#f5222d' : undefined,
    },
    { key: 'min', title: t('indoor.min'), value: temp(d.min) },
    { key: 'mean', title: t('indoor.mean'), value: temp(d.mean) },
    { key: 'max', title: t('indoor.max'), value: temp(d.max) },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="indoor-figures">
      {tiles.map((k) => (
        <Col key={k.key} xs={12} md={6} xl={3}>
          <Statistic
            title={k.title}
            value={k.value}
            styles={{ content: { fontSize: 20, ...(k.color ? { color: k.color } : {}) } }}
          />
        </Col>
      ))}
    </Row>
  );
}

export function CommunityIndoor({ communityId }: { communityId: number }) {
  const t = useT();
  const now = useNow();
  const indoor = useIndoor(communityId);
  const s = indoor.data;
  const columns = useIndoorColumns(now, s?.standard ?? 18);

  let body;
  if (indoor.isPending) body = <Loading />;
  else if (indoor.isError) body = <ErrorState error={indoor.error} onRetry={() => void indoor.refetch()} />;
  else if (indoor.data.sensed === 0) body = <EmptyState description={t('indoor.noSensors')} />;
  else {
    const d = indoor.data;
    body = (
      <>
        <IndoorFigures summary={d} />
        <Table<Row>
          rowKey="householdId"
          size="small"
          data-testid="indoor-households"
          columns={columns}
          dataSource={d.households}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        />
      </>
    );
  }

  return (
    <Card
      variant="borderless"
      style={{ marginTop: 16 }}
      title={t('indoor.title')}
      extra={s ? <Tag color="volcano">{t('indoor.standard', { standard: s.standard })}</Tag> : null}
    >
      <div data-testid="community-indoor">{body}</div>
    </Card>
  );
}
