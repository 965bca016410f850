// The sampling view's city-wide aggregate: computed once while nothing changed, answered at once when old while a
// fresh one is computed, and computed again (waited for) when sensors or the registry changed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../auth/actor.ts';
import type { SamplingRepository } from './sampling.repository.ts';
import { createSamplingView } from './sampling.service.ts';

const supervisor = { role: 'supervisor', enterpriseId: null } as unknown as Actor;
const QUERY = { page: 1, pageSize: 20, sort: 'worst' } as const;

function fixture() {
  let clock = 0;
  let fingerprint = 'a';
  let sensors = 1;
  let computed = 0;
  let release: (() => void) | undefined;
  const repo = {
    communities: async () => [
      {
        id: 1,
        code: 'C1',
        name: '一号小区',
        enterpriseId: 1,
        district: null,
        households: 10,
        stationId: null,
        lon: null,
        lat: null,
      },
    ],
    stations: async () => [],
    sensorsFingerprint: async () => fingerprint,
    sensed: () => {
      computed++;
      const value = new Map([
        [1, { sensors, groundKnown: false, ground: false, topKnown: false, top: false }],
      ]);
      return release === undefined
        ? Promise.resolve(value)
        : new Promise<typeof value>((resolve) => (release = () => resolve(value)));
    },
  } as unknown as SamplingRepository;
  const view = createSamplingView({
    registry: { writeCount: () => 0 },
    samplingRepo: repo,
    minimumSamplingShare: 0.03,
    samplingSpread: [],
    now: () => clock,
  });
  const sensed = async () => (await view.sampling(supervisor, QUERY)).summary.sensors;
  return {
    sensed,
    advance: (ms: number) => (clock += ms),
    setSensors: (n: number) => (sensors = n),
    change: () => (fingerprint += 'x'),
    holdNext: () => (release = () => undefined),
    releaseHeld: () => release?.(),
    computed: () => computed,
  };
}

describe('sampling view: the sensed-household aggregate', () => {
  it('computes once while nothing changes', async () => {
    const f = fixture();
    assert.equal(await f.sensed(), 1);
    assert.equal(await f.sensed(), 1);
    assert.equal(f.computed(), 1);
  });

  it('answers the old aggregate at once when it is old, and the fresh one after', async () => {
    const f = fixture();
    await f.sensed();
    f.advance(61_000);
    f.setSensors(2);
    f.holdNext();
    assert.equal(await f.sensed(), 1, 'not kept waiting for the recomputation');
    assert.equal(await f.sensed(), 1, 'one recomputation at a time');
    assert.equal(f.computed(), 2);
    f.releaseHeld();
    await new Promise((r) => setImmediate(r));
    assert.equal(await f.sensed(), 2);
  });

  it('waits for a new aggregate when the sensors changed', async () => {
    const f = fixture();
    await f.sensed();
    f.setSensors(3);
    f.change();
    assert.equal(await f.sensed(), 3);
  });
});
