// Registry 台账 contracts (SPEC §3.1): enterprises, heat sources, stations, communities, buildings,
// households, pipe network, departments, repair teams. Each entity: item (API shape), create, update.
import { z } from 'zod';
import { Latitude, LineStringGeometry, Longitude, PointGeometry, Timestamp } from './common.ts';

const Code = z.string().trim().min(1).max(40);
const Name = z.string().trim().min(1).max(120);
const OptionalText = z.string().trim().max(200).nullable().optional();
const Audit = { createdAt: Timestamp, updatedAt: Timestamp };

// ---- enumerations, each with its Chinese label ----

export const ENTERPRISE_TYPES = ['heating', 'source', 'integrated'] as const;
export const EnterpriseType = z.enum(ENTERPRISE_TYPES);
export const ENTERPRISE_TYPE_LABELS: Record<z.infer<typeof EnterpriseType>, string> = {
  heating: '供热企业',
  source: '热源企业',
  integrated: '源网一体企业',
};

/** Heat source type 热源类型; `coal_boiler` is the only one not counted as clean heating 清洁取暖. */
export const HEAT_SOURCE_TYPES = [
  'chp',
  'coal_boiler',
  'gas_boiler',
  'geothermal',
  'heat_pump',
  'electric',
  'waste_heat',
] as const;
export const HeatSourceType = z.enum(HEAT_SOURCE_TYPES);
export type HeatSourceType = z.infer<typeof HeatSourceType>;
export const HEAT_SOURCE_TYPE_LABELS: Record<HeatSourceType, string> = {
  chp: '热电联产',
  coal_boiler: '燃煤锅炉',
  gas_boiler: '燃气锅炉',
  geothermal: '地热',
  heat_pump: '热泵',
  electric: '电锅炉',
  waste_heat: '工业余热',
};
export const CLEAN_HEAT_SOURCE_TYPES: readonly HeatSourceType[] = HEAT_SOURCE_TYPES.filter(
  (t) => t !== 'coal_boiler',
);

export const FUELS = ['coal', 'gas', 'electricity', 'geothermal', 'waste_heat', 'oil', 'biomass'] as const;
export const Fuel = z.enum(FUELS);
export const FUEL_LABELS: Record<z.infer<typeof Fuel>, string> = {
  coal: '煤',
  gas: '天然气',
  electricity: '电',
  geothermal: '地热水',
  waste_heat: '余热',
  oil: '燃油',
  biomass: '生物质',
};

export const BILLING_MODES = ['area', 'metered'] as const;
export const BillingMode = z.enum(BILLING_MODES);
export const BILLING_MODE_LABELS: Record<z.infer<typeof BillingMode>, string> = {
  area: '按面积',
  metered: '按计量',
};

export const VULNERABLE_CATEGORIES = ['dibao', 'tekun', 'disabled', 'elderly_alone'] as const;
export const VulnerableCategory = z.enum(VULNERABLE_CATEGORIES);
export const VULNERABLE_LABELS: Record<z.infer<typeof VulnerableCategory>, string> = {
  dibao: '低保',
  tekun: '特困',
  disabled: '残疾',
  elderly_alone: '独居老人',
};

export const BUILDING_TYPES = ['residential_saving', 'residential_legacy', 'public'] as const;
export const BuildingType = z.enum(BUILDING_TYPES);
export const BUILDING_TYPE_LABELS: Record<z.infer<typeof BuildingType>, string> = {
  residential_saving: '节能住宅',
  residential_legacy: '非节能住宅',
  public: '公共建筑',
};

export const NODE_KINDS = ['source', 'station', 'junction'] as const;
export const NodeKind = z.enum(NODE_KINDS);
export const NODE_KIND_LABELS: Record<z.infer<typeof NodeKind>, string> = {
  source: '热源出口',
  station: '换热站入口',
  junction: '管网节点',
};

export const VALVE_KINDS = ['gate', 'butterfly', 'ball'] as const;
export const ValveKind = z.enum(VALVE_KINDS);
export const VALVE_STATUSES = ['open', 'closed'] as const;
export const ValveStatus = z.enum(VALVE_STATUSES);
export const VALVE_KIND_LABELS: Record<z.infer<typeof ValveKind>, string> = {
  gate: '闸阀',
  butterfly: '蝶阀',
  ball: '球阀',
};
export const VALVE_STATUS_LABELS: Record<z.infer<typeof ValveStatus>, string> = {
  open: '开启',
  closed: '关闭',
};

// ---- enterprises 供热企业 ----
export const Enterprise = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  type: EnterpriseType,
  licenseNo: z.string().nullable(),
  hotline: z.string().nullable(),
  address: z.string().nullable(),
  ...Audit,
});
export const CreateEnterprise = z.object({
  code: Code,
  name: Name,
  type: EnterpriseType,
  licenseNo: OptionalText,
  hotline: z
    .string()
    .trim()
    .regex(/^[0-9-]{5,20}$/, 'digits and dashes, 5–20 characters')
    .nullable()
    .optional(),
  address: OptionalText,
});

