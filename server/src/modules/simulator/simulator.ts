// The telemetry simulator: own devices, station physics on a fast weather-driven clock, publishing.
import type { MqttClient } from 'mqtt';
import { METRICS, type MetricKey } from '@hearth/contracts/telemetry';
import type { Container } from '../../container.ts';
import { DomainError } from '../../http/domain-error.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { createRng, type Rng } from '../demo-city/prng.ts';
import { leakEffect, parseFaults, planFaults, stuckValue, type FaultKind, type FaultPlan } from './faults.ts';
import {
  DESIGN_CONDITIONS,
  designLoadKw,
  initialStationState,
  powerKw,
  stepStation,
  type City,
  type DesignConditions,
  type StationOutput,
  type StationParams,
  type StationState,
} from './physics.ts';
import { connectMqtt, createPublisher, type SimDevice } from './transport.ts';
import { LOCAL_OFFSET_MS, loadWeather, type WeatherSeries } from './weather.ts';

export type SimulationTransport =
  | {
      kind: 'mqtt';
      url: string;
      /** where devices beyond `maxConnections` post instead; without it they stay silent */
      httpUrl?: string;
      /** one MQTT connection per device up to this many (default 2,000) */
      maxConnections?: number;
    }
  | { kind: 'http'; url: string };

export type SimulationStats = {
  /** readings handed to the transport */
  published: number;
  /** readings the server acknowledged (HTTP accepted or duplicate; MQTT PUBACK) */
  acked: number;
  /** readings rejected or lost in a failed request (published − acked − errors are still in flight) */
  errors: number;
  /** readings dropped because a device's backlog overflowed or the clock had to skip ahead */
  dropped: number;
  /** the simulated clock (time of the latest step), epoch ms */
  simNow: number;
  /** outdoor temperature at the simulated clock, ℃ */
  outdoorTemp: number;
  /** real time since publishing started, ms */
  realMs: number;
};

export type SimulationOptions = {
  transport: SimulationTransport;
  /** simulated seconds per real second (default 60) */
  speed?: number;
  /** station reading interval in simulated seconds (default 60) */
  intervalSimSeconds?: number;
  /** indoor sensor interval in simulated seconds (default 600), rounded to whole station intervals */
  householdIntervalSimSeconds?: number;
  /** share of households with an indoor sensor (default 0.03) */
  householdShare?: number;
  /** cap on indoor sensors, so the largest cities stay practical (default 20,000) */
  maxHouseholdSensors?: number;
  faults?: string[];
  /** simulated seconds after the start when the faults begin (default 0: from the first reading) */
  faultsAfterSimSeconds?: number;
  weatherFile?: string;
  /** design conditions (default beijing) */
  city?: City;
  seed?: number;
  /** real seconds of publishing; undefined = until `signal` aborts */
  durationSeconds?: number;
  signal?: AbortSignal;
  /** called about once per real second */
  onStats?: (s: SimulationStats) => void;
  /** warnings (each kind once); default console.warn */
  log?: (line: string) => void;
  /**
   * Leave this run's devices active afterwards (default false: they are revoked at the end, since their
   * tokens live only in this process and active indoor sensors count toward the sampling share).
   */
  keepDevices?: boolean;
};

export type SimulationReport = SimulationStats & {
  stations: number;
  households: number;
  devices: { mqtt: number; http: number; silent: number };
  weather: string;
  faults: FaultPlan;
  /** ids of the households with an indoor sensor */
  sampledHouseholds: number[];
  /** readings still buffered when the run ended (the drain gives up after 15 s) */
  unsent: number;
  /** devices revoked at the end (0 with keepDevices) */
  revoked: number;
  /** simulated and real start, epoch ms (readings are stamped on the real clock, see runSimulation) */
  startedAt: number;
};

type Station = {
  id: number;
  code: string;
  params: StationParams;
  state: StationState;
  /** the operator's steady deviation from the curve, ℃ */
  bias: number;
  rng: Rng;
  output: StationOutput | null;
  lastSimMs: number;
  device: SimDevice | null;
  offline: boolean;
  leak: boolean;
  shortfall: number;
  stuck: MetricKey | null;
};

