// 报警中心: open alarms live (the alarm stream, or polling), severity colours, a sound on new critical alarms,
// acknowledge/close with a note, filters, history with paging and export, and each alarm's timeline.
import { useCallback, useEffect, useState } from 'react';
import { Badge, Card, Space, Switch, Tabs, Tooltip, Typography } from 'antd';
import { SoundOutlined } from '@ant-design/icons';
import { ALARM_SEVERITY_LABELS, type Alarm, type AlarmLiveEvent } from '@hearth/contracts/alarms';
import { enumLabel, useLang } from '../../shared/i18n.ts';
import { useNow } from '../../shared/useNow.ts';
import { useCan, useUser } from '../../shared/user.ts';
import { DataTable } from '../../shared/ui/DataTable.tsx';
import { ExportButtons } from '../../shared/ui/ExportButtons.tsx';
import { AlarmActionModal } from './AlarmActionModal.tsx';
import { AlarmDrawer } from './AlarmDrawer.tsx';
import { alarmFilterBar } from './AlarmFilterBar.tsx';
import { useAlarmColumns } from './alarmColumns.tsx';
import { alarmQuery, SEVERITIES_DESC, SEVERITY_HEX, type AlarmSort } from './alarmFormat.ts';
import { pollInterval, useAlarmLive, type AlarmLiveState } from './alarmLive.ts';
import { useAlarmSound } from './alarmSound.ts';
import { useAlarmText } from './alarmText.ts';
import { useAlarms, useAlarmSummary, type AlarmAction, type AlarmListState } from './queries.ts';
import { WebhookDeliveries } from './WebhookDeliveries.tsx';

const NEW_HIGHLIGHT_MS = 10_000;

function LiveBadge({ state }: { state: AlarmLiveState }) {
  const tx = useAlarmText();
  const open = state === 'open';
  return (
    <Tooltip title={tx(open ? 'liveHint' : 'pollHint')}>
      <span data-testid="alarm-live" data-state={state} style={{ whiteSpace: 'nowrap' }}>
        <Badge
          status={open ? 'processing' : state === 'connecting' ? 'warning' : 'default'}
          color={open ? '#52c41a' : undefined}
          text={tx(open ? 'live' : state === 'connecting' ? 'connecting' : 'polling')}
        />
      </span>
    </Tooltip>
  );
}

function SoundSwitch() {
  const tx = useAlarmText();
  const [on, setOn] = useAlarmSound();
  return (
    <Tooltip title={tx('soundHint')}>
      <Space size={6}>
        <SoundOutlined />
        <span>{tx('sound')}</span>
        <Switch size="small" checked={on} onChange={setOn} data-testid="alarm-sound" />
      </Space>
    </Tooltip>
  );
}

function SummaryStrip({ refetch }: { refetch: number | false }) {
  const tx = useAlarmText();
  const lang = useLang();
  const summary = useAlarmSummary(refetch).data;
  const item = (label: string, n: number | undefined, color?: string, testId?: string) => (
    <div style={{ minWidth: 88 }} data-testid={testId}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      <div style={{ fontSize: 24, fontWeight: 600, color: n ? color : undefined }}>{n ?? '—'}</div>
    </div>
  );
  return (
    <Space size={32} wrap>
      {item(tx('openAlarms'), summary?.open, undefined, 'alarm-summary-open')}
      {item(tx('unacknowledged'), summary?.unacknowledged, SEVERITY_HEX.critical, 'alarm-summary-unacked')}
      {SEVERITIES_DESC.map((s) => (
        <span key={s}>
          {item(enumLabel(lang, ALARM_SEVERITY_LABELS, s), summary?.bySeverity[s], SEVERITY_HEX[s])}
        </span>
      ))}
    </Space>
  );
}

function sortOf(sorter: unknown): AlarmSort {
  const s = (Array.isArray(sorter) ? sorter[0] : sorter) as
    { columnKey?: string; order?: string } | undefined;
  if (!s?.order) return '-raisedAt';
  const field = s.columnKey === 'severity' ? 'severity' : 'raisedAt';
  return s.order === 'ascend' ? field : `-${field}`;
}

