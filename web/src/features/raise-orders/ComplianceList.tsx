// 执行核查 per enterprise: counts and each station's outcome with its figures (baseline, after, required,
// achieved), station names linking to the station page.
import { Link } from 'react-router';
import { Card, Empty, Flex, Space, Tag, Typography, type TableColumnsType } from 'antd';
import {
  COMPLIANCE_OUTCOME_LABELS,
  type EnterpriseCompliance,
  type StationCompliance,
} from '@hearth/contracts/raise-orders';
import { enumLabel, useLang, type Lang } from '../../shared/i18n.ts';
import { DataTable } from '../../shared/ui/DataTable.tsx';
import { celsius } from './raiseFormat.ts';
import { OUTCOME_COLORS, useRaiseText, type RaiseText } from './raiseText.ts';

/** every table here shows rows already fetched: no loading or error of its own */
const SETTLED = {
  data: true,
  error: null,
  isError: false,
  isPending: false,
  isFetching: false,
  isPlaceholderData: false,
  refetch: () => undefined,
};

function stationColumns(lang: Lang, rt: RaiseText): TableColumnsType<StationCompliance> {
  return [
    {
      title: rt('station'),
      dataIndex: 'stationName',
      render: (name: string, s) => <Link to={`/stations/${s.stationId}`}>{name}</Link>,
    },
    {
      title: rt('outcome'),
      dataIndex: 'outcome',
      render: (o: StationCompliance['outcome']) => (
        <Tag color={OUTCOME_COLORS[o]} data-outcome={o}>
          {enumLabel(lang, COMPLIANCE_OUTCOME_LABELS, o)}
        </Tag>
      ),
    },
    {
      title: rt('baseline'),
      dataIndex: 'baseline',
      align: 'right',
      render: (v: number | null) => celsius(v),
    },
    { title: rt('after'), dataIndex: 'after', align: 'right', render: (v: number | null) => celsius(v) },
    {
      title: rt('required'),
      dataIndex: 'required',
      align: 'right',
      render: (v: number | null) => celsius(v, true),
    },
    {
      title: rt('achieved'),
      dataIndex: 'achieved',
      align: 'right',
      render: (v: number | null) => celsius(v, true),
    },
    {
      title: rt('readings'),
      key: 'readings',
      align: 'right',
      render: (_, s) => `${s.baselineReadings} / ${s.afterReadings}`,
    },
  ];
}

export function ComplianceList({ enterprises }: { enterprises: EnterpriseCompliance[] }) {
  const lang = useLang();
  const rt = useRaiseText();
  if (enterprises.length === 0) return <Empty description={rt('noStations')} />;
  const columns = stationColumns(lang, rt);
  return (
    <Flex vertical gap={16}>
      {enterprises.map((e) => (
        <Card
          key={e.enterpriseId}
          size="small"
          data-testid={`compliance-enterprise-${e.enterpriseId}`}
          title={
            <Space>
              <Typography.Text strong>{e.enterpriseName}</Typography.Text>
              <Tag color="success">{`${enumLabel(lang, COMPLIANCE_OUTCOME_LABELS, 'complied')} ${e.complied}`}</Tag>
              <Tag color="error">{`${enumLabel(lang, COMPLIANCE_OUTCOME_LABELS, 'not_complied')} ${e.notComplied}`}</Tag>
              <Tag>{`${enumLabel(lang, COMPLIANCE_OUTCOME_LABELS, 'no_data')} ${e.noData}`}</Tag>
            </Space>
          }
        >
          <DataTable<StationCompliance>
            rowKey="stationId"
            size="small"
            columns={columns}
            query={SETTLED}
            rows={e.stations}
            paging="client"
          />
        </Card>
      ))}
    </Flex>
  );
}