type Household = {
  id: number;
  code: string;
  station: Station;
  /** room position relative to the station's representative room (top floor colder, middle warmer), K */
  offset: number;
  /** which station step of each household interval it reports on (spreads the load) */
  slot: number;
  stuck: boolean;
  rng: Rng;
  device: SimDevice | null;
};

const STATION_KEYS = [
  'primarySupplyTemp',
  'primaryReturnTemp',
  'secondarySupplyTemp',
  'secondaryReturnTemp',
  'primarySupplyPressure',
  'primaryReturnPressure',
  'secondarySupplyPressure',
  'secondaryReturnPressure',
  'flow',
] as const satisfies readonly MetricKey[];

const TICK_MS = 1_000;
const HTTP_CONCURRENCY = 64;
const MQTT_IN_FLIGHT = 512;
const CONNECT_CONCURRENCY = 32;
const REGISTER_CONCURRENCY = 8;

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
const inRange = (key: MetricKey, x: number) => Math.min(METRICS[key].max, Math.max(METRICS[key].min, x));

function invalidOption(name: string, reason: string): DomainError {
  return new DomainError('simulate.invalid_option', 422, `模拟参数无效 / invalid ${name}: ${reason}`, [
    { path: name, reason },
  ]);
}

/** A stable uniform number in [0, 1) per (seed, id), independent of scan order. */
function hashUnit(seed: number, id: number): number {
  let h = Math.imul(id ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul((seed + 0x632be5ab) | 0, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

async function mapLimit<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

/**
 * Retries work that met a locked SQLite database: the simulator usually runs beside a serving process on the
 * same file, whose writer can hold the lock past the busy timeout (rollups over a large table).
 */
async function whenUnlocked<T>(work: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const busy = (error as { errcode?: number }).errcode === 5 || /database is locked/.test(String(error));
      if (!busy || attempt >= attempts) throw error;
      await delay(500 * attempt);
    }
  }
}

/** Heat already metered this season when no register is stored yet: a mean load of 55 % since 11-15. */
function seasonHeatSoFar(designKw: number, nowMs: number): number {
  const local = new Date(nowMs + LOCAL_OFFSET_MS);
  let start = Date.UTC(local.getUTCFullYear(), 10, 15) - LOCAL_OFFSET_MS;
  if (nowMs < start) start = Date.UTC(local.getUTCFullYear() - 1, 10, 15) - LOCAL_OFFSET_MS;
  const days = Math.min(121, (nowMs - start) / 86_400_000);
  return (designKw * 0.55 * days * 86_400) / 1e6;
}

async function loadStations(
  container: Container,
  design: DesignConditions,
  seed: number,
  outdoorTemp: number,
  startMs: number,
): Promise<Station[]> {
  const registers = await container.telemetryStore.latest('station');
  const stations: Station[] = [];
  for await (const item of container.registry.exportItems(SYSTEM_ACTOR, 'stations', {
    page: 1,
    pageSize: 1,
  })) {
    const id = Number(item.id);
    const rng = createRng(seed, 100_000 + id);
    const area = Number(item.servedAreaM2);
    const designSupply = Number(item.designSupplyTemp);
    const designReturn = Number(item.designReturnTemp);
    const params: StationParams = {
      designLoadKw: area > 0 ? designLoadKw(area, design.heatIndex) : Number(item.capacityMw) * 800,
      designSupply,
      designReturn,
      primaryDesignSupply: Math.max(130, designSupply + 20),
      primaryDesignReturn: Math.max(70, designReturn + 10),
      lossFactor: rng.float(0.82, 0.92),
      primaryStatic: rng.float(0.28, 0.35),
      primaryDp: rng.float(0.4, 0.55),
      secondaryStatic: rng.float(0.26, 0.32),
      secondaryDp: rng.float(0.08, 0.15),
      makeupRatio: rng.float(0.005, 0.01),
    };
    const state = initialStationState(params, outdoorTemp, design);
    const stored = registers.get(id)?.points.heatTotal?.value ?? 0;
    state.heatTotal = Math.max(stored, seasonHeatSoFar(params.designLoadKw, startMs));
    stations.push({
      id,
      code: String(item.code),
      params,
      state,
      bias: Math.max(-1.5, Math.min(1.5, rng.normal(0, 0.6))),
      rng,
      output: null,
      lastSimMs: startMs,
      device: null,
      offline: false,
      leak: false,
      shortfall: 0,
      stuck: null,
    });
  }
  return stations;
}

/**
 * Households with an indoor sensor: per community ⌈count × share⌉ (share lowered to respect the cap),
 * chosen by a seeded hash; top- and ground-floor rooms count double, as sampling rules ask for them.
 */
async function sampleHouseholds(
  container: Container,
  stationsById: Map<number, Station>,
  seed: number,
  share: number,
  cap: number,
): Promise<{ id: number; code: string; station: Station; position: 'top' | 'ground' | 'middle' }[]> {
  const communities = new Map<number, { station: Station; quota: number }>();
  let total = 0;
  const counts: { id: number; station: Station; count: number }[] = [];
  for await (const c of container.registry.exportItems(SYSTEM_ACTOR, 'communities', {
    page: 1,
    pageSize: 1,
  })) {
    const station =
      c.stationId === null || c.stationId === undefined ? undefined : stationsById.get(Number(c.stationId));
    const count = Number(c.householdCount);
    total += count;
    if (station) counts.push({ id: Number(c.id), station, count });
  }
  const effective = total === 0 ? 0 : Math.min(share, cap / total);
  if (effective <= 0) return [];
  for (const c of counts)
    communities.set(c.id, { station: c.station, quota: Math.ceil(c.count * effective) });
  const floors = new Map<number, number>();
  for await (const b of container.registry.exportItems(SYSTEM_ACTOR, 'buildings', { page: 1, pageSize: 1 }))
    floors.set(Number(b.id), Number(b.floors));

  type Candidate = {
    u: number;
    id: number;
    code: string;
    station: Station;
    position: 'top' | 'ground' | 'middle';
  };
  const best = new Map<number, Candidate[]>();
  for await (const h of container.registry.exportItems(SYSTEM_ACTOR, 'households', {
    page: 1,
    pageSize: 1,
  })) {
    const communityId = Number(h.communityId);
    const community = communities.get(communityId);
    if (!community) continue;
    const id = Number(h.id);
    const floor = h.floor === null ? null : Number(h.floor);
    const top = h.buildingId === null ? undefined : floors.get(Number(h.buildingId));
    const position =
      floor === null
        ? 'middle'
        : floor <= 1
          ? 'ground'
          : top !== undefined && floor >= top
            ? 'top'
            : 'middle';
    const u = hashUnit(seed, id) / (position === 'middle' ? 1 : 2);
    let list = best.get(communityId);
    if (!list) best.set(communityId, (list = []));
    if (list.length >= community.quota && u >= (list[list.length - 1] as Candidate).u) continue;
    let at = list.length;
    while (at > 0 && (list[at - 1] as Candidate).u > u) at--;
    list.splice(at, 0, { u, id, code: String(h.code), station: community.station, position });
    if (list.length > community.quota) list.pop();
  }
  return [...best.values()]
    .flat()
    .sort((a, b) => a.u - b.u)
    .slice(0, cap)
    .sort((a, b) => a.id - b.id);
}

/** Ends a connection once its in-flight messages are acknowledged, or forcibly after 2 s. */
async function closeClient(client: MqttClient): Promise<void> {
  const ended = client.endAsync().catch(() => undefined);
  if ((await Promise.race([ended.then(() => true), delay(2_000).then(() => false)])) === false)
    await client.endAsync(true).catch(() => undefined);
}

/** A station reading as its instruments report it: noisy sensors, heat computed from the measured flow and ΔT. */
function stationReading(s: Station, o: StationOutput, heatTotal: number): Record<string, number> {
  const { rng } = s;
  const v: Record<string, number> = {};
  for (const key of STATION_KEYS) {
    const x = o[key];
    const noisy =
      key === 'flow'
        ? round(x * (1 + rng.normal(0, 0.003)), 2)
        : key.endsWith('Pressure')
          ? round(x + rng.normal(0, 0.002), 3)
          : round(x + rng.normal(0, 0.1), 2);
    v[key] = inRange(key, noisy);
  }
  // a heat meter integrates the flow and temperatures it measures: Q = G·c·Δt/3.6
  const dt = Math.max(0, (v.secondarySupplyTemp as number) - (v.secondaryReturnTemp as number));
  v.heatPower = inRange('heatPower', round(powerKw(v.flow as number, dt) / 1000, 4));
  v.heatTotal = inRange('heatTotal', round(heatTotal, 3));
  v.makeupWater = inRange('makeupWater', round(o.makeupWater * (1 + rng.normal(0, 0.03)), 3));
  v.pumpRunning = 1;
  return v;
}

/**
 * Runs the simulator until `durationSeconds` real seconds have passed or `signal` aborts, then drains what
 * is in flight and closes its connections.
 *
 * Two clocks: the physics and the weather follow a simulated clock that runs `speed` times faster than real
 * time from the start, while every reading is stamped with the real instant at which that simulated moment
 * is reached (start + elapsed simulated time / speed). The server accepts readings only within its clock-
 * skew and retention window, so timestamps cannot run ahead of real time; one real minute at speed 60 thus
 * carries one simulated hour of weather and building response in readings one second apart.
 */
export async function runSimulation(
  container: Container,
  options: SimulationOptions,
): Promise<SimulationReport> {
  const speed = options.speed ?? 60;
  const interval = options.intervalSimSeconds ?? 60;
  const householdInterval = options.householdIntervalSimSeconds ?? 600;
  const share = options.householdShare ?? 0.03;
  const cap = options.maxHouseholdSensors ?? 20_000;
  const seed = options.seed ?? 1;
  if (!(speed > 0 && speed <= 100_000)) throw invalidOption('speed', 'a number in (0, 100000]');
  if (!(interval >= 1)) throw invalidOption('intervalSimSeconds', 'at least 1 simulated second');
  if (!(householdInterval >= 1)) throw invalidOption('householdIntervalSimSeconds', 'at least 1');
  if (!(share >= 0 && share <= 1)) throw invalidOption('householdShare', 'a share in [0, 1]');
  if (!Number.isInteger(seed)) throw invalidOption('seed', 'an integer');
  if (options.durationSeconds !== undefined && !(options.durationSeconds > 0))
    throw invalidOption('durationSeconds', 'positive');
  const city = options.city ?? 'beijing';
  const design: DesignConditions | undefined = DESIGN_CONDITIONS[city];
  if (!design) throw invalidOption('city', `one of ${Object.keys(DESIGN_CONDITIONS).join(', ')}`);

  const log = options.log ?? ((line: string) => console.warn(line));
  const warned = new Set<string>();
  const warn = (key: string, line: string) => {
    if (warned.has(key) || warned.size > 50) return;
    warned.add(key);
    log(line);
  };

  // everything that can fail on bad input fails before devices are registered
  const kinds: FaultKind[] = parseFaults(options.faults ?? []);
  const setupStart = Date.now();
  const weather: WeatherSeries = loadWeather(options.weatherFile, setupStart);

  const stations = await loadStations(container, design, seed, weather.temperatureAt(setupStart), setupStart);
  const stationsById = new Map(stations.map((s) => [s.id, s]));
  const sample = await sampleHouseholds(container, stationsById, seed, share, cap);
  const plan = planFaults(
    stations.map((s) => s.id),
    sample.map((h) => h.id),
    kinds,
    seed,
  );
  for (const id of plan.leak) (stationsById.get(id) as Station).leak = true;
  for (const id of plan.offline) (stationsById.get(id) as Station).offline = true;
  for (const u of plan.underheat) (stationsById.get(u.stationId) as Station).shortfall = u.shortfall;
  for (const s of plan.stuck) (stationsById.get(s.stationId) as Station).stuck = s.metric;
  const stuckHouseholds = new Set(plan.stuckHouseholds);
  const slots = Math.max(1, Math.round(householdInterval / interval));
  const households: Household[] = sample.map((h, i) => {
    const rng = createRng(seed, 1_000_000 + h.id);
    const offset =
      h.position === 'top'
        ? rng.float(-0.3, 0.3)
        : h.position === 'ground'
          ? rng.float(-0.2, 0.4)
          : rng.float(0.3, 1.5);
    return { ...h, offset, slot: i % slots, stuck: stuckHouseholds.has(h.id), rng, device: null };
  });

  // devices: one per station and per sampled household, tokens kept in memory only; each buffers about
  // three ticks of its own readings, which bounds memory whatever the speed
  const stepsPerTick = Math.ceil((TICK_MS * speed) / (interval * 1000));
  const backlog = (isStation: boolean) =>
    3 * (isStation ? stepsPerTick : Math.ceil(stepsPerTick / slots)) + 20;
  const targets: (Station | Household)[] = [...stations, ...households];
  const devices: SimDevice[] = [];
  await mapLimit(targets, REGISTER_CONCURRENCY, async (target) => {
    if (options.signal?.aborted) return;
    const isStation = 'params' in target;
    const credential = await whenUnlocked(() =>
      container.devices.create(
        SYSTEM_ACTOR,
        isStation
          ? { stationId: target.id, name: 'simulator' }
          : { householdId: target.id, name: 'simulator' },
      ),
    );
    target.device = {
      id: credential.id,
      token: credential.token,
      topic: credential.topic,
      kind: isStation ? 'station' : 'household',
      code: target.code,
      channel: 'http',
      pending: [],
      maxPending: backlog(isStation),
      busy: false,
    };
  });
  for (const t of targets) if (t.device) devices.push(t.device);

  const transport = options.transport;
  const httpUrl = transport.kind === 'http' ? transport.url : transport.httpUrl;
  if (transport.kind === 'mqtt') {
    const limit = transport.maxConnections ?? 2_000;
    const viaMqtt = devices.slice(0, limit);
    for (const d of devices.slice(limit)) d.channel = httpUrl ? 'http' : 'none';
    if (devices.length > limit)
      warn(
        'mqtt:limit',
        httpUrl
          ? `MQTT 连接数上限 ${limit}：其余 ${devices.length - limit} 台设备改用 HTTP / over ${limit} MQTT connections: ${devices.length - limit} devices post over HTTP to ${httpUrl}`
          : `MQTT 连接数上限 ${limit}：其余 ${devices.length - limit} 台设备不发送 / over ${limit} MQTT connections: ${devices.length - limit} devices stay silent (no HTTP URL given)`,
      );
    await mapLimit(viaMqtt, CONNECT_CONCURRENCY, async (d) => {
      if (options.signal?.aborted) return;
      try {
        d.client = await connectMqtt(transport.url, d, warn);
        d.channel = 'mqtt';
      } catch (error) {
        d.channel = httpUrl ? 'http' : 'none';
        warn(
          `connect:${(error as Error).message}`,
          `MQTT 连接失败 / MQTT connect failed (${transport.url}): ${(error as Error).message}`,
        );
      }
    });
  }

  const publisher = createPublisher({
    httpUrl,
    httpLimit: HTTP_CONCURRENCY,
    mqttLimit: MQTT_IN_FLIGHT,
    warn,
  });
  const { counters } = publisher;

  const startedAt = Date.now();
  const intervalMs = interval * 1000;
  const faultsFrom = startedAt + (options.faultsAfterSimSeconds ?? 0) * 1000;
  const simAt = (realMs: number) => startedAt + (realMs - startedAt) * speed;
  const stampOf = (simMs: number) => startedAt + Math.round((simMs - startedAt) / speed);
  const stuckMemory = new Map<string, number>();
  let step = 0;
  let outdoorTemp = weather.temperatureAt(startedAt);
  const publishing = devices.filter((d) => d.channel !== 'none').length;

  function emitStep(n: number) {
    const simMs = startedAt + n * intervalMs;
    const ts = stampOf(simMs);
    outdoorTemp = weather.temperatureAt(simMs);
    const faulty = simMs >= faultsFrom;
    const leakHours = (simMs - faultsFrom) / 3_600_000;
    for (const s of stations) {
      const leak = s.leak && faulty ? leakEffect(leakHours) : { makeupFactor: 1, pressureDrop: 0 };
      const { state, output } = stepStation(
        s.params,
        s.state,
        {
          outdoorTemp,
          dtS: (simMs - s.lastSimMs) / 1000,
          supplyOffset: s.bias - (faulty ? s.shortfall : 0),
          ...leak,
        },
        design,
      );
      s.state = state;
      s.output = output;
      s.lastSimMs = simMs;
      if (!s.device || (s.offline && faulty)) continue;
      const values = stationReading(s, output, state.heatTotal);
      if (s.stuck && faulty) values[s.stuck] = stuckValue(stuckMemory, `s${s.id}`, values[s.stuck] as number);
      publisher.push(s.device, { ts, values });
    }
    for (const h of households) {
      if (h.slot !== n % slots || !h.device) continue;
      let indoor = round(h.station.state.indoorTemp + h.offset + h.rng.normal(0, 0.1), 2);
      if (h.stuck && faulty) indoor = stuckValue(stuckMemory, `h${h.id}`, indoor);
      publisher.push(h.device, { ts, values: { indoorTemp: inRange('indoorTemp', indoor) } });
    }
  }

  const stats = (): SimulationStats => ({
    ...counters,
    simNow: startedAt + Math.max(0, step - 1) * intervalMs,
    outdoorTemp,
    realMs: Date.now() - startedAt,
  });

  function tick() {
    const simNow = simAt(Date.now());
    const lastDue = Math.floor((simNow - startedAt) / intervalMs);
    // after a stall (or a very high speed) emit a bounded number of steps and skip the rest
    const maxSteps = 2 * Math.ceil((TICK_MS * speed) / intervalMs) + 5;
    if (lastDue - step + 1 > maxSteps) {
      const skipped = lastDue - maxSteps + 1 - step;
      counters.dropped += skipped * publishing;
      step += skipped;
    }
    for (; step <= lastDue; step++) emitStep(step);
    publisher.flush(devices);
    options.onStats?.(stats());
  }

  for (const s of stations) s.lastSimMs = startedAt;
  try {
    await new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      let k = 0;
      const stop = (error?: unknown) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        if (error) reject(error as Error);
        else resolve();
      };
      const onAbort = () => stop();
      if (options.signal?.aborted) return stop();
      options.signal?.addEventListener('abort', onAbort);
      const end =
        options.durationSeconds === undefined ? Infinity : startedAt + options.durationSeconds * 1000;
      const run = () => {
        if (Date.now() >= end) return stop();
        try {
          tick();
        } catch (error) {
          return stop(error);
        }
        k++;
        // ticks stay on the real-second grid however long one took
        timer = setTimeout(run, Math.max(0, Math.min(end, startedAt + k * TICK_MS) - Date.now()));
      };
      run();
    });
    publisher.flush(devices);
    await publisher.drain(15_000);
  } finally {
    await Promise.all(devices.map((d) => (d.client ? closeClient(d.client) : undefined)));
  }
  const final = stats();
  let revoked = 0;
  if (!options.keepDevices) {
    await mapLimit(devices, REGISTER_CONCURRENCY, async (d) => {
      try {
        await whenUnlocked(() => container.devices.revoke(SYSTEM_ACTOR, d.id));
        revoked++;
      } catch (error) {
        warn('revoke', `设备吊销失败 / revoking device ${d.id} failed: ${(error as Error).message}`);
      }
    });
  }
  options.onStats?.(final);
  return {
    ...final,
    stations: stations.length,
    households: households.length,
    devices: {
      mqtt: devices.filter((d) => d.channel === 'mqtt').length,
      http: devices.filter((d) => d.channel === 'http').length,
      silent: devices.filter((d) => d.channel === 'none').length,
    },
    weather: weather.source,
    faults: plan,
    sampledHouseholds: households.map((h) => h.id),
    unsent: devices.reduce((sum, d) => sum + d.pending.length, 0),
    revoked,
    startedAt,
  };
}
