// Keeps a demo city living while Hearth serves it: its demo devices report in real time (speed 1) through the
// simulator over this process's own HTTP ingest, with the demo's faults, until the server stops.
import type { Container } from '../../container.ts';
import { FAULT_KINDS } from './faults.ts';
import { runSimulation } from './simulator.ts';

export type DemoLive = {
  stations: number;
  households: number;
  stop(): Promise<void>;
};

/** station readings every minute, indoor sensors every 5 minutes: both well inside the stale window */
const STATION_INTERVAL_S = 60;
const HOUSEHOLD_INTERVAL_S = 300;

/** Starts the demo city's live readings when the database holds demo devices; null otherwise. */
export async function startDemoLive(
  container: Container,
  options: { url: string; log: (line: string) => void },
): Promise<DemoLive | null> {
  const demo = await container.demoDevices.list();
  if (demo.length === 0) return null;
  const controller = new AbortController();
  const running = runSimulation(container, {
    transport: { kind: 'http', url: options.url },
    speed: 1,
    intervalSimSeconds: STATION_INTERVAL_S,
    householdIntervalSimSeconds: HOUSEHOLD_INTERVAL_S,
    // the faults of the demo seeded with seed 1 (`npm start`): the same stations stay faulty
    seed: 1,
    faults: [...FAULT_KINDS],
    signal: controller.signal,
    log: options.log,
  }).catch((error: unknown) =>
    options.log(`演示城市模拟已停止 / the demo simulation stopped: ${(error as Error).message}`),
  );
  return {
    stations: demo.filter((d) => d.stationId !== null).length,
    households: demo.filter((d) => d.householdId !== null).length,
    async stop() {
      controller.abort();
      await running;
    },
  };
}
