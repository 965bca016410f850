// Table-driven tests of the compensation physics: relative load, heat load, the curve (SPEC §5 examples), flows,
// and the design conditions taken from GB 50736 App. A.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  compensationTarget,
  DESIGN_CONDITIONS,
  designConditionsOf,
  designLoadKw,
  flowTph,
  heatLoadKw,
  powerKw,
  relativeLoad,
  supplyCurve,
  WATER_HEAT_CAPACITY,
} from './compensation.rules.ts';
import { designOutdoorTempOf, GB50736_STATIONS } from './standards.data.ts';

const near = (actual: number, expected: number, tolerance: number, what = '') =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what} ${actual} is not within ${tolerance} of ${expected}`,
  );

describe('relativeLoad', () => {
  const cases: [number, number][] = [
    [-7.6, 1],
    [0, 18 / 25.6],
    [5, 13 / 25.6],
    [18, 0],
    [25, 0],
    [-12, 1.171875],
    [-20, 1.2],
    [-40, 1.2],
  ];
  for (const [outdoor, expected] of cases)
    it(`${outdoor} ℃ → ${expected.toFixed(4)}`, () => near(relativeLoad(outdoor), expected, 1e-12));
  it('uses the city design conditions', () =>
    near(relativeLoad(0, DESIGN_CONDITIONS.harbin), 20 / 44.2, 1e-12));
});

describe('supplyCurve', () => {
  const cases: [string, number, number, number, number, number][] = [
    // name, outdoor, design supply, design return, expected supply, expected return
    ['SPEC example 95/70 at 0 ℃', 0, 95, 70, 75.981, 58.403],
    ['design point 95/70', -7.6, 95, 70, 95, 70],
    ['design point 75/50', -7.6, 75, 50, 75, 50],
    ['no load', 18, 75, 50, 18, 18],
    ['warmer than indoor', 22, 85, 60, 18, 18],
  ];
  for (const [name, outdoor, ds, dr, supply, ret] of cases) {
    it(name, () => {
      const curve = supplyCurve(relativeLoad(outdoor), ds, dr);
      near(curve.supply, supply, 0.0005, 'supply');
      near(curve.return, ret, 0.0005, 'return');
    });
  }
  it('rises monotonically as it gets colder', () => {
    let previous = -Infinity;
    for (let t = 18; t >= -20; t -= 0.5) {
      const s = supplyCurve(relativeLoad(t), 75, 50).supply;
      assert.ok(s >= previous, `${t} ℃`);
      previous = s;
    }
  });
});

describe('heat, flow and ΔT', () => {
  it('SPEC example: 1,000,000 m² × 45 W/m² at 0 ℃ → 31.6406 MW', () =>
    near((designLoadKw(1_000_000, 45) * relativeLoad(0)) / 1000, 31.6406, 0.00005));
  const cases: [number, number][] = [
    [700, 25],
    [31_640.625, 17.578],
    [1, 0.5],
    [250_000, 60],
  ];
  for (const [kw, dt] of cases) {
    it(`${kw} kW at Δt ${dt} K round-trips through G = Q·3.6/(c·Δt)`, () => {
      const g = flowTph(kw, dt);
      near(g, (kw * 3.6) / (WATER_HEAT_CAPACITY * dt), 1e-9);
      near(powerKw(g, dt), kw, 1e-9 * kw);
    });
  }
  it('no ΔT means no flow rather than infinity', () => assert.equal(flowTph(100, 0), 0));
});

describe('heatLoadKw (SPEC §5 load)', () => {
  const beijing = { areaM2: 1_000_000, heatIndex: 45, indoorTemp: 18, designOutdoorTemp: -7.6 };
  const cases: [string, number, typeof beijing, number][] = [
    ['SPEC example: 1,000,000 m² × 45 W/m² Beijing at 0 ℃', 0, beijing, 31_640.625],
    ['design day', -7.6, beijing, 45_000],
    ['no load at the indoor temperature', 18, beijing, 0],
    ['clamped at 1.2 Q′', -30, beijing, 54_000],
    [
      'Harbin 20 ℃ indoors at −10 ℃',
      -10,
      { ...beijing, indoorTemp: 20, designOutdoorTemp: -24.2 },
      45_000 * (30 / 44.2),
    ],
  ];
  for (const [name, outdoor, p, kw] of cases) it(name, () => near(heatLoadKw(outdoor, p), kw, 1e-6));
  it('31.6406 MW to four decimals', () =>
    assert.equal((heatLoadKw(0, beijing) / 1000).toFixed(4), '31.6406'));
});

describe('compensationTarget', () => {
  const p9570 = {
    designSupply: 95,
    designReturn: 70,
    indoorTemp: 18,
    designOutdoorTemp: -7.6,
    radiatorExponent: 0.3,
  };
  const cases: [string, number, typeof p9570, number, number, number][] = [
    ['SPEC example 95/70 at 0 ℃ Beijing', 0, p9570, 75.981, 58.403, 18 / 25.6],
    ['design point', -7.6, p9570, 95, 70, 1],
    ['no load', 18, p9570, 18, 18, 0],
    [
      '75/50 at 5 ℃ (computed by hand)',
      5,
      { ...p9570, designSupply: 75, designReturn: 50 },
      50.7704,
      38.0751,
      13 / 25.6,
    ],
  ];
  for (const [name, outdoor, p, supply, ret, load] of cases)
    it(name, () => {
      const t = compensationTarget(outdoor, p);
      near(t.supply, supply, 0.0005, 'supply');
      near(t.return, ret, 0.0005, 'return');
      near(t.relativeLoad, load, 1e-12, 'load');
    });
  it('a larger radiator exponent raises the part-load supply', () =>
    assert.ok(
      compensationTarget(0, { ...p9570, radiatorExponent: 0.4 }).supply > compensationTarget(0, p9570).supply,
    ));
  it('three decimals of the SPEC example', () => {
    const t = compensationTarget(0, p9570);
    assert.deepEqual([t.supply.toFixed(3), t.return.toFixed(3)], ['75.981', '58.403']);
  });
});

describe('design conditions from GB 50736 App. A', () => {
  const cases: [string, number | undefined, number | undefined][] = [
    ['北京', -7.6, 18],
    ['北京市', -7.6, 18],
    ['天津', -7.0, 18],
    ['哈尔滨', -24.2, 20],
    ['乌鲁木齐', -19.7, 20],
    ['太原', -10.1, 18],
    ['广州', undefined, undefined],
  ];
  for (const [city, tw, tn] of cases)
    it(`${city} → ${tw}`, () => {
      assert.equal(designOutdoorTempOf(city), tw);
      assert.equal(designConditionsOf(city)?.indoorTemp, tn);
    });
  it('ships the 28 cities of the source file', () => assert.equal(GB50736_STATIONS.length, 28));
  it('the simulator cities derive from the table', () => {
    assert.equal(DESIGN_CONDITIONS.beijing.designOutdoorTemp, -7.6);
    assert.equal(DESIGN_CONDITIONS.hohhot.designOutdoorTemp, -17.0);
    assert.equal(DESIGN_CONDITIONS.urumqi.indoorTemp, 20);
  });
});
