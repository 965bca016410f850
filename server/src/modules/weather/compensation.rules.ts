// Heating physics of weather compensation (SPEC §5), the one implementation: relative load, heat load, the
// quality-regulation curve and the heat–flow–ΔT balance. The simulator builds its stations on these.
import { designOutdoorTempOf } from './standards.data.ts';

export type DesignConditions = {
  /** indoor design temperature tₙ, ℃ */
  indoorTemp: number;
  /** design outdoor temperature tw′, ℃ */
  designOutdoorTemp: number;
  /** radiator exponent b (emission ∝ ΔT^(1+b)) */
  radiatorExponent: number;
  /** design heat index, W/m² of served area */
  heatIndex: number;
};

/** Specific heat of water, kJ/(kg·K). */
export const WATER_HEAT_CAPACITY = 4.1868;
export const MAX_RELATIVE_LOAD = 1.2;
/** Indoor standard under normal weather, ℃ (GB/T 33833-2017 §5.1). */
export const DEFAULT_INDOOR_TEMP = 18;
export const DEFAULT_RADIATOR_EXPONENT = 0.3;
/** Residential with energy saving, W/m². */
export const DEFAULT_HEAT_INDEX = 45;

/** Cities whose local standard asks 20 ℃ indoors (SPEC §5). */
const INDOOR_20: readonly string[] = ['哈尔滨', '乌鲁木齐'];

/** Default design conditions of a city (Chinese name) from GB 50736 App. A, or undefined when not listed. */
export function designConditionsOf(city: string): DesignConditions | undefined {
  const designOutdoorTemp = designOutdoorTempOf(city);
  if (designOutdoorTemp === undefined) return undefined;
  const indoorTemp = INDOOR_20.includes(city.trim().replace(/市$/, '')) ? 20 : DEFAULT_INDOOR_TEMP;
  return {
    indoorTemp,
    designOutdoorTemp,
    radiatorExponent: DEFAULT_RADIATOR_EXPONENT,
    heatIndex: DEFAULT_HEAT_INDEX,
  };
}

const listed = (city: string): DesignConditions => {
  const d = designConditionsOf(city);
  if (!d) throw new Error(`${city} is not in GB 50736 App. A`);
  return d;
};

/** Design conditions of the simulator's cities (keys are the simulator's `--city` names). */
export const DESIGN_CONDITIONS = {
  beijing: listed('北京'),
  tianjin: listed('天津'),
  harbin: listed('哈尔滨'),
  shenyang: listed('沈阳'),
  jinan: listed('济南'),
  zhengzhou: listed('郑州'),
  taiyuan: listed('太原'),
  shijiazhuang: listed('石家庄'),
  hohhot: listed('呼和浩特'),
  urumqi: listed('乌鲁木齐'),
} as const satisfies Record<string, DesignConditions>;
export type City = keyof typeof DESIGN_CONDITIONS;
export const BEIJING: DesignConditions = DESIGN_CONDITIONS.beijing;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

type LoadConditions = Pick<DesignConditions, 'indoorTemp' | 'designOutdoorTemp'>;
type CurveConditions = Pick<DesignConditions, 'indoorTemp' | 'radiatorExponent'>;

/** Q̄ = (tₙ − tw)/(tₙ − tw′), clamped to [0, 1.2]. */
export function relativeLoad(outdoorTemp: number, d: LoadConditions = BEIJING): number {
  return clamp((d.indoorTemp - outdoorTemp) / (d.indoorTemp - d.designOutdoorTemp), 0, MAX_RELATIVE_LOAD);
}

/**
 * Quality-regulation curve (constant flow): supply and return for the relative load, ℃.
 * t_g = tₙ + ½(t_g′ + t_h′ − 2tₙ)·Q̄^(1/(1+b)) + ½(t_g′ − t_h′)·Q̄ ;  t_h = t_g − (t_g′ − t_h′)·Q̄.
 */
export function supplyCurve(
  load: number,
  designSupply: number,
  designReturn: number,
  d: CurveConditions = BEIJING,
): { supply: number; return: number } {
  const tn = d.indoorTemp;
  const supply =
    tn +
    0.5 * (designSupply + designReturn - 2 * tn) * load ** (1 / (1 + d.radiatorExponent)) +
    0.5 * (designSupply - designReturn) * load;
  return { supply, return: supply - (designSupply - designReturn) * load };
}

export type CompensationParams = {
  /** design supply / return t_g′ / t_h′, ℃ */
  designSupply: number;
  designReturn: number;
  /** tₙ, ℃ */
  indoorTemp: number;
  /** tw′, ℃ */
  designOutdoorTemp: number;
  /** b */
  radiatorExponent: number;
};

/** Target supply/return of a station at an outdoor temperature by the quality-regulation curve. */
export function compensationTarget(
  outdoorTemp: number,
  p: CompensationParams,
): { supply: number; return: number; relativeLoad: number } {
  const load = relativeLoad(outdoorTemp, p);
  const curve = supplyCurve(load, p.designSupply, p.designReturn, p);
  return { supply: curve.supply, return: curve.return, relativeLoad: load };
}

/** Design heat load Q′ = area × heat index, kW. */
export const designLoadKw = (areaM2: number, heatIndexWPerM2: number) => (areaM2 * heatIndexWPerM2) / 1000;

/** Heat load Q = Q′·(tₙ − tw)/(tₙ − tw′), kW (relative load clamped as in relativeLoad). */
export function heatLoadKw(
  outdoorTemp: number,
  p: { areaM2: number; heatIndex: number; indoorTemp: number; designOutdoorTemp: number },
): number {
  return designLoadKw(p.areaM2, p.heatIndex) * relativeLoad(outdoorTemp, p);
}

/** G [t/h] = Q[kW]·3.6 / (c·Δt). */
export function flowTph(powerKw: number, deltaT: number): number {
  return deltaT > 0 ? (powerKw * 3.6) / (WATER_HEAT_CAPACITY * deltaT) : 0;
}

/** Q [kW] = G[t/h]·c·Δt / 3.6. */
export const powerKw = (flow: number, deltaT: number) => (flow * WATER_HEAT_CAPACITY * deltaT) / 3.6;
