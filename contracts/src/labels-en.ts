// English labels of the contracts' enums, roles and metrics, declared once beside the Chinese maps they mirror.
import {
  ALARM_EVENT_LABELS,
  ALARM_SEVERITY_LABELS,
  ALARM_STATE_LABELS,
  ALARM_TARGET_KIND_LABELS,
  ALARM_TYPE_LABELS,
  ESCALATION_LEVEL_LABELS,
  RULE_SCOPE_LABELS,
  THRESHOLD_DIRECTION_LABELS,
} from './alarms.ts';
import { ROLE_LABELS, type Role } from './auth.ts';
import {
  BILLING_MODE_LABELS,
  BUILDING_TYPE_LABELS,
  ENTERPRISE_TYPE_LABELS,
  FUEL_LABELS,
  HEAT_SOURCE_TYPE_LABELS,
  NODE_KIND_LABELS,
  VULNERABLE_LABELS,
  type HeatSourceType,
} from './registry.ts';
import { COMPENSATION_PARAM_LABELS, PARAM_SOURCE_LABELS } from './compensation.ts';
import { FORECAST_FEATURE_LABELS, FORECAST_LEVEL_LABELS } from './forecast.ts';
import {
  COMPLIANCE_OUTCOME_LABELS,
  RAISE_MODE_LABELS,
  RAISE_ORDER_STATUS_LABELS,
  RAISE_SCOPE_LABELS,
  WARNING_LEVEL_LABELS,
} from './raise-orders.ts';
import { IMPORT_PHASE_LABELS } from './stats.ts';
import { METRICS, STATION_STATUS_LABELS, type MetricKey } from './telemetry.ts';
import { AVERAGING_LABELS, WEATHER_SOURCE_LABELS } from './weather.ts';
import { WEBHOOK_DELIVERY_STATUS_LABELS } from './webhooks.ts';
import {
  RESOLUTION_LABELS,
  SLA_CLOCK_LABELS,
  SLA_STATUS_LABELS,
  WORK_ORDER_CATEGORY_LABELS,
  WORK_ORDER_CHANNEL_LABELS,
  WORK_ORDER_EVENT_LABELS,
  WORK_ORDER_STATE_LABELS,
  WORK_ORDER_URGENCY_LABELS,
} from './work-orders.ts';
import {
  RESOLUTION_LABELS_EN,
  SLA_CLOCK_LABELS_EN,
  SLA_STATUS_LABELS_EN,
  WORK_ORDER_CATEGORY_LABELS_EN,
  WORK_ORDER_CHANNEL_LABELS_EN,
  WORK_ORDER_EVENT_LABELS_EN,
  WORK_ORDER_STATE_LABELS_EN,
  WORK_ORDER_URGENCY_LABELS_EN,
} from './labels-en.work-orders.ts';

type EnglishOf<T> = { readonly [K in keyof T]: string };

export const ROLE_LABELS_EN: Record<Role, string> = {
  admin: 'Administrator',
  supervisor: 'Heating authority',
  department: 'Partner department',
  enterprise: 'Heating enterprise',
  operator: 'Hotline operator',
  viewer: 'Read-only / wall screen',
};

export const ENTERPRISE_TYPE_LABELS_EN: EnglishOf<typeof ENTERPRISE_TYPE_LABELS> = {
  heating: 'Heat distributor',
  source: 'Heat producer',
  integrated: 'Producer and distributor',
};

export const HEAT_SOURCE_TYPE_LABELS_EN: Record<HeatSourceType, string> = {
  chp: 'Combined heat and power',
  coal_boiler: 'Coal boiler',
  gas_boiler: 'Gas boiler',
  geothermal: 'Geothermal',
  heat_pump: 'Heat pump',
  electric: 'Electric boiler',
  waste_heat: 'Industrial waste heat',
};

export const FUEL_LABELS_EN: EnglishOf<typeof FUEL_LABELS> = {
  coal: 'Coal',
  gas: 'Natural gas',
  electricity: 'Electricity',
  geothermal: 'Geothermal water',
  waste_heat: 'Waste heat',
  oil: 'Fuel oil',
  biomass: 'Biomass',
};

