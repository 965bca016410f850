// 供热气候会商记录: the authority records the chosen start/stop dates with a note (stored with the verdict it was
// based on); every role reads the list.
import { useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Popover,
  Space,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import type { Averaging, HeatingDecision } from '@hearth/contracts/weather';
import { request } from '../../shared/api/client.ts';
import { pick, useLang, type Lang } from '../../shared/i18n.ts';
import { DataTable } from '../../shared/ui/DataTable.tsx';
import { errorMessage } from '../../shared/ui/PageState.tsx';
import { useCan } from '../../shared/user.ts';
import { invalidateWeather, useDecisions } from './queries.ts';

type FormValues = { start: Dayjs; stop?: Dayjs | null; note?: string };

export function DecisionsCard({ averaging }: { averaging: Averaging }) {
  const lang = useLang();
  const canDecide = useCan('weather.decide');
  const decisions = useDecisions();
  const columns = decisionColumns(lang);
  return (
    <Card title={pick(lang, '供热气候会商记录', 'Heating start/stop decisions')} data-testid="decisions">
      {canDecide && <DecisionForm averaging={averaging} />}
      <DataTable<HeatingDecision>
        rowKey="id"
        size="small"
        query={decisions}
        rows={decisions.data?.items}
        columns={columns}
        paging="client"
        testId="decisions-table"
      />
    </Card>
  );
}

function DecisionForm({ averaging }: { averaging: Averaging }) {
  const lang = useLang();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      request('POST /weather/decisions', {
        body: {
          startDate: v.start.format('YYYY-MM-DD'),
          stopDate: v.stop ? v.stop.format('YYYY-MM-DD') : null,
          note: v.note ?? '',
          averaging,
        },
      }),
    onSuccess: async () => {
      setError(null);
      form.resetFields();
      void message.success(pick(lang, '已记录会商决定', 'Decision recorded'));
      await invalidateWeather(client);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Form<FormValues>
      form={form}
      layout="inline"
      onFinish={(v) => save.mutate(v)}
      style={{ marginBottom: 12, rowGap: 8 }}
      data-testid="decision-form"
    >
      <Form.Item
        name="start"
        label={pick(lang, '开始供热', 'Start')}
        rules={[{ required: true, message: pick(lang, '请选择开始日期', 'Pick the start date') }]}
      >
        <DatePicker />
      </Form.Item>
      <Form.Item name="stop" label={pick(lang, '停止供热', 'Stop')}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="note" label={pick(lang, '说明', 'Note')}>
        <Input style={{ width: 280 }} maxLength={2000} placeholder={pick(lang, '会商意见', 'Reasoning')} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {pick(lang, '记录决定', 'Record decision')}
        </Button>
      </Form.Item>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Form>
  );
}

/** The list's columns; the recommendation then opens its basis. */
function decisionColumns(lang: Lang): TableColumnsType<HeatingDecision> {
  return [
    { title: pick(lang, '供暖季', 'Season'), dataIndex: 'season', width: 90 },
    { title: pick(lang, '决定开始', 'Start'), dataIndex: 'startDate', width: 110 },
    {
      title: pick(lang, '决定停止', 'Stop'),
      dataIndex: 'stopDate',
      width: 110,
      render: (d: string | null) => d ?? '—',
    },
    {
      title: pick(lang, '当时建议', 'Recommended then'),
      key: 'basis',
      width: 220,
      render: (_: unknown, d) => (
        <Popover
          title={pick(lang, '依据', 'Basis')}
          content={
            <Space direction="vertical" size={2}>
              <span>
                {pick(
                  lang,
                  `法定 ${d.basis.legalStart} → ${d.basis.legalEnd}`,
                  `Legal ${d.basis.legalStart} → ${d.basis.legalEnd}`,
                )}
              </span>
              <span>
                {pick(
                  lang,
                  `气候开始日 ${d.basis.climateStart ?? '—'}`,
                  `Climate start ${d.basis.climateStart ?? '—'}`,
                )}
              </span>
              <span>
                {pick(
                  lang,
                  `实况 ${d.basis.observedDays} 天，预报 ${d.basis.forecastDays} 天`,
                  `${d.basis.observedDays} observed, ${d.basis.forecastDays} forecast days`,
                )}
              </span>
              {d.basis.reasons.map((r, i) => (
                <span key={i}>{pick(lang, r.zh, r.en)}</span>
              ))}
            </Space>
          }
        >
          <Typography.Link>
            {d.basis.recommendedStart} → {d.basis.recommendedStop ?? '…'}
          </Typography.Link>
        </Popover>
      ),
    },
    { title: pick(lang, '说明', 'Note'), dataIndex: 'note', ellipsis: true },
    { title: pick(lang, '决定人', 'By'), dataIndex: 'decidedBy', width: 120 },
    {
      title: pick(lang, '时间', 'At'),
      dataIndex: 'decidedAt',
      width: 150,
      render: (at: string) =>
        new Date(at).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {
          timeZone: 'Asia/Shanghai',
          dateStyle: 'short',
          timeStyle: 'short',
        }),
    },
  ];
}
