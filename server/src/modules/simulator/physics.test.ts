// Table-driven tests of the simulator physics: radiators, rooms, indoor lag, one station step (the curve and load
// are tested with the weather module's compensation.rules.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BEIJING, powerKw, relativeLoad, supplyCurve } from '../weather/compensation.rules.ts';
import {
  INDOOR_TAU_S,
  initialStationState,
  lag,
  radiatorOutput,
  steadyIndoorTemp,
  stepStation,
  type StationParams,
} from './physics.ts';

const near = (actual: number, expected: number, tolerance: number, what = '') =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what} ${actual} is not within ${tolerance} of ${expected}`,
  );

describe('radiators and rooms', () => {
  const designs: [number, number][] = [
    [95, 70],
    [85, 60],
    [75, 50],
    [60, 45],
  ];
  for (const [ds, dr] of designs) {
    for (const outdoor of [-7.6, -3, 0, 5, 10]) {
      it(`${ds}/${dr} on the curve at ${outdoor} ℃ holds rooms at tₙ and emits Q̄`, () => {
        const curve = supplyCurve(relativeLoad(outdoor), ds, dr);
        const design = { supply: ds, return: dr };
        near(steadyIndoorTemp(curve.supply, outdoor, design), BEIJING.indoorTemp, 1e-6, 'indoor');
        near(radiatorOutput(curve.supply, BEIJING.indoorTemp, design), relativeLoad(outdoor), 1e-9, 'q');
      });
    }
  }
  const rooms: [string, number, number, number, number][] = [
    // name, supply offset from the curve, loss factor, lowest, highest expected room temperature
    ['on the curve, building with the usual margin', 0, 0.9, 18, 22],
    ['on the curve, tighter building', 0, 0.86, 18, 22],
    ['10 ℃ under the curve', -10, 0.9, 12, 18],
    ['15 ℃ under the curve', -15, 0.9, 10, 17],
  ];
  for (const [name, offset, k, lo, hi] of rooms) {
    for (const outdoor of [-7.6, -2, 3]) {
      it(`${name} at ${outdoor} ℃ → ${lo}–${hi} ℃`, () => {
        const supply = supplyCurve(relativeLoad(outdoor), 75, 50).supply + offset;
        const t = steadyIndoorTemp(supply, outdoor, { supply: 75, return: 50 }, k);
        assert.ok(t >= lo && t < hi, `${t}`);
      });
    }
  }
  it('no heat when the supply is not above the room', () =>
    assert.equal(radiatorOutput(20, 20, { supply: 75, return: 50 }), 0));
});

describe('lag (first-order indoor response)', () => {
  const cases: [string, number, number][] = [
    ['no time passes', 0, 20],
    ['one time constant: 63.2 % of the way', INDOOR_TAU_S, 20 - 4 * (1 - Math.exp(-1))],
    ['one hour', 3600, 20 - 4 * (1 - Math.exp(-3600 / INDOOR_TAU_S))],
    ['ten time constants: arrived', 10 * INDOOR_TAU_S, 16],
  ];
  for (const [name, dt, expected] of cases) it(name, () => near(lag(20, 16, dt), expected, 0.001));
  it('steps compose: two half steps equal one full step', () =>
    near(lag(lag(20, 16, 1800), 16, 1800), lag(20, 16, 3600), 1e-12));
});

describe('stepStation', () => {
  const params: StationParams = {
    designLoadKw: 5_000,
    designSupply: 75,
    designReturn: 50,
    primaryDesignSupply: 130,
    primaryDesignReturn: 70,
    lossFactor: 0.9,
    primaryStatic: 0.25,
    primaryDp: 0.45,
    secondaryStatic: 0.3,
    secondaryDp: 0.12,
    makeupRatio: 0.008,
  };
  const input = { outdoorTemp: 0, dtS: 60, supplyOffset: 0, makeupFactor: 1, pressureDrop: 0 };

  for (const outdoor of [-12, -7.6, 0, 8, 15]) {
    it(`at ${outdoor} ℃ heat, flow and both sides balance`, () => {
      const start = initialStationState(params, outdoor);
      const { output: o } = stepStation(params, start, { ...input, outdoorTemp: outdoor });
      near(o.heatPowerKw, powerKw(o.flow, o.secondarySupplyTemp - o.secondaryReturnTemp), 1e-6, 'secondary');
      near(o.heatPowerKw, powerKw(o.primaryFlow, o.primarySupplyTemp - o.primaryReturnTemp), 1e-6, 'primary');
      near(o.secondarySupplyTemp, o.curveSupply, 1e-9, 'on the curve');
      assert.ok(o.primarySupplyTemp > o.secondarySupplyTemp, 'primary hotter than secondary');
      assert.ok(o.primaryReturnTemp > o.secondaryReturnTemp, 'counter-flow approach');
      assert.ok(o.primarySupplyPressure > o.primaryReturnPressure, 'primary Δp');
      assert.ok(o.secondarySupplyPressure > o.secondaryReturnPressure, 'secondary Δp');
      assert.ok(o.secondarySupplyPressure >= 0.3 && o.secondarySupplyPressure <= 0.5, 'secondary pressure');
      near(o.makeupWater / o.flow, 0.008, 1e-12, 'make-up share');
    });
  }
  it('at design conditions the primary side runs 130/70 at about 0.7 MPa', () => {
    const { output: o } = stepStation(params, initialStationState(params, -7.6), {
      ...input,
      outdoorTemp: -7.6,
    });
    near(o.primarySupplyTemp, 130, 1e-9);
    assert.ok(o.primarySupplyPressure > 0.6 && o.primarySupplyPressure < 1.0, `${o.primarySupplyPressure}`);
  });
  it('integrates heat: a constant 1 MW for one hour adds 3.6 GJ', () => {
    // rooms at their steady state draw constant power, and power scales with Q′: scale it to 1 MW
    const q = stepStation(params, initialStationState(params, -7.6), { ...input, outdoorTemp: -7.6 }).output;
    const p = { ...params, designLoadKw: (params.designLoadKw * 1000) / q.heatPowerKw };
    let state = initialStationState(p, -7.6);
    for (let i = 0; i < 60; i++) {
      const step = stepStation(p, state, { ...input, outdoorTemp: -7.6 });
      near(step.output.heatPowerKw, 1000, 1e-6, 'power');
      state = step.state;
    }
    near(state.heatTotal, 3.6, 1e-6);
  });
  it('under-heating lowers supply and heat, and the rooms drift below 18 ℃ over hours', () => {
    let state = initialStationState(params, -2);
    const normal = stepStation(params, state, { ...input, outdoorTemp: -2 }).output;
    const temps: number[] = [];
    let under = normal;
    for (let h = 0; h < 24; h++) {
      const step = stepStation(params, state, { ...input, outdoorTemp: -2, supplyOffset: -12, dtS: 3600 });
      state = step.state;
      under = step.output;
      temps.push(state.indoorTemp);
    }
    assert.ok(under.secondarySupplyTemp < normal.curveSupply - 10);
    assert.ok(under.heatPowerKw < normal.heatPowerKw);
    assert.ok((temps[0] as number) > 18, 'first hour still warm');
    assert.ok((temps[23] as number) < 18, 'below standard after a day');
    for (let i = 1; i < temps.length; i++) assert.ok((temps[i] as number) < (temps[i - 1] as number));
  });
  it('a leak multiplies make-up water and lowers secondary pressure', () => {
    const state = initialStationState(params, 0);
    const normal = stepStation(params, state, input).output;
    const leak = stepStation(params, state, { ...input, makeupFactor: 10, pressureDrop: 0.08 }).output;
    near(leak.makeupWater, normal.makeupWater * 10, 1e-9);
    near(leak.secondaryReturnPressure, normal.secondaryReturnPressure - 0.08, 1e-12);
  });
});
