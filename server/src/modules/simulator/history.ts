// A season of history 历史数据 for the demo city: the simulator's physics stepped from the start of the heating
// season up to now under the shipped Beijing winter, with its faults, written straight into the telemetry store
// under the demo devices (registered here), then rolled up. Deterministic in the seed and the clock.
import { METRIC_KEYS, type MetricKey } from '@hearth/contracts/telemetry';
import type { Container } from '../../container.ts';
import { createBatchBuilder, KIND_CODE } from '../telemetry/reading-batch.ts';
import { FAULT_KINDS, leakEffect, planFaults, stuckValue, type FaultPlan } from './faults.ts';
import {
  cadenceWithin,
  FAULT_LEAD_MS,
  FULL_CADENCE,
  householdDue,
  seasonWindow,
  STATION_STEP_MS,
  stationDue,
} from './history.rules.ts';
import { BEIJING } from '../weather/compensation.rules.ts';
import { stepStation } from './physics.ts';
import { inRange, round, stationReading } from './simulator-readings.ts';
import {
  applyStationFaults,
  buildHouseholds,
  loadStations,
  sampleHouseholds,
  type Household,
  type Station,
} from './simulator-targets.ts';
import { LOCAL_OFFSET_MS, loadWeather, type WeatherSeries } from './weather.ts';

export type HistoryOptions = {
  seed: number;
  /** the end of the history (default: the clock) */
  now?: number;
  /** share of households with an indoor sensor (default 0.03) and the cap on their number (default 20,000) */
  share?: number;
  cap?: number;
  /**
   * at most about this many readings (default: no limit): beyond it the part older than a week thins out
   * (history.rules.ts cadenceWithin), which keeps the seed within its time budget late in the season
   */
  maxReadings?: number;
  /** days kept at full cadence when the history has to thin out (default 7) */
  fullCadenceDays?: number;
  onProgress?: (phase: string, done: number, total: number) => void;
};

export type HistoryReport = {
  from: number;
  to: number;
  stations: number;
  households: number;
  /** demo devices registered */
  devices: number;
  /** readings written */
  readings: number;
  faults: FaultPlan;
  weather: string;
  /** full cadence from this instant on (the history's start unless it had to thin out) */
  fullFrom: number;
};

const BATCH_ROWS = 50_000;
const DAY_MS = 86_400_000;
/** readings between two settles of the store during the load */
const SETTLE_ROWS = 1_000_000;
const METRIC_INDEX = new Map<MetricKey, number>(METRIC_KEYS.map((k, i) => [k, i]));

/**
 * Writes packed readings to the store with one batch in flight while the next is generated, and lets the store
 * settle every SETTLE_ROWS (SQLite's write-ahead log would otherwise grow by the whole history).
 */
function createSink(container: Container) {
  const store = container.telemetryStore;
  let builder = createBatchBuilder(BATCH_ROWS);
  let inFlight: Promise<unknown> = Promise.resolve();
  let written = 0;
  async function flush() {
    if (builder.count === 0) return;
    const batch = builder.take();
    builder = createBatchBuilder(BATCH_ROWS);
    await inFlight;
    if (Math.floor((written + batch.count) / SETTLE_ROWS) > Math.floor(written / SETTLE_ROWS))
      await store.settle();
    written += batch.count;
    inFlight = store.insertBatch(batch);
  }
  return {
    async add(kind: number, targetId: number, deviceId: number, ts: number, values: Record<string, number>) {
      const r = builder.add(kind, targetId, deviceId, ts, ts + 2_000);
      for (const [key, v] of Object.entries(values))
        builder.value(r, METRIC_INDEX.get(key as MetricKey) as number, v);
      if (builder.count >= BATCH_ROWS) await flush();
    },
    async close(): Promise<number> {
      await flush();
      await inFlight;
      return written;
    },
  };
}

type Plan = {
  stations: Station[];
  households: Household[];
  plan: FaultPlan;
  deviceOf: Map<string, number>;
};

/** The targets with their physics, the faults on them and their demo devices (registered now). */
async function prepare(
  container: Container,
  o: HistoryOptions,
  from: number,
  weather: WeatherSeries,
): Promise<Plan> {
  const stations = await loadStations(container, BEIJING, o.seed, weather.temperatureAt(from), from);
  for (const s of stations) s.state.heatTotal = 0; // the register starts with the season
  const byId = new Map(stations.map((s) => [s.id, s]));
  const sample = await sampleHouseholds(container, byId, o.seed, o.share ?? 0.03, o.cap ?? 20_000);
  const plan = planFaults(
    stations.map((s) => s.id),
    sample.map((h) => h.id),
    FAULT_KINDS,
    o.seed,
  );
  applyStationFaults(byId, plan);
  const households = buildHouseholds(sample, plan, o.seed, 1);
  const devices = await container.demoDevices.register(
    stations.map((s) => s.id),
    households.map((h) => h.id),
  );
  const deviceOf = new Map<string, number>();
  for (const d of devices) deviceOf.set(d.stationId !== null ? `s${d.stationId}` : `h${d.householdId}`, d.id);
  return { stations, households, plan, deviceOf };
}

