// Pure station physics of the simulator: radiators, indoor lag, one station step. The compensation curve, load and
// heat–flow–ΔT balance are the weather module's (compensation.rules.ts), the one implementation.

import { BEIJING, flowTph, powerKw, relativeLoad, supplyCurve } from '../weather/compensation.rules.ts';

/** Time constant of indoor temperature, s (a heavy residential building reacts over hours). */
export const INDOOR_TAU_S = 6 * 3600;

/** Root of an increasing function on [lo, hi] by bisection (f(lo) ≤ 0 ≤ f(hi)). */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 60 && hi - lo > 1e-12; i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) > 0) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

type Design = { supply: number; return: number };

/**
 * Relative heat q = Q/Q′ the radiators emit at design flow for a supply temperature and room temperature:
 * the water balance q = (t_g − t_h)/(t_g′ − t_h′) and the radiator law q = ((t_mean − t_in)/Δt_m′)^(1+b).
 */
export function radiatorOutput(supply: number, indoor: number, design: Design, d = BEIJING): number {
  const span = design.supply - design.return;
  const meanDiff = 0.5 * (design.supply + design.return) - d.indoorTemp;
  const drive = supply - indoor;
  if (drive <= 0) return 0;
  const n = 1 + d.radiatorExponent;
  return bisect((q) => q - Math.max(0, (drive - 0.5 * q * span) / meanDiff) ** n, 0, (2 * drive) / span);
}

/**
 * Room temperature where radiator output meets the building loss q = k·(t_in − tw)/(tₙ − tw′); `lossFactor`
 * k < 1 is a building losing less than designed (the usual margin, so rooms end up above tₙ on the curve).
 */
export function steadyIndoorTemp(
  supply: number,
  outdoor: number,
  design: Design,
  lossFactor = 1,
  d = BEIJING,
): number {
  const span = design.supply - design.return;
  const meanDiff = 0.5 * (design.supply + design.return) - d.indoorTemp;
  const designDiff = d.indoorTemp - d.designOutdoorTemp;
  const drive = supply - outdoor;
  if (drive <= 0) return outdoor;
  const n = 1 + d.radiatorExponent;
  const perQ = designDiff / lossFactor + 0.5 * span;
  const q = bisect((x) => x - Math.max(0, (drive - x * perQ) / meanDiff) ** n, 0, drive / perQ);
  return outdoor + (q * designDiff) / lossFactor;
}

/** First-order lag: the value after `dtS` seconds moving toward `target` with time constant `tauS`. */
export function lag(current: number, target: number, dtS: number, tauS = INDOOR_TAU_S): number {
  return target + (current - target) * Math.exp(-Math.max(0, dtS) / tauS);
}

export type StationParams = {
  /** Q′, kW */
  designLoadKw: number;
  /** secondary design supply / return, ℃ */
  designSupply: number;
  designReturn: number;
  /** primary (network) design supply / return, ℃ */
  primaryDesignSupply: number;
  primaryDesignReturn: number;
  /** building loss relative to design (see steadyIndoorTemp) */
  lossFactor: number;
  /** static (return-side) pressures and design pressure differences, MPa */
  primaryStatic: number;
  primaryDp: number;
  secondaryStatic: number;
  secondaryDp: number;
  /** normal make-up water as a share of the circulating flow */
  makeupRatio: number;
};

export type StationState = {
  /** representative room temperature of the station's buildings, ℃ */
  indoorTemp: number;
  /** cumulative heat register, GJ */
  heatTotal: number;
};

export type StationInput = {
  outdoorTemp: number;
  /** step length in simulated seconds */
  dtS: number;
  /** offset of the actual secondary supply from the curve, ℃ (operator bias, under-heating) */
  supplyOffset: number;
  /** make-up water multiplier (leak) */
  makeupFactor: number;
  /** secondary pressure lost to a leak, MPa */
  pressureDrop: number;
};

