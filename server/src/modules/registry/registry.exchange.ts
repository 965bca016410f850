// Data exchange 数据交换: the columns of every registry resource as a heating office reads them (Chinese headers
// with units, enum labels, references by code and name beside the id), declared once for export and import.
import {
  BILLING_MODE_LABELS,
  BUILDING_TYPE_LABELS,
  ENTERPRISE_TYPE_LABELS,
  FUEL_LABELS,
  HEAT_SOURCE_TYPE_LABELS,
  NODE_KIND_LABELS,
  VALVE_KIND_LABELS,
  VALVE_STATUS_LABELS,
  VULNERABLE_LABELS,
  type RegistryResourceName,
} from '@hearth/contracts/registry';
import type { Row } from './registry.resource.ts';

/**
 * One field of a resource in a sheet. `field` is the API field (the create input's, unless `exportOnly`);
 * `header` its Chinese header, `unit` shown after it (`容量 (MW)`). A `ref` field holds the id of a row of that
 * resource: it is exported as three columns (`热源ID`, `热源编码`, `热源名称`) and imported from any of them.
 */
export type ExchangeField = {
  field: string;
  header: string;
  unit?: string;
  decimals?: number;
  /** enum code → Chinese label (exported as the label, imported from either) */
  labels?: Readonly<Record<string, string>>;
  ref?: RegistryResourceName;
  /** 是/否 */
  flag?: boolean;
  /** written by export only (derived counters, times, the owner of rows that take it from their parent) */
  exportOnly?: boolean;
  /** the cell from the item when it is not `item[field]` (a point's longitude) */
  get?: (item: Row) => unknown;
  /** a timestamp: exported in city time */
  time?: boolean;
  required?: boolean;
};

export type ExchangeDef = {
  fields: ExchangeField[];
  /** the create input from the sheet's values when it is not field by field (lon/lat → a GeoJSON point) */
  assemble?: (values: Row) => Row;
};

const code: ExchangeField = { field: 'code', header: '编码', required: true };
const name: ExchangeField = { field: 'name', header: '名称', required: true };
const address: ExchangeField = { field: 'address', header: '地址' };
const lon: ExchangeField = { field: 'lon', header: '经度', decimals: 6 };
const lat: ExchangeField = { field: 'lat', header: '纬度', decimals: 6 };
const phone: ExchangeField = { field: 'phone', header: '电话' };
const builtYear: ExchangeField = { field: 'builtYear', header: '建成年份' };
const capacityMw: ExchangeField = {
  field: 'capacityMw',
  header: '容量',
  unit: 'MW',
  decimals: 2,
  required: true,
};
const enterprise: ExchangeField = { field: 'enterpriseId', header: '所属企业', ref: 'enterprises' };
const enterpriseShown: ExchangeField = { ...enterprise, exportOnly: true };

/** `ID` first, the times last: exported for reference, ignored on import. */
const ID: ExchangeField = { field: 'id', header: 'ID', exportOnly: true };
const TIMES: ExchangeField[] = [
  { field: 'createdAt', header: '创建时间', exportOnly: true, time: true },
  { field: 'updatedAt', header: '更新时间', exportOnly: true, time: true },
];

type Point = { coordinates: [number, number] };
const pointLon: ExchangeField = {
  ...lon,
  required: true,
  get: (i) => (i.geometry as Point | null)?.coordinates[0],
};
const pointLat: ExchangeField = {
  ...lat,
  required: true,
  get: (i) => (i.geometry as Point | null)?.coordinates[1],
};

/** lon/lat columns → the GeoJSON point the network contracts take. */
function pointFromLonLat(values: Row): Row {
  const { lon: x, lat: y, ...rest } = values;
  if (x === undefined && y === undefined) return rest;
  return { ...rest, geometry: { type: 'Point', coordinates: [x, y] } };
}

/** the pipe's coordinates as JSON text (`[[117.1,39.1],[117.2,39.1]]`) → a GeoJSON LineString */
function lineFromCoordinates(values: Row): Row {
  const { coordinates, ...rest } = values;
  if (coordinates === undefined) return rest;
  let parsed: unknown = coordinates;
  try {
    parsed = JSON.parse(String(coordinates));
  } catch {
    // left as text: the contract refuses it with the column's name
  }
  return { ...rest, geometry: { type: 'LineString', coordinates: parsed } };
}

const with_ = (fields: ExchangeField[]): ExchangeField[] => [ID, ...fields, ...TIMES];

