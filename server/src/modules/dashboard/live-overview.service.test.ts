// The live overview's caches: an answer is kept 5 s per scope; the registry side is reloaded at once after a
// registry write, and past 30 s answered from the old copy while a fresh one loads.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { createLiveOverviewService, type LiveOverviewDeps } from './live-overview.service.ts';

function fixture(fallbackOutdoor?: LiveOverviewDeps['fallbackOutdoor']) {
  let clock = 1_800_000_000_000;
  let writes = 0;
  let scans = 0;
  const stations = [{ id: 1, capacityMw: 5, enterpriseId: 1 }];
  const rows: Record<string, object[]> = {
    stations,
    communities: [],
    enterprises: [{ id: 1, name: '甲热力' }],
    'heat-sources': [],
  };
  const registry = {
    writeCount: () => writes,
    async *scan(_scope: unknown, name: string) {
      if (name === 'stations') scans++;
      yield* rows[name] ?? [];
    },
    findByIds: async () => [],
    find: async () => undefined,
  } as unknown as LiveOverviewDeps['registry'];
  const store = { latest: async () => new Map() } as unknown as LiveOverviewDeps['store'];
  const service = createLiveOverviewService({
    store,
    registry,
    indoorStandard: 18,
    staleMs: 600_000,
    offlineMs: 1_800_000,
    timeZone: 'Asia/Shanghai',
    now: () => clock,
    ...(fallbackOutdoor ? { fallbackOutdoor } : {}),
  });
  return {
    service,
    stations,
    tick: (ms: number) => (clock += ms),
    write: () => writes++,
    scans: () => scans,
  };
}

describe('live overview caches', () => {
  it('keeps an answer 5 s, then computes again over the cached registry side', async () => {
    const f = fixture();
    const first = await f.service.live(SYSTEM_ACTOR);
    f.tick(4_000);
    assert.equal(await f.service.live(SYSTEM_ACTOR), first);
    f.tick(2_000);
    const second = await f.service.live(SYSTEM_ACTOR);
    assert.notEqual(second, first);
    assert.equal(f.scans(), 1, 'the registry side is kept');
  });

  it('reloads the registry side at once after a registry write', async () => {
    const f = fixture();
    assert.equal((await f.service.live(SYSTEM_ACTOR)).stations.total, 1);
    f.stations.push({ id: 2, capacityMw: 5, enterpriseId: 1 });
    f.write();
    f.tick(6_000);
    assert.equal((await f.service.live(SYSTEM_ACTOR)).stations.total, 2);
    assert.equal(f.scans(), 2);
  });

  it('past 30 s answers from the old registry side and loads a fresh one behind it', async () => {
    const f = fixture();
    await f.service.live(SYSTEM_ACTOR);
    f.stations.push({ id: 2, capacityMw: 5, enterpriseId: 1 }); // another process's write: no local write count
    f.tick(31_000);
    assert.equal((await f.service.live(SYSTEM_ACTOR)).stations.total, 1, 'the old copy, at once');
    await new Promise((r) => setImmediate(r));
    f.tick(6_000);
    assert.equal((await f.service.live(SYSTEM_ACTOR)).stations.total, 2, 'the fresh copy next time');
    assert.equal(f.scans(), 2);
  });

  it('takes the outdoor temperature from the fallback (the weather store) while no station measures it', async () => {
    const asked: number[] = [];
    const demo = fixture(async (at) => {
      asked.push(at);
      return -6.3;
    });
    const live = await demo.service.live(SYSTEM_ACTOR);
    assert.equal(live.outdoorTempC, -6.3);
    assert.equal(live.outdoorSource, 'weather');
    assert.deepEqual(asked, [Date.parse(live.at)], "asked for the answer's instant");
    const none = await fixture(async () => null).service.live(SYSTEM_ACTOR);
    assert.equal(none.outdoorTempC, null);
    assert.equal(none.outdoorSource, null);
  });
});