/** Rolls the history up a day at a time, settling the store every few days (its log stays small), then the rest. */
async function rollUp(
  container: Container,
  from: number,
  to: number,
  onProgress: HistoryOptions['onProgress'],
) {
  const store = container.telemetryStore;
  const days = Math.ceil((to + STATION_STEP_MS - from) / DAY_MS);
  for (let d = 0; d < days; d++) {
    onProgress?.('汇总 rollups', d, days);
    await store.refreshRollups({
      fromMs: from + d * DAY_MS,
      toMs: Math.min(from + (d + 1) * DAY_MS, to + 1),
    });
    if (d % 3 === 2) await store.settle();
  }
  await store.refreshRollups(); // the day buckets at the edges of the ranges
  await store.settle();
  onProgress?.('汇总 rollups', days, days);
}

/**
 * Writes the season's history (see the file header) and refreshes the rollups; the database must hold the demo
 * city's registry and no demo devices yet.
 */
export async function writeSeasonHistory(container: Container, o: HistoryOptions): Promise<HistoryReport> {
  const { from, to } = seasonWindow(o.now ?? Date.now(), LOCAL_OFFSET_MS);
  const weather = loadWeather(undefined, from);
  const { stations, households, plan, deviceOf } = await prepare(container, o, from, weather);
  const cadence =
    o.maxReadings === undefined
      ? FULL_CADENCE(from)
      : cadenceWithin(
          { from, to },
          { stations: stations.length, households: households.length },
          o.maxReadings,
          o.fullCadenceDays,
        );
  const sink = createSink(container);
  const stuck = new Map<string, number>();
  const steps = Math.floor((to - from) / STATION_STEP_MS) + 1;
  const starts = {
    leak: to - FAULT_LEAD_MS.leak,
    underheat: to - FAULT_LEAD_MS.underheat,
    stuck: to - FAULT_LEAD_MS.stuck,
    offline: to - FAULT_LEAD_MS.offline,
  };
  for (let k = 0; k < steps; k++) {
    const t = from + k * STATION_STEP_MS;
    const outdoorTemp = weather.temperatureAt(t);
    const due = stationDue(t, cadence);
    for (const s of stations) {
      const leak = s.leak ? leakEffect((t - starts.leak) / 3_600_000) : { makeupFactor: 1, pressureDrop: 0 };
      const shortfall = t >= starts.underheat ? s.shortfall : 0;
      const dtS = k === 0 ? 0 : STATION_STEP_MS / 1000;
      const step = stepStation(s.params, s.state, {
        outdoorTemp,
        dtS,
        supplyOffset: s.bias - shortfall,
        ...leak,
      });
      s.state = step.state;
      if (!due || (s.offline && t >= starts.offline)) continue;
      const values = stationReading(s, step.output, step.state.heatTotal);
      if (s.stuck && t >= starts.stuck)
        values[s.stuck] = stuckValue(stuck, `s${s.id}`, values[s.stuck] as number);
      await sink.add(KIND_CODE.station, s.id, deviceOf.get(`s${s.id}`) ?? 0, t, values);
    }
    if (householdDue(t, cadence)) {
      for (const h of households) {
        let indoor = round(h.station.state.indoorTemp + h.offset + h.rng.normal(0, 0.1), 2);
        if (h.stuck && t >= starts.stuck) indoor = stuckValue(stuck, `h${h.id}`, indoor);
        const values = { indoorTemp: inRange('indoorTemp', indoor) };
        await sink.add(KIND_CODE.household, h.id, deviceOf.get(`h${h.id}`) ?? 0, t, values);
      }
    }
    if (k % 96 === 0) o.onProgress?.('历史数据 history', k, steps);
  }
  const readings = await sink.close();
  o.onProgress?.('历史数据 history', steps, steps);
  await rollUp(container, from, to, o.onProgress);
  return {
    from,
    to,
    stations: stations.length,
    households: households.length,
    devices: deviceOf.size,
    readings,
    faults: plan,
    weather: weather.source,
    fullFrom: cadence.fullFrom,
  };
}