/** True values of one station at the end of a step (no sensor noise). */
export type StationOutput = {
  load: number;
  curveSupply: number;
  primarySupplyTemp: number;
  primaryReturnTemp: number;
  secondarySupplyTemp: number;
  secondaryReturnTemp: number;
  primarySupplyPressure: number;
  primaryReturnPressure: number;
  secondarySupplyPressure: number;
  secondaryReturnPressure: number;
  /** secondary circulating flow, t/h */
  flow: number;
  /** primary flow, t/h (not in the metric catalogue) */
  primaryFlow: number;
  heatPowerKw: number;
  makeupWater: number;
};

/** Lowest primary supply the source keeps at light load, ℃. */
const PRIMARY_MIN_SUPPLY = 65;
/** Smallest heat exchanger approach between primary and secondary return, K. */
const MIN_APPROACH = 3;

export function initialStationState(params: StationParams, outdoorTemp: number, d = BEIJING): StationState {
  const curve = supplyCurve(relativeLoad(outdoorTemp, d), params.designSupply, params.designReturn, d);
  const design = { supply: params.designSupply, return: params.designReturn };
  return {
    indoorTemp: steadyIndoorTemp(curve.supply, outdoorTemp, design, params.lossFactor, d),
    heatTotal: 0,
  };
}

/** Advances a station by one step: rooms lag toward their steady state, then the water side follows. */
export function stepStation(
  params: StationParams,
  state: StationState,
  input: StationInput,
  d = BEIJING,
): { state: StationState; output: StationOutput } {
  const design = { supply: params.designSupply, return: params.designReturn };
  const load = relativeLoad(input.outdoorTemp, d);
  const curveSupply = supplyCurve(load, params.designSupply, params.designReturn, d).supply;
  const supply = curveSupply + input.supplyOffset;
  const target = steadyIndoorTemp(supply, input.outdoorTemp, design, params.lossFactor, d);
  const indoorTemp = lag(state.indoorTemp, target, input.dtS);

  // quality regulation: the secondary pump runs at design flow, ΔT carries the load
  const span = params.designSupply - params.designReturn;
  const flow = flowTph(params.designLoadKw, span);
  const q = radiatorOutput(supply, indoorTemp, design, d);
  const secondaryReturn = supply - q * span;
  const heatPowerKw = powerKw(flow, supply - secondaryReturn);

  const primarySupply = Math.max(
    PRIMARY_MIN_SUPPLY + (params.primaryDesignSupply - PRIMARY_MIN_SUPPLY) * load,
    supply + 8,
  );
  const approach = Math.max(
    MIN_APPROACH,
    MIN_APPROACH + (params.primaryDesignReturn - params.designReturn - MIN_APPROACH) * q,
  );
  const primaryReturn = Math.min(secondaryReturn + approach, primarySupply - 5);
  const primaryFlow = flowTph(heatPowerKw, primarySupply - primaryReturn);
  const primaryDesignFlow = flowTph(
    params.designLoadKw,
    params.primaryDesignSupply - params.primaryDesignReturn,
  );
  const r1 = primaryDesignFlow > 0 ? (primaryFlow / primaryDesignFlow) ** 2 : 0;
  const primaryReturnPressure = params.primaryStatic + 0.05 * r1;
  const secondaryReturnPressure = Math.max(0.02, params.secondaryStatic - input.pressureDrop);

  return {
    state: { indoorTemp, heatTotal: state.heatTotal + (heatPowerKw * input.dtS) / 1e6 },
    output: {
      load,
      curveSupply,
      primarySupplyTemp: primarySupply,
      primaryReturnTemp: primaryReturn,
      secondarySupplyTemp: supply,
      secondaryReturnTemp: secondaryReturn,
      // the source's pumps hold part of the differential pressure even at light load
      primarySupplyPressure: primaryReturnPressure + params.primaryDp * (0.6 + 0.4 * r1),
      primaryReturnPressure,
      secondarySupplyPressure: secondaryReturnPressure + params.secondaryDp,
      secondaryReturnPressure,
      flow,
      primaryFlow,
      heatPowerKw,
      makeupWater: flow * params.makeupRatio * input.makeupFactor,
    },
  };
}
