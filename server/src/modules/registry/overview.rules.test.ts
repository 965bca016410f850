// Table-driven tests of the overview rules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { boundingBox, summariseOverview } from './overview.rules.ts';

const counts = { enterprises: 2, heatSources: 3, stations: 4, communities: 5 };

describe('summariseOverview', () => {
  const cases = [
    {
      name: 'empty city',
      sources: [],
      served: [],
      expect: {
        households: 0,
        heatedAreaM2: 0,
        cleanHeatingShare: 0,
        paidShare: 0,
        capacityMw: 0,
        types: [] as string[],
      },
    },
    {
      name: 'coal is not clean; unfed communities count in totals only',
      sources: [
        { type: 'coal_boiler', heatSources: 1, capacityMw: 10 },
        { type: 'chp', heatSources: 2, capacityMw: 90 },
      ],
      served: [
        { type: 'coal_boiler', area: 250, households: 3, paid: 3, vulnerable: 1 },
        { type: 'chp', area: 700, households: 7, paid: 5, vulnerable: 0 },
        { type: null, area: 50, households: 2, paid: 0, vulnerable: 1 },
      ],
      expect: {
        households: 12,
        heatedAreaM2: 1000,
        cleanHeatingShare: 0.7,
        paidShare: 8 / 12,
        capacityMw: 100,
        types: ['chp', 'coal_boiler'],
      },
    },
    {
      name: 'a source type without served area still appears',
      sources: [{ type: 'heat_pump', heatSources: 1, capacityMw: 2 }],
      served: [],
      expect: {
        households: 0,
        heatedAreaM2: 0,
        cleanHeatingShare: 0,
        paidShare: 0,
        capacityMw: 2,
        types: ['heat_pump'],
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const o = summariseOverview(counts, c.sources, c.served);
      assert.equal(o.households, c.expect.households);
      assert.equal(o.heatedAreaM2, c.expect.heatedAreaM2);
      assert.equal(o.cleanHeatingShare, c.expect.cleanHeatingShare);
      assert.equal(o.paidShare, c.expect.paidShare);
      assert.equal(o.capacityMw, c.expect.capacityMw);
      assert.deepEqual(
        o.byEnergyType.map((b) => b.type),
        c.expect.types,
        'catalogue order',
      );
      assert.equal(o.stations, 4);
    });
  }
});

describe('boundingBox', () => {
  it('is null without points', () => assert.equal(boundingBox([]), null));
  it('spans all points', () =>
    assert.deepEqual(
      boundingBox([
        [117.1, 39.2],
        [117.3, 39.0],
        [117.2, 39.1],
      ]),
      [117.1, 39.0, 117.3, 39.2],
    ));
});