// ---- heat sources 热源 ----
export const HeatSource = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  enterpriseId: z.number().int(),
  type: HeatSourceType,
  fuel: Fuel,
  capacityMw: z.number(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  address: z.string().nullable(),
  ...Audit,
});
export const CreateHeatSource = z.object({
  code: Code,
  name: Name,
  enterpriseId: z.number().int().positive().optional(),
  type: HeatSourceType,
  fuel: Fuel,
  capacityMw: z.number().positive().max(10000),
  lon: Longitude.nullable().optional(),
  lat: Latitude.nullable().optional(),
  address: OptionalText,
});

// ---- stations 换热站 ----
export const Station = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  enterpriseId: z.number().int(),
  heatSourceId: z.number().int().nullable(),
  capacityMw: z.number(),
  designSupplyTemp: z.number().describe('secondary-side design supply temperature, ℃'),
  designReturnTemp: z.number().describe('secondary-side design return temperature, ℃'),
  servedAreaM2: z.number(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  address: z.string().nullable(),
  ...Audit,
});
export const StationFields = z.object({
  code: Code,
  name: Name,
  enterpriseId: z.number().int().positive().optional(),
  heatSourceId: z.number().int().positive().nullable().optional(),
  capacityMw: z.number().positive().max(500),
  designSupplyTemp: z.number().min(30).max(150),
  designReturnTemp: z.number().min(20).max(120),
  servedAreaM2: z.number().min(0).max(50_000_000),
  lon: Longitude.nullable().optional(),
  lat: Latitude.nullable().optional(),
  address: OptionalText,
});
export const CreateStation = StationFields.refine((s) => s.designReturnTemp < s.designSupplyTemp, {
  path: ['designReturnTemp'],
  message: 'design return temperature must be below supply temperature',
});

// ---- communities 小区 ----
export const Community = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  enterpriseId: z.number().int(),
  stationId: z.number().int().nullable(),
  district: z.string().nullable(),
  address: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  householdCount: z.number().int().describe('derived: households registered in the community'),
  heatedAreaM2: z.number().describe('derived: sum of household areas, m²'),
  ...Audit,
});
export const CreateCommunity = z.object({
  code: Code,
  name: Name,
  enterpriseId: z.number().int().positive().optional(),
  stationId: z.number().int().positive().nullable().optional(),
  district: z.string().trim().max(40).nullable().optional(),
  address: OptionalText,
  lon: Longitude.nullable().optional(),
  lat: Latitude.nullable().optional(),
});

// ---- buildings 楼栋 ----
export const Building = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  enterpriseId: z.number().int(),
  communityId: z.number().int(),
  type: BuildingType,
  floors: z.number().int(),
  builtYear: z.number().int().nullable(),
  ...Audit,
});
export const CreateBuilding = z.object({
  code: Code,
  name: Name,
  communityId: z.number().int().positive(),
  type: BuildingType,
  floors: z.number().int().min(1).max(120),
  builtYear: z.number().int().min(1900).max(2100).nullable().optional(),
});

// ---- households 住户 ----
export const Household = z.object({
  id: z.number().int(),
  code: z.string(),
  enterpriseId: z.number().int(),
  communityId: z.number().int(),
  buildingId: z.number().int().nullable(),
  unit: z.string().nullable(),
  floor: z.number().int().nullable(),
  room: z.string().nullable(),
  ownerName: z.string().nullable(),
  areaM2: z.number(),
  billing: BillingMode,
  paidThisSeason: z.boolean(),
  vulnerable: VulnerableCategory.nullable(),
  ...Audit,
});
export const CreateHousehold = z.object({
  code: Code,
  communityId: z.number().int().positive(),
  buildingId: z.number().int().positive().nullable().optional(),
  unit: z.string().trim().max(20).nullable().optional(),
  floor: z.number().int().min(-5).max(120).nullable().optional(),
  room: z.string().trim().max(20).nullable().optional(),
  ownerName: z.string().trim().max(60).nullable().optional(),
  areaM2: z.number().positive().max(5000),
  billing: BillingMode.optional().describe("default 'area'"),
  paidThisSeason: z.boolean().optional().describe('default false'),
  vulnerable: VulnerableCategory.nullable().optional(),
});

// ---- pipe network 管网 ----
export const NetworkNode = z.object({
  id: z.number().int(),
  code: z.string(),
  enterpriseId: z.number().int(),
  kind: NodeKind,
  heatSourceId: z.number().int().nullable(),
  stationId: z.number().int().nullable(),
  geometry: PointGeometry,
  ...Audit,
});
export const CreateNetworkNode = z.object({
  code: Code,
  enterpriseId: z.number().int().positive().optional(),
  kind: NodeKind,
  heatSourceId: z.number().int().positive().nullable().optional(),
  stationId: z.number().int().positive().nullable().optional(),
  geometry: PointGeometry,
});

