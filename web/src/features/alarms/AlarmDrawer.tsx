// One alarm in a drawer: what, where, when and who (names, city time), then its timeline — raised, re-raised,
// acknowledged, escalated, cleared, closed — with each step's actor and note.
import { Button, Descriptions, Drawer, Space, Timeline, Typography } from 'antd';
import {
  ALARM_EVENT_LABELS,
  ALARM_TARGET_KIND_LABELS,
  ALARM_TYPE_LABELS,
  ESCALATION_LEVEL_LABELS,
  type Alarm,
  type AlarmEvent,
  type AlarmEventKind,
} from '@hearth/contracts/alarms';
import { enumLabel, useLang } from '../../shared/i18n.ts';
import { ErrorState, Loading } from '../../shared/ui/PageState.tsx';
import { formatCityTime } from '../../shared/format.ts';
import { actionsOf, valueText } from './alarmFormat.ts';
import { SeverityTag, StateTag } from './alarmColumns.tsx';
import { useAlarmText } from './alarmText.ts';
import { useAlarmDetail, type AlarmAction } from './queries.ts';

/** plain colours: antd's named ones follow the theme's primary (Hearth's is red-orange) */
const EVENT_COLORS: Record<AlarmEventKind, string> = {
  raised: '#cf1322',
  reraised: '#cf1322',
  escalated: '#d46b08',
  acknowledged: '#1677ff',
  cleared: '#389e0d',
  closed: '#8c8c8c',
};

function EventItem({ event, alarm }: { event: AlarmEvent; alarm: Alarm }) {
  const tx = useAlarmText();
  const lang = useLang();
  return (
    <div data-testid="alarm-event" data-kind={event.kind}>
      <Space size={8} wrap>
        <strong>{enumLabel(lang, ALARM_EVENT_LABELS, event.kind)}</strong>
        <Typography.Text type="secondary">{formatCityTime(event.at)}</Typography.Text>
        <span>{event.actorName ?? tx('system')}</span>
      </Space>
      {event.value !== null && (
        <div>
          <Typography.Text type="secondary">{tx('value')}: </Typography.Text>
          {valueText({ ...alarm, value: event.value }, tx('limit'))}
        </div>
      )}
      {event.kind === 'escalated' && event.level !== null && (
        <div>
          {enumLabel(lang, ESCALATION_LEVEL_LABELS, String(event.level))}
          {event.notified && ` · ${tx('notified')}: ${event.notified}`}
        </div>
      )}
      {event.note && <div style={{ whiteSpace: 'pre-wrap' }}>{event.note}</div>}
    </div>
  );
}

function AlarmFacts({ alarm }: { alarm: Alarm }) {
  const tx = useAlarmText();
  const lang = useLang();
  return (
    <Descriptions size="small" column={1} bordered style={{ marginBottom: 24 }}>
      <Descriptions.Item label={tx('severity')}>
        <Space>
          <SeverityTag severity={alarm.severity} />
          <StateTag state={alarm.state} />
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={tx('type')}>
        {enumLabel(lang, ALARM_TYPE_LABELS, alarm.type)}
      </Descriptions.Item>
      <Descriptions.Item label={tx('rule')}>{alarm.ruleName}</Descriptions.Item>
      <Descriptions.Item label={tx('target')}>
        {enumLabel(lang, ALARM_TARGET_KIND_LABELS, alarm.targetKind)} · {alarm.targetName}
      </Descriptions.Item>
      {alarm.stationName && alarm.targetKind !== 'station' && (
        <Descriptions.Item label={tx('station')}>{alarm.stationName}</Descriptions.Item>
      )}
      <Descriptions.Item label={tx('enterprise')}>{alarm.enterpriseName ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={tx('message')}>{alarm.message}</Descriptions.Item>
      <Descriptions.Item label={tx('value')}>{valueText(alarm, tx('limit'))}</Descriptions.Item>
      <Descriptions.Item label={tx('raisedAt')}>
        {formatCityTime(alarm.raisedAt)}
        {alarm.occurrences > 1 && ` (×${alarm.occurrences})`}
      </Descriptions.Item>
      {alarm.acknowledgedBy && (
        <Descriptions.Item label={tx('acknowledgedBy')}>
          {alarm.acknowledgedBy} · {formatCityTime(alarm.acknowledgedAt)}
        </Descriptions.Item>
      )}
      {alarm.escalationLevel > 0 && (
        <Descriptions.Item label={tx('escalation')}>
          {enumLabel(lang, ESCALATION_LEVEL_LABELS, String(alarm.escalationLevel))} ·{' '}
          {formatCityTime(alarm.escalatedAt)}
        </Descriptions.Item>
      )}
      {alarm.closedAt && (
        <Descriptions.Item label={tx('closedBy')}>
          {alarm.closedBy ?? tx('system')} · {formatCityTime(alarm.closedAt)}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

export function AlarmDrawer({
  id,
  canHandle,
  onClose,
  onAction,
}: {
  id: number | null;
  canHandle: boolean;
  onClose: () => void;
  onAction: (alarm: Alarm, action: AlarmAction) => void;
}) {
  const tx = useAlarmText();
  const detail = useAlarmDetail(id);
  const alarm = detail.data?.alarm;
  // another alarm's answer is kept while this one loads (and while the drawer closes)
  const loading = id !== null && (detail.isPending || (detail.isPlaceholderData && alarm?.id !== id));
  const allowed = alarm ? actionsOf(alarm.state) : { acknowledge: false, close: false };
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={520}
      title={alarm ? alarm.targetName : tx('details')}
      data-testid="alarm-drawer"
      extra={
        alarm &&
        canHandle && (
          <Space>
            {allowed.acknowledge && (
              <Button type="primary" onClick={() => onAction(alarm, 'acknowledge')}>
                {tx('acknowledge')}
              </Button>
            )}
            {allowed.close && (
              <Button danger onClick={() => onAction(alarm, 'close')}>
                {tx('close')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {loading ? (
        <Loading />
      ) : detail.isError ? (
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      ) : alarm ? (
        <>
          <AlarmFacts alarm={alarm} />
          <Typography.Title level={5}>{tx('timeline')}</Typography.Title>
          <Timeline
            items={(detail.data?.events ?? []).map((e) => ({
              key: e.id,
              color: EVENT_COLORS[e.kind],
              content: <EventItem event={e} alarm={alarm} />,
            }))}
          />
        </>
      ) : null}
    </Drawer>
  );
}
