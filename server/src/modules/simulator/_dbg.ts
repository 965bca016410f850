import { createTestApp } from '../../test-support/test-app.ts';
import { runSimulation } from './simulator.ts';
const t = await createTestApp({ demo: true });
await t.app.listen({ host: '127.0.0.1', port: 0 });
const port = (t.app.server.address() as { port: number }).port;
const r = await runSimulation(t.container, {
  transport: { kind: 'http', url: `http://127.0.0.1:${port}` },
  speed: 600,
  faults: ['leak', 'stuck', 'offline', 'underheat'],
  seed: 3,
  durationSeconds: 3,
  onStats: (s) => console.log(JSON.stringify(s)),
});
console.log({ ...r, sampledHouseholds: r.sampledHouseholds.length });
const latest = await t.container.telemetryStore.latest('station');
for (const [id, rec] of [...latest].slice(0, 12))
  console.log(
    id,
    new Date(rec.ts).toISOString(),
    JSON.stringify(Object.fromEntries(Object.entries(rec.points).map(([k, p]) => [k, p.value]))),
  );
const hh = await t.container.telemetryStore.latest('household');
console.log(
  [...hh.values()]
    .slice(0, 20)
    .map((x) => x.points.indoorTemp?.value)
    .join(' '),
);
await t.close();