function AlarmList(props: {
  history: boolean;
  refetch: number | false;
  fresh: ReadonlySet<number>;
  onOpen: (a: Alarm) => void;
  onAction: (a: Alarm, action: AlarmAction) => void;
}) {
  const { history, refetch, fresh, onOpen, onAction } = props;
  const tx = useAlarmText();
  const lang = useLang();
  const cityWide = useUser().role !== 'enterprise';
  const canHandle = useCan('alarms.handle');
  const now = useNow(30_000);
  const initial: AlarmListState = {
    page: 1,
    pageSize: 20,
    sort: '-raisedAt',
    ...(history ? {} : { state: 'open' }),
  };
  const [list, setList] = useState<AlarmListState>(initial);
  const alarms = useAlarms(list, history ? false : refetch);
  const columns = useAlarmColumns({ now, canHandle, onOpen, onAction });
  const { page: _p, pageSize: _s, sort: _o, ...filters } = list;
  return (
    <DataTable<Alarm>
      rowKey="id"
      testId={history ? 'alarm-history' : 'alarm-list'}
      columns={columns}
      query={alarms}
      rows={alarms.data?.items}
      loadingOn="paging"
      filters={alarmFilterBar({ list, setList, history, cityWide }, tx, lang)}
      onReset={() => setList(initial)}
      actions={
        <ExportButtons
          path="/alarms/export"
          query={alarmQuery(filters)}
          baseName={history ? 'alarm-history' : 'alarms'}
          testId="alarm-export"
        />
      }
      onChange={(_pagination, _filters, sorter) => {
        const sort = sortOf(sorter);
        if (sort !== list.sort) setList({ ...list, sort, page: 1 });
      }}
      onRow={(a) => ({
        'data-alarm-id': a.id,
        style: fresh.has(a.id)
          ? { background: '#fff1f0', transition: 'background 1s' }
          : a.severity === 'critical' && a.state === 'raised'
            ? { boxShadow: `inset 3px 0 0 ${SEVERITY_HEX.critical}` }
            : undefined,
      })}
      paging={{
        page: list.page,
        pageSize: list.pageSize,
        total: alarms.data?.total,
        onChange: (page, pageSize) => setList({ ...list, page, pageSize }),
      }}
    />
  );
}

/** Alarm ids announced by the stream in the last few seconds (their rows are highlighted). */
function useFreshAlarms(): [ReadonlySet<number>, (e: AlarmLiveEvent) => void] {
  const [fresh, setFresh] = useState<ReadonlySet<number>>(new Set());
  useEffect(() => {
    if (fresh.size === 0) return;
    const timer = setTimeout(() => setFresh(new Set()), NEW_HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [fresh]);
  const onEvent = useCallback((e: AlarmLiveEvent) => {
    if (e.event === 'raised' || e.event === 'reraised') setFresh((s) => new Set(s).add(e.alarm.id));
  }, []);
  return [fresh, onEvent];
}

export function AlarmsPage() {
  const tx = useAlarmText();
  const canHandle = useCan('alarms.handle');
  const cityManager = useCan('alarmRules.read');
  const [fresh, onEvent] = useFreshAlarms();
  const live = useAlarmLive(onEvent);
  const refetch = pollInterval(live);
  const [opened, setOpened] = useState<number | null>(null);
  const [acting, setActing] = useState<{ alarm: Alarm; action: AlarmAction } | null>(null);
  const onOpen = useCallback((a: Alarm) => setOpened(a.id), []);
  const onAction = useCallback((alarm: Alarm, action: AlarmAction) => setActing({ alarm, action }), []);
  const listProps = { refetch, fresh, onOpen, onAction };
  return (
    <>
      <div className="hearth-page-header">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {tx('title')}
        </Typography.Title>
        <Space size={24}>
          <LiveBadge state={live} />
          <SoundSwitch />
        </Space>
      </div>
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <SummaryStrip refetch={refetch} />
      </Card>
      <Card variant="borderless">
        <Tabs
          destroyOnHidden
          items={[
            { key: 'current', label: tx('current'), children: <AlarmList history={false} {...listProps} /> },
            { key: 'history', label: tx('history'), children: <AlarmList history {...listProps} /> },
            ...(cityManager
              ? [{ key: 'deliveries', label: tx('deliveries'), children: <WebhookDeliveries /> }]
              : []),
          ]}
        />
      </Card>
      <AlarmDrawer id={opened} canHandle={canHandle} onClose={() => setOpened(null)} onAction={onAction} />
      <AlarmActionModal target={acting} onDone={() => setActing(null)} />
    </>
  );
}