/** Every registry resource's sheet. The order of the import fields is the template's. */
export const EXCHANGE: Record<RegistryResourceName, ExchangeDef> = {
  enterprises: {
    fields: with_([
      code,
      name,
      { field: 'type', header: '企业类型', labels: ENTERPRISE_TYPE_LABELS, required: true },
      { field: 'licenseNo', header: '许可证号' },
      { field: 'hotline', header: '服务热线' },
      address,
    ]),
  },
  'heat-sources': {
    fields: with_([
      code,
      name,
      enterprise,
      { field: 'type', header: '热源类型', labels: HEAT_SOURCE_TYPE_LABELS, required: true },
      { field: 'fuel', header: '燃料', labels: FUEL_LABELS, required: true },
      capacityMw,
      lon,
      lat,
      address,
    ]),
  },
  stations: {
    fields: with_([
      code,
      name,
      enterprise,
      { field: 'heatSourceId', header: '热源', ref: 'heat-sources' },
      capacityMw,
      { field: 'designSupplyTemp', header: '设计供水温度', unit: '℃', decimals: 1, required: true },
      { field: 'designReturnTemp', header: '设计回水温度', unit: '℃', decimals: 1, required: true },
      { field: 'servedAreaM2', header: '供热面积', unit: 'm²', decimals: 2, required: true },
      lon,
      lat,
      address,
    ]),
  },
  communities: {
    fields: with_([
      code,
      name,
      enterprise,
      { field: 'stationId', header: '换热站', ref: 'stations' },
      { field: 'district', header: '行政区' },
      address,
      lon,
      lat,
      { field: 'householdCount', header: '住户数', exportOnly: true },
      { field: 'heatedAreaM2', header: '住户面积合计', unit: 'm²', decimals: 2, exportOnly: true },
    ]),
  },
  buildings: {
    fields: with_([
      code,
      name,
      enterpriseShown,
      { field: 'communityId', header: '小区', ref: 'communities', required: true },
      { field: 'type', header: '楼栋类型', labels: BUILDING_TYPE_LABELS, required: true },
      { field: 'floors', header: '层数', required: true },
      builtYear,
    ]),
  },
  households: {
    fields: with_([
      code,
      enterpriseShown,
      { field: 'communityId', header: '小区', ref: 'communities', required: true },
      { field: 'buildingId', header: '楼栋', ref: 'buildings' },
      { field: 'unit', header: '单元' },
      { field: 'floor', header: '楼层' },
      { field: 'room', header: '房号' },
      { field: 'ownerName', header: '户主' },
      { field: 'areaM2', header: '面积', unit: 'm²', decimals: 2, required: true },
      { field: 'billing', header: '计费方式', labels: BILLING_MODE_LABELS },
      { field: 'paidThisSeason', header: '本季已缴费', flag: true },
      { field: 'vulnerable', header: '困难类别', labels: VULNERABLE_LABELS },
    ]),
  },
  'network-nodes': {
    fields: with_([
      code,
      enterprise,
      { field: 'kind', header: '节点类型', labels: NODE_KIND_LABELS, required: true },
      { field: 'heatSourceId', header: '热源', ref: 'heat-sources' },
      { field: 'stationId', header: '换热站', ref: 'stations' },
      pointLon,
      pointLat,
    ]),
    assemble: pointFromLonLat,
  },
  pipes: {
    fields: with_([
      code,
      enterprise,
      { field: 'fromNodeId', header: '起点节点', ref: 'network-nodes', required: true },
      { field: 'toNodeId', header: '终点节点', ref: 'network-nodes', required: true },
      { field: 'diameterMm', header: '管径', unit: 'mm', required: true },
      { field: 'lengthM', header: '长度', unit: 'm', decimals: 1, required: true },
      builtYear,
      {
        field: 'coordinates',
        header: '坐标 (GeoJSON)',
        required: true,
        get: (i) => JSON.stringify((i.geometry as { coordinates: unknown } | null)?.coordinates ?? null),
      },
    ]),
    assemble: lineFromCoordinates,
  },
  valves: {
    fields: with_([
      code,
      enterprise,
      { field: 'pipeId', header: '管道', ref: 'pipes', required: true },
      { field: 'nodeId', header: '节点', ref: 'network-nodes', required: true },
      { field: 'kind', header: '阀门类型', labels: VALVE_KIND_LABELS, required: true },
      { field: 'status', header: '状态', labels: VALVE_STATUS_LABELS },
      pointLon,
      pointLat,
    ]),
    assemble: pointFromLonLat,
  },
  departments: {
    fields: with_([code, name, { field: 'duty', header: '职责' }, phone]),
  },
  'repair-teams': {
    fields: with_([
      code,
      name,
      enterprise,
      { field: 'leader', header: '负责人' },
      phone,
      { field: 'members', header: '人数', required: true },
      lon,
      lat,
    ]),
  },
};

/** `容量 (MW)`: the header a sheet shows for a plain field. */
export const headerOf = (f: ExchangeField): string => (f.unit ? `${f.header} (${f.unit})` : f.header);

/** The API name of a reference's code or name column: `heatSourceId` → `heatSourceCode`. */
export const refKeyName = (field: string, key: 'Code' | 'Name'): string => field.replace(/Id$/, '') + key;

/** Resources whose rows have a `name` (the others are referred to by code only). */
export const NAMED: ReadonlySet<RegistryResourceName> = new Set(
  (Object.keys(EXCHANGE) as RegistryResourceName[]).filter((r) =>
    EXCHANGE[r].fields.some((f) => f.field === 'name'),
  ),
);
