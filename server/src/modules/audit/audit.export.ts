// The audit log as a sheet a heating office reads: Chinese headers, city time, 新建/修改/删除/导入, names beside
// codes and ids, and each change as "字段: 旧值 → 新值" with references by name and enums by their Chinese label.
import { ROLE_LABELS } from '@hearth/contracts/auth';
import type { AuditEntry } from '@hearth/contracts/auth';
import {
  BILLING_MODE_LABELS,
  BUILDING_TYPE_LABELS,
  ENTERPRISE_TYPE_LABELS,
  FUEL_LABELS,
  HEAT_SOURCE_TYPE_LABELS,
  NODE_KIND_LABELS,
  VULNERABLE_LABELS,
} from '@hearth/contracts/registry';
import type { SheetColumn } from '../../lib/spreadsheet.ts';
import { REFERENCE_FIELDS } from './audit.names.ts';

export const ACTION_LABELS: Readonly<Record<string, string>> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  import: '导入',
  move: '迁移',
  rotate: '更换密钥',
  revoke: '吊销',
  end_credential: '终止凭据',
};

/** Audit entity types outside the registry (whose types are named by their definitions' labels). */
const OTHER_ENTITY_LABELS: Readonly<Record<string, string>> = {
  user: '用户',
  device: '设备',
  alarm_rule: '报警规则',
};

/** Chinese names of the keys a change may hold (registry fields, accounts, devices, imports, moves). */
const KEY_LABELS: Readonly<Record<string, string>> = {
  id: 'ID',
  code: '编码',
  name: '名称',
  type: '类型',
  enterpriseId: '所属企业',
  heatSourceId: '热源',
  stationId: '换热站',
  communityId: '小区',
  buildingId: '楼栋',
  householdId: '住户',
  nodeId: '管网节点',
  fromNodeId: '起点节点',
  toNodeId: '终点节点',
  pipeId: '管道',
  fuel: '燃料',
  capacityMw: '装机容量 (MW)',
  designSupplyTemp: '设计供水温度 (℃)',
  designReturnTemp: '设计回水温度 (℃)',
  servedAreaM2: '服务面积 (m²)',
  district: '行政区',
  address: '地址',
  lon: '经度',
  lat: '纬度',
  contact: '联系人',
  phone: '电话',
  duty: '职责',
  license: '许可证号',
  floors: '层数',
  builtYear: '建成年份',
  unit: '单元',
  floor: '楼层',
  room: '房号',
  ownerName: '户主',
  areaM2: '面积 (m²)',
  billing: '计费方式',
  paidThisSeason: '本季已缴费',
  vulnerable: '困难类别',
  kind: '类型',
  status: '状态',
  dn: '管径 (DN)',
  lengthM: '长度 (m)',
  geometry: '几何',
  householdCount: '户数',
  heatedAreaM2: '供热面积 (m²)',
  username: '用户名',
  displayName: '显示名',
  role: '角色',
  departmentCode: '所属部门',
  active: '启用',
  password: '密码',
  sessionsEnded: '结束会话数',
  count: '条数',
  firstCode: '首条编码',
  lastCode: '末条编码',
  carried: '随迁对象',
  devicesOf: '涉及设备',
  demo: '演示设备',
  stationDevices: '换热站网关数',
  indoorSensors: '室温采集器数',
  devices: '设备数',
  reason: '原因',
  movedWith: '随同迁移',
  createdAt: '创建时间',
  updatedAt: '更新时间',
};

/** Enum labels by key; `type` depends on the entity. */
const TYPE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  enterprise: ENTERPRISE_TYPE_LABELS,
  heat_source: HEAT_SOURCE_TYPE_LABELS,
  building: BUILDING_TYPE_LABELS,
};
const ENUM_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  fuel: FUEL_LABELS,
  billing: BILLING_MODE_LABELS,
  vulnerable: VULNERABLE_LABELS,
  role: ROLE_LABELS,
  kind: { ...NODE_KIND_LABELS, gate: '闸阀', butterfly: '蝶阀', ball: '球阀' },
  status: { open: '开启', closed: '关闭' },
};

function isFromTo(v: unknown): v is { from: unknown; to: unknown } {
  return typeof v === 'object' && v !== null && 'from' in v && 'to' in v && Object.keys(v).length === 2;
}

function valueText(entry: AuditEntry, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  const names = entry.names ?? {};
  const resource = key === 'departmentCode' ? 'departments' : REFERENCE_FIELDS[key];
  if (resource && (typeof value === 'number' || typeof value === 'string'))
    return names[`${resource}/${value}`] ?? String(value);
  if (typeof value === 'string') {
    const labels = key === 'type' ? TYPE_LABELS[entry.entity] : ENUM_LABELS[key];
    return labels?.[value] ?? value;
  }
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/** The changes as "字段: 旧值 → 新值" (or "字段: 值") lines. */
export function changesText(entry: AuditEntry): string {
  return Object.entries(entry.changes ?? {})
    .map(([key, value]) => {
      const text = isFromTo(value)
        ? `${valueText(entry, key, value.from)} → ${valueText(entry, key, value.to)}`
        : valueText(entry, key, value);
      return `${KEY_LABELS[key] ?? key}: ${text}`;
    })
    .join('\n');
}

/** `YYYY-MM-DD HH:mm:ss` on the city's clocks. */
function cityTime(timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return (iso) => format.format(new Date(iso)).replace('T', ' ');
}

/** The sheet's columns; `entityLabels` names the registry's entity types (`station` → 换热站). */
export function auditColumns(
  timeZone: string,
  entityLabels: ReadonlyMap<string, string>,
): SheetColumn<AuditEntry>[] {
  const time = cityTime(timeZone);
  return [
    { header: '时间', value: (e) => time(e.at) },
    { header: '操作人', value: (e) => e.actorName ?? e.username },
    { header: '用户名', value: (e) => e.username },
    { header: '动作', value: (e) => ACTION_LABELS[e.action] ?? e.action },
    {
      header: '对象类型',
      value: (e) => entityLabels.get(e.entity) ?? OTHER_ENTITY_LABELS[e.entity] ?? e.entity,
    },
    { header: '对象名称', value: (e) => e.entityName },
    { header: '对象编码', value: (e) => e.entityCode },
    { header: '对象ID', value: (e) => e.entityId },
    {
      header: '所属企业',
      value: (e) =>
        e.enterpriseId === null
          ? null
          : (e.names?.[`enterprises/${e.enterpriseId}`] ?? String(e.enterpriseId)),
    },
    { header: '变更内容', value: changesText },
  ];
}