export const BILLING_MODE_LABELS_EN: EnglishOf<typeof BILLING_MODE_LABELS> = {
  area: 'By area',
  metered: 'Metered',
};

export const VULNERABLE_LABELS_EN: EnglishOf<typeof VULNERABLE_LABELS> = {
  dibao: 'Minimum-income',
  tekun: 'Extreme hardship',
  disabled: 'Disabled',
  elderly_alone: 'Elderly living alone',
};

export const BUILDING_TYPE_LABELS_EN: EnglishOf<typeof BUILDING_TYPE_LABELS> = {
  residential_saving: 'Energy-saving residential',
  residential_legacy: 'Older residential',
  public: 'Public building',
};

export const NODE_KIND_LABELS_EN: EnglishOf<typeof NODE_KIND_LABELS> = {
  source: 'Source outlet',
  station: 'Station inlet',
  junction: 'Junction',
};

/** Valve kinds and statuses (their Chinese labels live with the console's network resources). */
export const VALVE_KIND_LABELS_EN = { gate: 'Gate valve', butterfly: 'Butterfly valve', ball: 'Ball valve' };
export const VALVE_STATUS_LABELS_EN = { open: 'Open', closed: 'Closed' };

export const STATION_STATUS_LABELS_EN: EnglishOf<typeof STATION_STATUS_LABELS> = {
  online: 'Online',
  stale: 'Delayed',
  offline: 'Offline',
  no_data: 'Not connected',
};

export const IMPORT_PHASE_LABELS_EN: EnglishOf<typeof IMPORT_PHASE_LABELS> = {
  parsing: 'Reading the file',
  validating: 'Validating rows',
  checking: 'Checking references and codes',
  writing: 'Writing',
};

export const METRIC_LABELS_EN: Record<MetricKey, string> = {
  primarySupplyTemp: 'Primary supply temp.',
  primaryReturnTemp: 'Primary return temp.',
  secondarySupplyTemp: 'Secondary supply temp.',
  secondaryReturnTemp: 'Secondary return temp.',
  primarySupplyPressure: 'Primary supply pressure',
  primaryReturnPressure: 'Primary return pressure',
  secondarySupplyPressure: 'Secondary supply pressure',
  secondaryReturnPressure: 'Secondary return pressure',
  flow: 'Circulation flow',
  heatPower: 'Heat power',
  heatTotal: 'Cumulative heat',
  makeupWater: 'Make-up water',
  pumpRunning: 'Circulation pump running',
  fuelBurn: 'Fuel burn',
  indoorTemp: 'Indoor temperature',
};

export const AVERAGING_LABELS_EN: EnglishOf<typeof AVERAGING_LABELS> = {
  '24h': 'Mean of 24 hours',
  '4obs': 'Mean of 02/08/14/20 h readings',
};

export const WEATHER_SOURCE_LABELS_EN: EnglishOf<typeof WEATHER_SOURCE_LABELS> = {
  import: 'File import',
  provider: 'Forecast provider',
  demo: 'Demo data',
};

export const FORECAST_LEVEL_LABELS_EN: EnglishOf<typeof FORECAST_LEVEL_LABELS> = {
  station: 'Substation',
  source: 'Heat source',
  enterprise: 'Enterprise',
  city: 'City',
};

export const FORECAST_FEATURE_LABELS_EN: EnglishOf<typeof FORECAST_FEATURE_LABELS> = {
  intercept: 'Intercept (GJ/d)',
  hdd: 'Heating degree days (GJ/K·d)',
  prevEnergy: "Previous day's heat",
  lateRate: "Previous evening's rate",
  weekend: 'Weekend (GJ/d)',
  seasonCos: 'Annual cycle cos (GJ/d)',
  seasonSin: 'Annual cycle sin (GJ/d)',
};

export const WEBHOOK_DELIVERY_STATUS_LABELS_EN: EnglishOf<typeof WEBHOOK_DELIVERY_STATUS_LABELS> = {
  pending: 'Pending',
  delivered: 'Delivered',
  failed: 'Failed',
};

