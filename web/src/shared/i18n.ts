// Console language (zh default, en toggle): persisted choice, a small zh/en dictionary, the t() hook and the
// contracts' enum labels and units in the chosen language.
import { useCallback, useSyncExternalStore } from 'react';
import { ENGLISH_LABELS, unitEn } from '@hearth/contracts/labels-en';

export type Lang = 'zh' | 'en';
const LANG_KEY = 'hearth.lang';
const listeners = new Set<() => void>();

export function getLang(): Lang {
  return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
}

export function setLang(lang: Lang): void {
  localStorage.setItem(LANG_KEY, lang);
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useLang(): Lang {
  return useSyncExternalStore(subscribe, getLang);
}

const DICT = {
  'app.title': ['城市供热保障平台', 'Hearth Heating'],
  'nav.overview': ['城市总览', 'City overview'],
  'nav.monitoringGroup': ['运行监测', 'Monitoring'],
  'nav.monitoring': ['运行监测', 'Live monitoring'],
  'nav.alarms': ['报警中心', 'Alarm centre'],
  'nav.devices': ['设备管理', 'Devices'],
  'nav.quality': ['数据质量', 'Data quality'],
  'nav.weather': ['气象', 'Weather'],
  'nav.dead-letters': ['异常数据', 'Rejected data'],
  'nav.forecast': ['负荷预测', 'Load forecast'],
  'nav.weatherGroup': ['气象联动', 'Weather & operation'],
  'nav.raise-orders': ['升温令', 'Raise orders'],
  'nav.registry': ['台账', 'Registry'],
  'nav.enterprises': ['供热企业', 'Enterprises'],
  'nav.heat-sources': ['热源', 'Heat sources'],
  'nav.stations': ['换热站', 'Stations'],
  'nav.communities': ['小区', 'Communities'],
  'nav.buildings': ['楼栋', 'Buildings'],
  'nav.households': ['住户', 'Households'],
  'nav.network': ['管网', 'Pipe network'],
  'nav.network-nodes': ['管网节点', 'Network nodes'],
  'nav.pipes': ['管道', 'Pipes'],
  'nav.valves': ['阀门', 'Valves'],
  'nav.departments': ['协同部门', 'Departments'],
  'nav.repair-teams': ['抢修队伍', 'Repair teams'],
  'nav.system': ['系统', 'System'],
  'nav.users': ['用户', 'Users'],
  'nav.audit': ['审计日志', 'Audit log'],
  'auth.login': ['登录', 'Log in'],
  'auth.logout': ['退出', 'Log out'],
  'auth.username': ['用户名', 'Username'],
  'auth.password': ['密码', 'Password'],
  'auth.required': ['请输入用户名和密码', 'Enter username and password'],
  'common.search': ['搜索名称/编码', 'Search name / code'],
  'common.create': ['新建', 'New'],
  'common.edit': ['编辑', 'Edit'],
  'common.delete': ['删除', 'Delete'],
  'common.confirmDelete': ['确定删除？', 'Delete this record?'],
  'common.deleted': ['已删除', 'Deleted'],
  'common.saved': ['已保存', 'Saved'],
  'common.created': ['已创建', 'Created'],
  'common.save': ['保存', 'Save'],
  'common.cancel': ['取消', 'Cancel'],
  'common.actions': ['操作', 'Actions'],
  'common.export': ['导出CSV', 'Export CSV'],
  'common.import': ['导入', 'Import'],
  'common.reset': ['重置', 'Reset'],
  'common.back': ['返回', 'Back'],
  'common.all': ['全部', 'All'],
  'common.yes': ['是', 'Yes'],
  'common.no': ['否', 'No'],
  'common.total': ['共 {n} 条', '{n} in total'],
  'common.totalEstimate': ['约 {n} 条', 'about {n} in total'],
  'common.loadFailed': ['加载失败', 'Failed to load'],
  'common.retry': ['重试', 'Retry'],
  'common.noData': ['暂无数据', 'No data'],
  'common.enterprise': ['所属企业', 'Enterprise'],
  'common.createdAt': ['创建时间', 'Created'],
  'common.updatedAt': ['更新时间', 'Updated'],
  'common.detail': ['详情', 'Details'],
  'common.viewAll': ['在列表中查看全部', 'Open the full list'],
  'common.fixErrors': ['请修正表单中的错误', 'Please fix the errors in the form'],
  'common.notFound': ['页面不存在', 'Page not found'],
  'common.home': ['返回首页', 'Back home'],
  'common.forbidden': ['无权访问此页面', 'You may not open this page'],
  'import.title': ['导入数据', 'Import data'],
  'import.hint': [
    '整份文件校验通过才会导入；任何一行有错则全部不导入。',
    'The whole file is validated; if any row is bad nothing is imported.',
  ],
  'import.pick': ['点击或拖入 CSV / XLSX 文件', 'Click or drop a CSV or XLSX file'],
  'import.submit': ['开始导入', 'Import'],
  'import.done': ['已导入 {n} 条', 'Imported {n} rows'],
  'import.phase.parsing': ['正在解析文件…', 'Reading the file…'],
  'import.phase.validating': ['正在校验数据…', 'Validating rows…'],
  'import.phase.checking': ['正在核对引用与编码…', 'Checking references and codes…'],
  'import.phase.writing': ['正在写入…', 'Writing…'],
  'import.errors': ['文件有错误，未导入任何数据', 'The file has errors; nothing was imported'],
  'import.line': ['行', 'Line'],
  'import.column': ['列', 'Column'],
  'import.reason': ['原因', 'Reason'],
  'overview.kpis': ['关键指标', 'Key figures'],
  'overview.enterprises': ['企业数', 'Enterprises'],
  'overview.heatSources': ['热源数', 'Heat sources'],
  'overview.stations': ['换热站数', 'Stations'],
  'overview.communities': ['小区数', 'Communities'],
  'overview.households': ['住户数', 'Households'],
  'overview.area': ['供热面积 (万m²)', 'Heated area (10⁴ m²)'],
  'overview.clean': ['清洁取暖占比', 'Clean heating share'],
  'overview.paid': ['缴费率', 'Paid this season'],
  'overview.vulnerable': ['困难户', 'Vulnerable households'],
  'overview.capacity': ['总装机 (MW)', 'Capacity (MW)'],
  'overview.byEnergy': ['各能源类型供热面积', 'Heated area by energy type'],
  'overview.map': ['热源、换热站与管网分布', 'Sources, stations and network'],
  'overview.mapHint': [
    '滚轮缩放，拖动平移，点击换热站查看详情',
    'Wheel to zoom, drag to pan, click a station',
  ],
  'overview.pipes': ['管道', 'Pipes'],
  'overview.trunk': ['主干管 (≥DN500)', 'Trunk (≥DN500)'],
  'overview.branch': ['支线 (DN200–450)', 'Branch (DN200–450)'],
  'overview.service': ['庭院管 (<DN200)', 'Service (<DN200)'],
  'monitoring.live': ['实时', 'Live'],
  'monitoring.connecting': ['连接中', 'Connecting'],
  'monitoring.disconnected': ['已断开，正在重连', 'Disconnected, reconnecting'],
  'monitoring.liveHint': ['数据变化时自动推送（最快每2秒）', 'Pushed when data changes (at most every 2 s)'],
  'monitoring.station': ['换热站', 'Station'],
  'monitoring.status': ['状态', 'Status'],
  'monitoring.lastTs': ['最近上报', 'Last reading'],
  'monitoring.never': ['从未上报', 'Never'],
  'telemetry.title': ['运行数据', 'Operating data'],
  'telemetry.chart': ['运行曲线', 'Trend'],
  'telemetry.metric': ['指标', 'Metric'],
  'telemetry.range6h': ['最近6小时', 'Last 6 h'],
  'telemetry.range24h': ['24小时', '24 h'],
  'telemetry.range7d': ['7天', '7 days'],
  'telemetry.range30d': ['30天', '30 days'],
  'telemetry.mean': ['均值', 'Mean'],
  'telemetry.value': ['数值', 'Value'],
  'telemetry.minMax': ['最小–最大', 'Min–max'],
  'telemetry.resolution': ['粒度', 'Resolution'],
  'telemetry.noReadings': ['该换热站暂无运行数据', 'No readings from this station yet'],
  'telemetry.indoorTitle': ['室温数据', 'Indoor temperature'],
  'telemetry.noIndoorReadings': ['该住户暂无室温数据', 'No indoor readings from this household yet'],
  'indoor.title': ['室温', 'Indoor temperatures'],
  'indoor.standard': ['室温标准 {standard} ℃', 'Standard {standard} ℃'],
  'indoor.sensed': ['采样住户', 'Sensed households'],
  'indoor.reporting': ['在线', 'Reporting'],
  'indoor.compliance': ['室温合格率', 'Compliance'],
  'indoor.belowCount': ['不达标户数', 'Below standard'],
  'indoor.min': ['最低', 'Min'],
  'indoor.mean': ['平均', 'Mean'],
  'indoor.max': ['最高', 'Max'],
  'indoor.household': ['住户', 'Household'],
  'indoor.value': ['室温', 'Indoor temp.'],
  'indoor.ts': ['读数时间', 'Reading'],
  'indoor.verdict': ['判定', 'Verdict'],
  'indoor.below': ['低于 {standard} ℃', 'Below {standard} ℃'],
  'indoor.meets': ['达标', 'Meets'],
  'indoor.silent': ['失联', 'Silent'],
  'indoor.noData': ['暂无数据', 'No data'],
  'indoor.noSensors': ['该小区尚未安装室温采集设备', 'No indoor sensors in this community'],
  'telemetry.noSeries': ['所选时间段内无数据', 'No data in this range'],
  'telemetry.stalePoint': ['数据已超时', 'Stale'],
  'devices.register': ['登记设备', 'Register device'],
  'devices.name': ['设备名称', 'Name'],
  'devices.target': ['绑定对象', 'Bound to'],
  'devices.targetKind': ['绑定类型', 'Kind'],
  'devices.station': ['换热站', 'Station'],
  'devices.household': ['住户（室温采集）', 'Household (indoor sensor)'],
  'devices.topic': ['MQTT 主题', 'MQTT topic'],
  'devices.active': ['状态', 'Status'],
  'devices.enabled': ['有效', 'Active'],
  'devices.revoked': ['已吊销', 'Revoked'],
  'devices.demo': ['演示', 'Demo'],
  'devices.allDevices': ['全部设备', 'All devices'],
  'devices.demoOnly': ['演示设备', 'Demo devices'],
  'devices.notDemo': ['非演示设备', 'Other devices'],
  'devices.credentialEnded': ['凭据已失效', 'Credential ended'],
  'devices.credentialEndedHint': [
    '所属站点或住户已划归本企业，原密钥已失效；请更换密钥后重新配置设备',
    'Its station or household moved to this enterprise and the old token ended: rotate to issue a new one',
  ],
  'devices.lastSeen': ['最近通信', 'Last seen'],
  'devices.rotate': ['更换密钥', 'Rotate token'],
  'devices.confirmRotate': ['更换后旧密钥立即失效，确定？', 'The old token stops working at once. Rotate?'],
  'devices.revoke': ['吊销', 'Revoke'],
  'devices.confirmRevoke': ['吊销后设备无法再上报数据，确定？', 'The device can no longer report. Revoke?'],
  'devices.revokedDone': ['设备已吊销', 'Device revoked'],
  'devices.pickTarget': ['请选择绑定对象', 'Choose what the device reports for'],
  'devices.credential': ['设备密钥', 'Device credential'],
  'devices.onceWarning': [
    '密钥只显示这一次，服务器仅保存其摘要。请立即复制并妥善保存；遗失后只能更换密钥。',
    'The token is shown only now; the server keeps only its hash. Copy it now — if lost, rotate it.',
  ],
  'devices.deviceId': ['设备ID', 'Device id'],
  'devices.token': ['密钥', 'Token'],
  'devices.mqttHint': ['MQTT 接入', 'MQTT connection'],
  'devices.mqttHost': ['地址', 'Host'],
  'devices.mqttPort': ['端口', 'Port'],
  'devices.mqttPortNote': [
    '默认 1883，以服务器 HEARTH_MQTT_PORT 配置为准',
    'default 1883; set by the server’s HEARTH_MQTT_PORT',
  ],
  'devices.mqttUser': ['用户名', 'Username'],
  'devices.mqttPassword': ['密码', 'Password'],
  'devices.qos': [
    'QoS 1，消息体为 { ts, values } 或其数组',
    'QoS 1; payload { ts, values } or an array of them',
  ],
  'devices.httpHint': ['HTTP 接入', 'HTTP ingest'],
  'devices.done': ['我已保存', 'I have saved it'],
  'deadLetters.stats': ['接入统计（按企业）', 'Ingest counters by enterprise'],
  'broker.dropped': [
    'MQTT 代理已丢弃 {n} 条已向设备确认的消息（最近一次：{at}），这些读数已丢失',
    'The MQTT broker dropped {n} messages it had acknowledged to devices (last: {at}); those readings are lost',
  ],
  'broker.droppedHint': [
    '代理的队列已满。请按 deploy/mosquitto/hearth.conf 提高 max_queued_messages / max_queued_bytes，确认各 Hearth 进程在线并跟得上接入速度（README“扩容运行”）。',
    'The broker’s queue was full: raise max_queued_messages / max_queued_bytes as in deploy/mosquitto/hearth.conf, and check that the Hearth processes are up and keeping pace (README, scale-out).',
  ],
  'broker.ok': [
    'MQTT 代理未丢弃消息 · 代理存储 {queued} 条 · 更新于 {at}',
    'The MQTT broker has dropped nothing · {queued} messages held · as of {at}',
  ],
  'deadLetters.accepted': ['已接收', 'Accepted'],
  'deadLetters.duplicates': ['重复', 'Duplicates'],
  'deadLetters.rejected': ['已拒绝', 'Rejected'],
  'deadLetters.outOfOrder': ['乱序', 'Out of order'],
  'deadLetters.rejectRate': ['拒绝率', 'Reject rate'],
  'deadLetters.list': ['被拒绝的消息', 'Rejected messages'],
  'deadLetters.at': ['时间', 'Time'],
  'deadLetters.channel': ['通道', 'Channel'],
  'deadLetters.device': ['设备', 'Device'],
  'deadLetters.target': ['目标', 'Target'],
  'deadLetters.code': ['原因代码', 'Code'],
  'deadLetters.reason': ['原因', 'Reason'],
  'deadLetters.unscoped': ['未识别企业', 'Unknown enterprise'],
  'quality.stationCoverage': ['换热站覆盖率', 'Coverage'],
  'quality.dataCompleteness': ['数据完整率', 'Completeness'],
  'quality.ofStations': ['共 {n} 座换热站', '{n} stations'],
  'quality.lastHours': ['近 {h} 小时', 'last {h} h'],
  'quality.byEnterprise': ['各企业数据质量（近 {h} 小时）', 'Data quality by enterprise (last {h} h)'],
  'quality.stations': ['换热站', 'Stations'],
  'quality.coverage': ['覆盖率', 'Coverage'],
  'quality.coverageHint': [
    '有数据上报（在线或数据延迟）的换热站占全部换热站的比例',
    'Share of stations that report (online or delayed)',
  ],
  'quality.completeness': ['完整率', 'Completeness'],
  'quality.completenessHint': [
    '近 {h} 小时内有数据的15分钟时段占比（各换热站平均）',
    'Share of 15-minute intervals of the last {h} h with data (averaged over the stations)',
  ],
  'quality.staleSensors': ['失联测点', 'Stale points'],
  'quality.staleHint': [
    '在线换热站中超过时限未更新的测点（传感器失联）',
    'Points of online stations not updated within the stale window (dead sensors)',
  ],
  'quality.stuckSensors': ['卡死测点', 'Stuck points'],
  'quality.stuckHint': [
    '上报中的换热站里近2小时数值完全不变的模拟量测点（传感器卡死）',
    'Analog points of reporting stations whose value has not moved over the last 2 h (stuck sensors)',
  ],
  'quality.sampling': ['室温采样率', 'Sampling share'],
  'quality.samplingHint': [
    '安装室温采集设备的住户占住户总数的比例；低于下限的企业和小区标红，缺底层、顶层或管网末端样本的标橙',
    'Share of households with an indoor sensor; below the minimum is red, a sample missing the ground floor, top floor or far end is orange',
  ],
  'quality.samplingByEnterprise': ['室温采样率（按企业）', 'Indoor sampling by enterprise'],
  'quality.samplingByCommunity': ['室温采样率（按小区）', 'Indoor sampling by community'],
  'quality.minimum': ['采样下限 {min}', 'Minimum {min}'],
  'quality.belowMinimum': ['低于下限 {min}', 'Below minimum {min}'],
  'quality.meetsMinimum': ['达标', 'Meets minimum'],
  'quality.noHouseholds': ['无住户', 'No households'],
  'quality.verdict': ['采样判定', 'Verdict'],
  'quality.onlyBelow': ['仅看不达标', 'Only falling short'],
  'quality.belowCommunities': ['采样不达标小区', 'Sample falls short'],
  'quality.missing': ['缺{check}样本', 'no {check} sample'],
  'quality.farEnd': ['管网末端', 'Far end'],
  'quality.farEndHint': ['该换热站所供小区中距站最远的一个', 'The community farthest from its station'],
  'quality.spreadChecks': ['分布要求：{checks}', 'Spread: {checks}'],
  'quality.belowOf': ['共 {n} 个小区', 'of {n} communities'],
  'quality.community': ['小区', 'Community'],
  'quality.district': ['行政区', 'District'],
  'quality.filteredSummary': [
    '筛选结果：{n} 个小区，采样率 {share}，不达标 {flagged} 个',
    'Filtered: {n} communities, sampling {share}, {flagged} falling short',
  ],
  'quality.households': ['住户数', 'Households'],
  'quality.sensors': ['室温测点', 'Indoor sensors'],
  'users.create': ['新建用户', 'New user'],
  'users.displayName': ['显示名', 'Display name'],
  'users.role': ['角色', 'Role'],
  'users.department': ['所属部门', 'Department'],
  'users.active': ['状态', 'Status'],
  'users.enabled': ['启用', 'Active'],
  'users.disabled': ['停用', 'Disabled'],
  'audit.at': ['时间', 'Time'],
  'audit.user': ['操作人', 'User'],
  'audit.action': ['动作', 'Action'],
  'audit.entity': ['对象类型', 'Type'],
  'audit.entityId': ['对象ID', 'Entity id'],
  'audit.object': ['对象名称', 'Name'],
  'audit.system': ['系统', 'System'],
  'audit.type.user': ['用户', 'User'],
  'audit.type.device': ['设备', 'Device'],
  'audit.type.raise_order': ['升温令', 'Raise order'],
  'audit.type.weather_observation': ['气象实况', 'Weather observations'],
  'audit.type.weather_forecast': ['气象预报', 'Weather forecast'],
  'audit.type.weather_decision': ['供热会商记录', 'Heating decision'],
  'audit.export': ['导出', 'Export'],
  'audit.changes': ['变更内容', 'Changes'],
  'audit.from': ['开始日期', 'From'],
  'audit.to': ['结束日期', 'To'],
  'audit.act.create': ['新建', 'Create'],
  'audit.act.update': ['修改', 'Update'],
  'audit.act.delete': ['删除', 'Delete'],
  'audit.act.import': ['导入', 'Import'],
  'audit.act.move': ['迁移', 'Move'],
  'audit.act.rotate': ['更换密钥', 'Rotate key'],
  'audit.act.revoke': ['吊销', 'Revoke'],
  'audit.act.end_credential': ['终止凭据', 'End credential'],
  'audit.act.check': ['核查', 'Check'],
  'audit.key.password': ['密码', 'Password'],
  'audit.key.sessionsEnded': ['结束会话数', 'Sessions ended'],
  'audit.key.count': ['条数', 'Rows'],
  'audit.key.firstCode': ['首条编码', 'First code'],
  'audit.key.lastCode': ['末条编码', 'Last code'],
  'audit.key.carried': ['随迁对象', 'Carried along'],
  'audit.key.devicesOf': ['涉及设备', 'Devices of'],
  'audit.key.demo': ['演示设备', 'Demo devices'],
  'audit.key.stationDevices': ['换热站网关数', 'Station gateways'],
  'audit.key.indoorSensors': ['室温采集器数', 'Indoor sensors'],
  'audit.key.devices': ['设备数', 'Devices'],
  'audit.key.reason': ['原因', 'Reason'],
  'audit.key.movedWith': ['随同迁移', 'Moved with'],
} as const satisfies Record<string, readonly [string, string]>;

export type DictKey = keyof typeof DICT;

/** Translates a key, substituting `{name}` placeholders. */
export function translate(lang: Lang, key: DictKey, vars?: Record<string, string | number>): string {
  const entry = DICT[key];
  let s: string = lang === 'en' ? entry[1] : entry[0];
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, String(v));
  return s;
}

export type TFunction = (key: DictKey, vars?: Record<string, string | number>) => string;

/** `t(key)` bound to the current language. */
export function useT(): TFunction {
  const lang = useLang();
  return useCallback((key, vars) => translate(lang, key, vars), [lang]);
}

/** Picks the zh or en text of a bilingual label. */
export function pick(lang: Lang, zh: string, en: string | undefined): string {
  return lang === 'en' && en ? en : zh;
}

/**
 * An enum value's label in `lang`: from the contracts' Chinese map `labels` or, in English, its twin in
 * `@hearth/contracts/labels-en` (or `en` when given); the raw value when neither knows it.
 */
export function enumLabel(
  lang: Lang,
  labels: Readonly<Record<string, string>> | undefined,
  value: string,
  en?: Readonly<Record<string, string>>,
): string {
  const zh = labels?.[value];
  if (lang !== 'en') return zh ?? value;
  const english = en ?? (labels ? ENGLISH_LABELS.get(labels) : undefined);
  return english?.[value] ?? zh ?? value;
}

/** A unit as written in `lang` (`t/h 或 m³/h` → `t/h or m³/h`). */
export function unitIn(lang: Lang, unit: string): string {
  return lang === 'en' ? unitEn(unit) : unit;
}
