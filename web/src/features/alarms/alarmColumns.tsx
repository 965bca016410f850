// The alarm table's columns: severity and state as coloured tags, the target by name (its station and enterprise
// beside it), the message, value against limit, city times, duration and the row's actions.
import { Button, Space, Tag, Typography, type TableColumnsType } from 'antd';
import {
  ALARM_SEVERITY_LABELS,
  ALARM_STATE_LABELS,
  ALARM_TYPE_LABELS,
  type Alarm,
  type AlarmSeverity,
  type AlarmState,
} from '@hearth/contracts/alarms';
import { enumLabel, useLang } from '../../shared/i18n.ts';
import { formatCityTime } from '../../shared/format.ts';
import { actionsOf, durationText, SEVERITY_COLORS, STATE_COLORS } from './alarmFormat.ts';
import { useAlarmText } from './alarmText.ts';
import type { AlarmAction } from './queries.ts';

export function SeverityTag({ severity }: { severity: AlarmSeverity }) {
  const lang = useLang();
  return (
    <Tag color={SEVERITY_COLORS[severity]} data-testid="alarm-severity" style={{ marginInlineEnd: 0 }}>
      {enumLabel(lang, ALARM_SEVERITY_LABELS, severity)}
    </Tag>
  );
}

export function StateTag({ state }: { state: AlarmState }) {
  const lang = useLang();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="alarm-state" style={{ marginInlineEnd: 0 }}>
      {enumLabel(lang, ALARM_STATE_LABELS, state)}
    </Tag>
  );
}

function TargetCell({ alarm }: { alarm: Alarm }) {
  const sub = [alarm.targetKind !== 'station' ? alarm.stationName : null, alarm.enterpriseName].filter(
    Boolean,
  );
  return (
    <div style={{ lineHeight: 1.4 }}>
      <div data-testid="alarm-target">{alarm.targetName}</div>
      {sub.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {sub.join(' · ')}
        </Typography.Text>
      )}
    </div>
  );
}

export function useAlarmColumns(options: {
  now: number;
  canHandle: boolean;
  onOpen: (alarm: Alarm) => void;
  onAction: (alarm: Alarm, action: AlarmAction) => void;
}): TableColumnsType<Alarm> {
  const tx = useAlarmText();
  const lang = useLang();
  const { now, canHandle, onOpen, onAction } = options;
  return [
    {
      key: 'severity',
      dataIndex: 'severity',
      title: tx('severity'),
      width: 72,
      sorter: true,
      render: (s: AlarmSeverity) => <SeverityTag severity={s} />,
    },
    {
      key: 'state',
      dataIndex: 'state',
      title: tx('state'),
      width: 84,
      render: (s: AlarmState) => <StateTag state={s} />,
    },
    {
      key: 'type',
      dataIndex: 'type',
      title: tx('type'),
      width: 104,
      render: (type: Alarm['type']) => enumLabel(lang, ALARM_TYPE_LABELS, type),
    },
    { key: 'target', title: tx('target'), width: 190, render: (_: unknown, a) => <TargetCell alarm={a} /> },
    {
      key: 'message',
      dataIndex: 'message',
      title: tx('message'),
      render: (m: string, a) => (
        <div style={{ minWidth: 200, lineHeight: 1.4 }}>
          <div>{m}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.ruleName}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'raisedAt',
      dataIndex: 'raisedAt',
      title: tx('raisedAt'),
      width: 160,
      sorter: true,
      defaultSortOrder: 'descend',
      render: (v: string, a) => (
        <div style={{ lineHeight: 1.4 }}>
          <div>{formatCityTime(v)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {tx('duration')} {durationText(a, now, lang === 'en')}
            {a.occurrences > 1 && ` · ×${a.occurrences}`}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'actions',
      title: tx('actions'),
      width: 140,
      fixed: 'right',
      render: (_: unknown, a) => {
        const allowed = actionsOf(a.state);
        return (
          <Space size={0}>
            {canHandle && allowed.acknowledge && (
              <Button
                type="link"
                size="small"
                onClick={() => onAction(a, 'acknowledge')}
                data-testid="alarm-ack"
              >
                {tx('acknowledge')}
              </Button>
            )}
            {canHandle && allowed.close && (
              <Button type="link" size="small" onClick={() => onAction(a, 'close')} data-testid="alarm-close">
                {tx('close')}
              </Button>
            )}
            <Button type="link" size="small" onClick={() => onOpen(a)} data-testid="alarm-details">
              {tx('details')}
            </Button>
          </Space>
        );
      },
    },
  ];
}