export const ALARM_TYPE_LABELS_EN: EnglishOf<typeof ALARM_TYPE_LABELS> = {
  threshold: 'Limit exceeded',
  supply_deviation: 'Supply temp. off target',
  indoor_low: 'Indoor temp. below standard',
  offline: 'Offline / no data',
  leak: 'Suspected leak',
  fuel_reserve: 'Low fuel reserve',
  overdue_work: 'Overdue work order',
};

export const ALARM_STATE_LABELS_EN: EnglishOf<typeof ALARM_STATE_LABELS> = {
  raised: 'Unacknowledged',
  acknowledged: 'Acknowledged',
  cleared: 'Cleared',
  closed: 'Closed',
};

export const ALARM_SEVERITY_LABELS_EN: EnglishOf<typeof ALARM_SEVERITY_LABELS> = {
  info: 'Info',
  warning: 'Warning',
  major: 'Major',
  critical: 'Critical',
};

export const ALARM_TARGET_KIND_LABELS_EN: EnglishOf<typeof ALARM_TARGET_KIND_LABELS> = {
  station: 'Substation',
  household: 'Household',
  heat_source: 'Heat source',
  work_order: 'Work order',
};

export const ALARM_EVENT_LABELS_EN: EnglishOf<typeof ALARM_EVENT_LABELS> = {
  raised: 'Raised',
  reraised: 'Raised again',
  acknowledged: 'Acknowledged',
  cleared: 'Cleared',
  escalated: 'Escalated',
  closed: 'Closed',
};

export const RULE_SCOPE_LABELS_EN: EnglishOf<typeof RULE_SCOPE_LABELS> = {
  city: 'City-wide',
  enterprise: 'Enterprise',
  station: 'Substation',
};

export const THRESHOLD_DIRECTION_LABELS_EN: EnglishOf<typeof THRESHOLD_DIRECTION_LABELS> = {
  above: 'Above',
  below: 'Below',
};

export const ESCALATION_LEVEL_LABELS_EN: EnglishOf<typeof ESCALATION_LEVEL_LABELS> = {
  '0': 'Not escalated',
  '1': 'Escalated to the authority',
  '2': 'Escalated to the duty contact',
};

/** Units whose Chinese spelling differs in English (the rest, ℃ MPa t/h MW GJ m², read the same). */
export const UNIT_LABELS_EN: Readonly<Record<string, string>> = {
  't/h 或 m³/h': 't/h or m³/h',
  '万m²': '10⁴ m²',
};

export const WARNING_LEVEL_LABELS_EN: EnglishOf<typeof WARNING_LEVEL_LABELS> = {
  blue: 'Blue warning',
  yellow: 'Yellow warning',
  orange: 'Orange warning',
  red: 'Red warning',
};
export const RAISE_SCOPE_LABELS_EN: EnglishOf<typeof RAISE_SCOPE_LABELS> = {
  city: 'Whole city',
  enterprises: 'Chosen enterprises',
  stations: 'Chosen stations',
};
export const RAISE_MODE_LABELS_EN: EnglishOf<typeof RAISE_MODE_LABELS> = {
  increase: 'Raise secondary supply temp. by',
  target: 'Secondary supply temp. to reach',
};
export const RAISE_ORDER_STATUS_LABELS_EN: EnglishOf<typeof RAISE_ORDER_STATUS_LABELS> = {
  issued: 'Issued',
  cancelled: 'Cancelled',
  checked: 'Checked',
};
export const COMPLIANCE_OUTCOME_LABELS_EN: EnglishOf<typeof COMPLIANCE_OUTCOME_LABELS> = {
  complied: 'Complied',
  not_complied: 'Not complied',
  no_data: 'No data',
};

/** Each Chinese label map of the contracts and its English twin, looked up by identity. */
export const COMPENSATION_PARAM_LABELS_EN: EnglishOf<typeof COMPENSATION_PARAM_LABELS> = {
  designSupply: 'Design supply temperature',
  designReturn: 'Design return temperature',
  indoorTemp: 'Indoor design temperature',
  designOutdoorTemp: 'Design outdoor temperature',
  radiatorExponent: 'Radiator exponent',
};

export const PARAM_SOURCE_LABELS_EN: EnglishOf<typeof PARAM_SOURCE_LABELS> = {
  station: 'Station record',
  override: 'Station setting',
  city: 'City configuration',
  standard: 'Standard default',
};