export const Pipe = z.object({
  id: z.number().int(),
  code: z.string(),
  enterpriseId: z.number().int(),
  fromNodeId: z.number().int(),
  toNodeId: z.number().int(),
  diameterMm: z.number().int(),
  lengthM: z.number(),
  builtYear: z.number().int().nullable(),
  geometry: LineStringGeometry,
  ...Audit,
});
export const PipeFields = z.object({
  code: Code,
  enterpriseId: z.number().int().positive().optional(),
  fromNodeId: z.number().int().positive(),
  toNodeId: z.number().int().positive(),
  diameterMm: z.number().int().min(15).max(2000),
  lengthM: z.number().positive().max(100_000),
  builtYear: z.number().int().min(1900).max(2100).nullable().optional(),
  geometry: LineStringGeometry,
});
export const CreatePipe = PipeFields.refine((p) => p.fromNodeId !== p.toNodeId, {
  path: ['toNodeId'],
  message: 'a pipe joins two different nodes',
});

export const Valve = z.object({
  id: z.number().int(),
  code: z.string(),
  enterpriseId: z.number().int(),
  pipeId: z.number().int(),
  nodeId: z.number().int(),
  kind: ValveKind,
  status: ValveStatus,
  geometry: PointGeometry,
  ...Audit,
});
export const CreateValve = z.object({
  code: Code,
  enterpriseId: z.number().int().positive().optional(),
  pipeId: z.number().int().positive(),
  nodeId: z.number().int().positive(),
  kind: ValveKind,
  status: ValveStatus.optional().describe("default 'open'"),
  geometry: PointGeometry,
});

// ---- departments 协同部门 (city-wide, not enterprise-scoped) ----
export const Department = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  duty: z.string().nullable(),
  phone: z.string().nullable(),
  ...Audit,
});
export const CreateDepartment = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits, _'),
  name: Name,
  duty: OptionalText,
  phone: z.string().trim().max(30).nullable().optional(),
});

// ---- repair teams 抢修队伍 ----
export const RepairTeam = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  enterpriseId: z.number().int(),
  leader: z.string().nullable(),
  phone: z.string().nullable(),
  members: z.number().int(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  ...Audit,
});
export const CreateRepairTeam = z.object({
  code: Code,
  name: Name,
  enterpriseId: z.number().int().positive().optional(),
  leader: z.string().trim().max(40).nullable().optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  members: z.number().int().min(1).max(500),
  lon: Longitude.nullable().optional(),
  lat: Latitude.nullable().optional(),
});

/** Every registry resource by its URL segment, with its Chinese label. */
export const REGISTRY_RESOURCES = {
  enterprises: {
    label: '供热企业',
    item: Enterprise,
    create: CreateEnterprise,
    update: CreateEnterprise.partial(),
  },
  'heat-sources': {
    label: '热源',
    item: HeatSource,
    create: CreateHeatSource,
    update: CreateHeatSource.partial(),
  },
  stations: { label: '换热站', item: Station, create: CreateStation, update: StationFields.partial() },
  communities: { label: '小区', item: Community, create: CreateCommunity, update: CreateCommunity.partial() },
  buildings: { label: '楼栋', item: Building, create: CreateBuilding, update: CreateBuilding.partial() },
  households: { label: '住户', item: Household, create: CreateHousehold, update: CreateHousehold.partial() },
  'network-nodes': {
    label: '管网节点',
    item: NetworkNode,
    create: CreateNetworkNode,
    update: CreateNetworkNode.partial(),
  },
  pipes: { label: '管道', item: Pipe, create: CreatePipe, update: PipeFields.partial() },
  valves: { label: '阀门', item: Valve, create: CreateValve, update: CreateValve.partial() },
  departments: {
    label: '协同部门',
    item: Department,
    create: CreateDepartment,
    update: CreateDepartment.partial(),
  },
  'repair-teams': {
    label: '抢修队伍',
    item: RepairTeam,
    create: CreateRepairTeam,
    update: CreateRepairTeam.partial(),
  },
} as const;
export type RegistryResourceName = keyof typeof REGISTRY_RESOURCES;

export type Enterprise = z.infer<typeof Enterprise>;
export type HeatSource = z.infer<typeof HeatSource>;
export type Station = z.infer<typeof Station>;
export type Community = z.infer<typeof Community>;
export type Building = z.infer<typeof Building>;
export type Household = z.infer<typeof Household>;
export type NetworkNode = z.infer<typeof NetworkNode>;
export type Pipe = z.infer<typeof Pipe>;
export type Valve = z.infer<typeof Valve>;
export type Department = z.infer<typeof Department>;
export type RepairTeam = z.infer<typeof RepairTeam>;
