// The living demo city: with demo devices, Hearth's in-process simulator brings every station up to date in
// real time and keeps the devices when it stops; without them nothing runs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { startDemoLive } from './demo-live.ts';
import { writeSeasonHistory } from './history.ts';

describe('demo live', () => {
  let t: TestApp;
  let url: string;
  before(async () => {
    t = await createTestApp({ demo: true });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  after(() => t.close());

  it('does nothing in a database without demo devices', async () => {
    assert.equal(await startDemoLive(t.container, { url, log: () => undefined }), null);
  });

  it('brings every reporting station up to the minute, and keeps the demo devices', async () => {
    // seed 1: the live demo's fault plan (the same stations are offline in both)
    const history = await writeSeasonHistory(t.container, { seed: 1 });
    const started = Date.now();
    const lines: string[] = [];
    const live = await startDemoLive(t.container, { url, log: (line) => lines.push(line) });
    assert.ok(live);
    assert.equal(live.stations, history.stations);
    assert.equal(live.households, history.households);
    const offline = new Set(history.faults.offline);
    const fresh = async () => {
      const latest = await t.container.telemetryStore.latest('station');
      return [...latest].filter(([id, r]) => !offline.has(id) && r.ts >= started - 1_000).length;
    };
    const deadline = Date.now() + 20_000;
    while ((await fresh()) < history.stations - offline.size && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    await live.stop();
    assert.equal(
      await fresh(),
      history.stations - offline.size,
      'every station but the offline one reported now',
    );
    assert.equal((await t.container.demoDevices.list()).length, history.devices, 'demo devices kept');
    assert.deepEqual(lines, [], 'no warnings');
  });
});