export const ENGLISH_LABELS = new Map<object, Readonly<Record<string, string>>>([
  [ROLE_LABELS, ROLE_LABELS_EN],
  [ENTERPRISE_TYPE_LABELS, ENTERPRISE_TYPE_LABELS_EN],
  [HEAT_SOURCE_TYPE_LABELS, HEAT_SOURCE_TYPE_LABELS_EN],
  [FUEL_LABELS, FUEL_LABELS_EN],
  [BILLING_MODE_LABELS, BILLING_MODE_LABELS_EN],
  [VULNERABLE_LABELS, VULNERABLE_LABELS_EN],
  [BUILDING_TYPE_LABELS, BUILDING_TYPE_LABELS_EN],
  [NODE_KIND_LABELS, NODE_KIND_LABELS_EN],
  [STATION_STATUS_LABELS, STATION_STATUS_LABELS_EN],
  [IMPORT_PHASE_LABELS, IMPORT_PHASE_LABELS_EN],
  [COMPENSATION_PARAM_LABELS, COMPENSATION_PARAM_LABELS_EN],
  [PARAM_SOURCE_LABELS, PARAM_SOURCE_LABELS_EN],
  [AVERAGING_LABELS, AVERAGING_LABELS_EN],
  [WEATHER_SOURCE_LABELS, WEATHER_SOURCE_LABELS_EN],
  [FORECAST_LEVEL_LABELS, FORECAST_LEVEL_LABELS_EN],
  [FORECAST_FEATURE_LABELS, FORECAST_FEATURE_LABELS_EN],
  [WARNING_LEVEL_LABELS, WARNING_LEVEL_LABELS_EN],
  [RAISE_SCOPE_LABELS, RAISE_SCOPE_LABELS_EN],
  [RAISE_MODE_LABELS, RAISE_MODE_LABELS_EN],
  [RAISE_ORDER_STATUS_LABELS, RAISE_ORDER_STATUS_LABELS_EN],
  [COMPLIANCE_OUTCOME_LABELS, COMPLIANCE_OUTCOME_LABELS_EN],
  [WEBHOOK_DELIVERY_STATUS_LABELS, WEBHOOK_DELIVERY_STATUS_LABELS_EN],
  [ALARM_TYPE_LABELS, ALARM_TYPE_LABELS_EN],
  [ALARM_STATE_LABELS, ALARM_STATE_LABELS_EN],
  [ALARM_SEVERITY_LABELS, ALARM_SEVERITY_LABELS_EN],
  [ALARM_TARGET_KIND_LABELS, ALARM_TARGET_KIND_LABELS_EN],
  [ALARM_EVENT_LABELS, ALARM_EVENT_LABELS_EN],
  [RULE_SCOPE_LABELS, RULE_SCOPE_LABELS_EN],
  [THRESHOLD_DIRECTION_LABELS, THRESHOLD_DIRECTION_LABELS_EN],
  [ESCALATION_LEVEL_LABELS, ESCALATION_LEVEL_LABELS_EN],
  [WORK_ORDER_CATEGORY_LABELS, WORK_ORDER_CATEGORY_LABELS_EN],
  [WORK_ORDER_CHANNEL_LABELS, WORK_ORDER_CHANNEL_LABELS_EN],
  [WORK_ORDER_URGENCY_LABELS, WORK_ORDER_URGENCY_LABELS_EN],
  [WORK_ORDER_STATE_LABELS, WORK_ORDER_STATE_LABELS_EN],
  [WORK_ORDER_EVENT_LABELS, WORK_ORDER_EVENT_LABELS_EN],
  [RESOLUTION_LABELS, RESOLUTION_LABELS_EN],
  [SLA_CLOCK_LABELS, SLA_CLOCK_LABELS_EN],
  [SLA_STATUS_LABELS, SLA_STATUS_LABELS_EN],
]);

/** A metric's label in English, and its unit (`METRICS[metric].unit` in Chinese). */
export const metricLabelEn = (metric: MetricKey): string => METRIC_LABELS_EN[metric];
export const unitEn = (unit: string): string => UNIT_LABELS_EN[unit] ?? unit;
export const metricUnitEn = (metric: MetricKey): string => unitEn(METRICS[metric].unit);
