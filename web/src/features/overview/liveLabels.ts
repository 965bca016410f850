// Labels of the live overview (Chinese first, English mode): kept beside the feature, read through useLang().
import { useCallback } from 'react';
import { useLang } from '../../shared/i18n.ts';

const LABELS = {
  title: ['城市总览', 'City overview'],
  enterpriseTitle: ['{name} 概览', '{name} overview'],
  updatedAt: ['更新于 {time}', 'Updated {time}'],
  bigScreen: ['大屏', 'Big screen'],
  exitBigScreen: ['退出大屏', 'Exit big screen'],
  liveSection: ['实时运行', 'Now'],
  online: ['站点在线', 'Stations online'],
  compliance: ['室温合格率', 'Indoor compliance'],
  complianceDetail: [
    '上报 {n} 户 · 低于 {standard} ℃ {below} 户',
    '{n} reporting · {below} below {standard} ℃',
  ],
  load: ['当前热负荷', 'Heat load now'],
  loadDetail: ['{n} 座换热站上报热功率', '{n} stations report heat power'],
  outdoor: ['室外温度', 'Outdoor temperature'],
  outdoorNone: ['站点未上报室外温度', 'No station reports it'],
  outdoorDetail: ['站点实测均值', 'Mean of station readings'],
  outdoorWeather: ['气象观测', 'Weather observations'],
  none: ['暂无', 'None yet'],
  gauge: ['热负荷 / 装机容量', 'Heat load / capacity'],
  gaugeDetail: ['负荷 {load} MW / {kind} {capacity} MW', 'Load {load} MW / {kind} {capacity} MW'],
  sourceCapacity: ['热源装机', 'source capacity'],
  stationCapacity: ['换热站容量', 'station capacity'],
  coldest: ['最冷小区 (平均室温)', 'Coldest communities (mean indoor)'],
  coldestNone: ['暂无室温上报', 'No indoor readings yet'],
  households: ['{n} 户', '{n} households'],
  noLiveData: ['暂无运行数据', 'No readings yet'],
  noLiveDataHint: [
    '换热站与室温采集设备尚未上报；接入后此处每 15 秒刷新。',
    'No station or indoor sensor has reported yet; this refreshes every 15 s once they do.',
  ],
} as const;

export type LiveLabel = keyof typeof LABELS;

/** `t(key, { name: … })`: the label in the console's language with `{name}` placeholders filled */
export function useLiveT(): (key: LiveLabel, vars?: Record<string, string | number>) => string {
  const lang = useLang();
  return useCallback(
    (key, vars = {}) =>
      LABELS[key][lang === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? '')),
    [lang],
  );
}
