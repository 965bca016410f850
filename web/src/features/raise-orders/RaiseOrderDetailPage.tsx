// 升温令详情: the order, what it covers and asks, its windows, and the compliance list per enterprise (stored after
// the check, computed live between the deadline and the check); city managers cancel or recheck it, anyone
// who sees it exports the list.
import { Link, useParams } from 'react-router';
import { App, Button, Card, Descriptions, Popconfirm, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  RAISE_ORDER_STATUS_LABELS,
  WARNING_LEVEL_LABELS,
  type RaiseOrderDetail,
} from '@hearth/contracts/raise-orders';
import { request } from '../../shared/api/client.ts';
import { enumLabel, useLang, useT } from '../../shared/i18n.ts';
import { useCan } from '../../shared/user.ts';
import { useNow } from '../../shared/useNow.ts';
import { ErrorState, Loading, errorMessage } from '../../shared/ui/PageState.tsx';
import { ExportButtons } from '../../shared/ui/ExportButtons.tsx';
import { ComplianceList } from './ComplianceList.tsx';
import { requirementText, scopeText } from './orderText.ts';
import { formatCityMinute as cityMinute } from '../../shared/format.ts';
import { LEVEL_COLORS, STATUS_COLORS, useRaiseText } from './raiseText.ts';

function useOrderActions(id: number) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const done = async (order: RaiseOrderDetail) => {
    queryClient.setQueryData(['raise-orders', id], order);
    await queryClient.invalidateQueries({ queryKey: ['raise-orders'] });
  };
  const onError = (e: unknown) => void message.error(errorMessage(e));
  const cancel = useMutation({
    mutationFn: () => request('POST /raise-orders/:id/cancel', { params: { id } }),
    onSuccess: done,
    onError,
  });
  const check = useMutation({
    mutationFn: () => request('POST /raise-orders/:id/check', { params: { id } }),
    onSuccess: done,
    onError,
  });
  return { cancel, check };
}

function OrderFacts({ order }: { order: RaiseOrderDetail }) {
  const lang = useLang();
  const rt = useRaiseText();
  const c = order.compliance;
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
      <Descriptions.Item label={rt('status')}>
        <Tag color={STATUS_COLORS[order.status]} data-testid="order-status">
          {enumLabel(lang, RAISE_ORDER_STATUS_LABELS, order.status)}
        </Tag>
      </Descriptions.Item>
      <Descriptions.Item label={rt('scope')}>{scopeText(lang, order, 10)}</Descriptions.Item>
      <Descriptions.Item label={rt('requirement')}>{requirementText(lang, order)}</Descriptions.Item>
      <Descriptions.Item label={rt('effectiveAt')}>{cityMinute(order.effectiveAt)}</Descriptions.Item>
      <Descriptions.Item label={rt('deadline')}>{cityMinute(order.deadline)}</Descriptions.Item>
      <Descriptions.Item label={rt('issuedBy')}>
        {order.issuedBy} · {cityMinute(order.issuedAt)}
      </Descriptions.Item>
      <Descriptions.Item label={rt('reason')}>{order.reason}</Descriptions.Item>
      <Descriptions.Item label={rt('warning')}>
        {order.warningLevel ? (
          <Tag color={LEVEL_COLORS[order.warningLevel]}>
            {order.warningDate} {enumLabel(lang, WARNING_LEVEL_LABELS, order.warningLevel)}
          </Tag>
        ) : (
          '—'
        )}
      </Descriptions.Item>
      <Descriptions.Item label={rt('baselineWindow')}>
        {cityMinute(c.baselineWindow.from)} → {cityMinute(c.baselineWindow.to)}
      </Descriptions.Item>
      <Descriptions.Item label={rt('afterWindow')}>
        {cityMinute(c.afterWindow.from)} → {cityMinute(c.afterWindow.to)}
      </Descriptions.Item>
      <Descriptions.Item label={rt('tolerance')}>{c.toleranceC} ℃</Descriptions.Item>
    </Descriptions>
  );
}

export function RaiseOrderDetailPage() {
  const t = useT();
  const rt = useRaiseText();
  const id = Number(useParams().id);
  const canIssue = useCan('raiseOrders.issue');
  const now = useNow(30_000);
  const order = useQuery({
    queryKey: ['raise-orders', id],
    queryFn: ({ signal }) => request('GET /raise-orders/:id', { params: { id }, signal }),
    enabled: Number.isInteger(id) && id > 0,
  });
  const { cancel, check } = useOrderActions(id);
  if (order.isError) return <ErrorState error={order.error} onRetry={() => void order.refetch()} />;
  if (!order.data) return <Loading />;
  const o = order.data;
  const kind = o.compliance.kind;
  return (
    <>
      <div className="hearth-page-header">
        <Space>
          <Link to="/raise-orders">
            <ArrowLeftOutlined /> {t('common.back')}
          </Link>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('nav.raise-orders')} {o.code}
          </Typography.Title>
        </Space>
        {canIssue && (
          <Space>
            {o.status === 'issued' && (
              <Popconfirm title={rt('confirmCancel')} onConfirm={() => cancel.mutateAsync()}>
                <Button danger loading={cancel.isPending}>
                  {rt('cancel')}
                </Button>
              </Popconfirm>
            )}
            {o.status !== 'cancelled' && Date.parse(o.deadline) <= now && (
              <Button onClick={() => check.mutate()} loading={check.isPending} data-testid="recheck">
                {rt('check')}
              </Button>
            )}
          </Space>
        )}
      </div>
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <OrderFacts order={o} />
      </Card>
      <Card
        variant="borderless"
        title={
          <Space>
            {rt('result')}
            <Typography.Text type="secondary" data-testid="compliance-kind" data-kind={kind}>
              {rt(kind)}
            </Typography.Text>
          </Space>
        }
        extra={
          kind !== 'pending' && (
            <ExportButtons
              path={`/raise-orders/${o.id}/compliance/export`}
              query={{}}
              baseName={`升温令执行核查-${o.code}`}
              testId="compliance-export"
            />
          )
        }
      >
        {kind === 'pending' ? (
          <Typography.Text type="secondary">{rt('pending')}</Typography.Text>
        ) : (
          <ComplianceList enterprises={o.compliance.enterprises} />
        )}
      </Card>
    </>
  );
}
