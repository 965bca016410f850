// 报警中心's words in Chinese and English (the feature's own, so the shared dictionary stays small).
import { useCallback } from 'react';
import { useLang } from '../../shared/i18n.ts';

const TEXT = {
  title: ['报警中心', 'Alarm centre'],
  current: ['当前报警', 'Open alarms'],
  history: ['历史记录', 'History'],
  deliveries: ['推送记录', 'Webhook deliveries'],
  severity: ['级别', 'Severity'],
  state: ['状态', 'State'],
  type: ['类型', 'Type'],
  target: ['报警对象', 'Target'],
  station: ['换热站', 'Station'],
  enterprise: ['供热企业', 'Enterprise'],
  message: ['报警内容', 'Message'],
  value: ['数值', 'Value'],
  limit: ['限值', 'limit'],
  raisedAt: ['触发时间', 'Raised'],
  duration: ['持续', 'Duration'],
  occurrences: ['次数', 'Times'],
  actions: ['操作', 'Actions'],
  acknowledge: ['确认', 'Acknowledge'],
  close: ['关闭', 'Close'],
  details: ['详情', 'Details'],
  note: ['处理说明', 'Note'],
  noteOptional: ['处理说明（选填）', 'Note (optional)'],
  noteRequired: ['请填写关闭说明', 'Enter a note for closing'],
  acknowledged: ['已确认报警', 'Alarm acknowledged'],
  closed: ['已关闭报警', 'Alarm closed'],
  openAlarms: ['未关闭', 'Open'],
  unacknowledged: ['未确认', 'Unacknowledged'],
  sound: ['声音提醒', 'Sound'],
  soundHint: [
    '新的紧急报警时发出提示音（本浏览器记住此设置）',
    'Beep on a new critical alarm (remembered in this browser)',
  ],
  live: ['实时', 'Live'],
  connecting: ['连接中', 'Connecting'],
  polling: ['定时刷新', 'Polling'],
  liveHint: ['新报警无需刷新页面即自动出现', 'New alarms appear without reloading'],
  pollHint: ['实时连接不可用，每 15 秒刷新一次', 'Live stream unavailable: refreshing every 15 s'],
  search: ['搜索对象/换热站/企业', 'Search target / station / enterprise'],
  from: ['开始日期', 'From'],
  to: ['结束日期', 'To'],
  allStates: ['全部状态', 'All states'],
  openState: ['未关闭', 'Open'],
  timeline: ['处理时间线', 'Timeline'],
  system: ['系统', 'System'],
  escalation: ['升级', 'Escalation'],
  rule: ['报警规则', 'Rule'],
  acknowledgedBy: ['确认人', 'Acknowledged by'],
  closedBy: ['关闭人', 'Closed by'],
  notified: ['通知', 'Notified'],
  noAlarms: ['暂无报警', 'No alarms'],
  topic: ['主题', 'Topic'],
  attempts: ['尝试次数', 'Attempts'],
  lastError: ['最近错误', 'Last error'],
  nextAttempt: ['下次尝试', 'Next attempt'],
  deliveredAt: ['送达时间', 'Delivered'],
  createdAt: ['产生时间', 'Created'],
  retry: ['重试', 'Retry'],
  retried: ['已重新排队', 'Queued again'],
  newAlarm: ['新报警', 'New alarm'],
} as const satisfies Record<string, readonly [string, string]>;

export type AlarmTextKey = keyof typeof TEXT;

export function useAlarmText(): (key: AlarmTextKey) => string {
  const lang = useLang();
  return useCallback((key) => TEXT[key][lang === 'en' ? 1 : 0], [lang]);
}
