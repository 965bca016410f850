// The telemetry simulator: own devices, station physics on a fast weather-driven clock, publishing.
import type { Container } from '../../container.ts';
import { DomainError } from '../../http/domain-error.ts';
import { leakEffect, parseFaults, planFaults, stuckValue, type FaultPlan } from './faults.ts';
import { DESIGN_CONDITIONS, type City, type DesignConditions } from '../weather/compensation.rules.ts';
import { stepStation } from './physics.ts';
import { createPublisher, type SimDevice } from './transport.ts';
import { inRange, round, stationReading } from './simulator-readings.ts';
import { loadWeather, type WeatherSeries } from './weather.ts';
import { applyStationFaults, buildHouseholds, loadStations, sampleHouseholds } from './simulator-targets.ts';
import { closeDevices, connectDevices, registerDevices, revokeDevices } from './simulator-devices.ts';

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

const TICK_MS = 1_000;
const HTTP_CONCURRENCY = 64;
const MQTT_IN_FLIGHT = 512;

function invalidOption(name: string, reason: string): DomainError {
  return new DomainError('simulate.invalid_option', 422, `模拟参数无效 / invalid ${name}: ${reason}`, [
    { path: name, reason },
  ]);
}

type Warn = (key: string, line: string) => void;

/** The options with their defaults, checked: everything that can fail on bad input fails here. */
function resolveOptions(options: SimulationOptions) {
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
  const kinds = parseFaults(options.faults ?? []);
  return { speed, interval, householdInterval, share, cap, seed, design, kinds };
}
type Resolved = ReturnType<typeof resolveOptions>;

/** Warnings, each kind once (and at most about 50 kinds). */
function createWarn(log: (line: string) => void): Warn {
  const warned = new Set<string>();
  return (key, line) => {
    if (warned.has(key) || warned.size > 50) return;
    warned.add(key);
    log(line);
  };
}

/** Stations and sampled households from the registry, with the planned faults marked on them. */
async function setupTargets(container: Container, o: Resolved, weather: WeatherSeries, setupStart: number) {
  const outdoor = weather.temperatureAt(setupStart);
  const stations = await loadStations(container, o.design, o.seed, outdoor, setupStart);
  const stationsById = new Map(stations.map((s) => [s.id, s]));
  // a demo city samples exactly the households its demo indoor sensors are in
  const demo = await container.demoDevices.list();
  const demoHouseholds = new Set(demo.flatMap((d) => (d.householdId === null ? [] : [d.householdId])));
  const sample = await sampleHouseholds(
    container,
    stationsById,
    o.seed,
    o.share,
    o.cap,
    demoHouseholds.size > 0 ? demoHouseholds : undefined,
  );
  const plan = planFaults(
    stations.map((s) => s.id),
    sample.map((h) => h.id),
    o.kinds,
    o.seed,
  );
  applyStationFaults(stationsById, plan);
  const slots = Math.max(1, Math.round(o.householdInterval / o.interval));
  const households = buildHouseholds(sample, plan, o.seed, slots);
  return { stations, households, plan, slots };
}
type Targets = Awaited<ReturnType<typeof setupTargets>>;

/**
 * The two clocks (see runSimulation) and the steps between them: each step moves every station's physics to
 * its simulated moment and hands the due readings to the publisher.
 */
function createStepper(
  o: Resolved,
  targets: Targets,
  weather: WeatherSeries,
  publisher: ReturnType<typeof createPublisher>,
  faultsAfterSimSeconds: number,
) {
  const { stations, households, slots } = targets;
  const startedAt = Date.now();
  const intervalMs = o.interval * 1000;
  const faultsFrom = startedAt + faultsAfterSimSeconds * 1000;
  const stampOf = (simMs: number) => startedAt + Math.round((simMs - startedAt) / o.speed);
  const stuckMemory = new Map<string, number>();
  let outdoorTemp = weather.temperatureAt(startedAt);
  for (const s of stations) s.lastSimMs = startedAt;

  function stepStations(simMs: number, ts: number, faulty: boolean) {
    const leakHours = (simMs - faultsFrom) / 3_600_000;
    for (const s of stations) {
      const leak = s.leak && faulty ? leakEffect(leakHours) : { makeupFactor: 1, pressureDrop: 0 };
      const supplyOffset = s.bias - (faulty ? s.shortfall : 0);
      const dtS = (simMs - s.lastSimMs) / 1000;
      const { state, output } = stepStation(
        s.params,
        s.state,
        { outdoorTemp, dtS, supplyOffset, ...leak },
        o.design,
      );
      s.state = state;
      s.output = output;
      s.lastSimMs = simMs;
      if (!s.device || (s.offline && faulty)) continue;
      const values = stationReading(s, output, state.heatTotal);
      if (s.stuck && faulty) values[s.stuck] = stuckValue(stuckMemory, `s${s.id}`, values[s.stuck] as number);
      publisher.push(s.device, { ts, values });
    }
  }

  function stepHouseholds(n: number, ts: number, faulty: boolean) {
    for (const h of households) {
      if (h.slot !== n % slots || !h.device) continue;
      let indoor = round(h.station.state.indoorTemp + h.offset + h.rng.normal(0, 0.1), 2);
      if (h.stuck && faulty) indoor = stuckValue(stuckMemory, `h${h.id}`, indoor);
      publisher.push(h.device, { ts, values: { indoorTemp: inRange('indoorTemp', indoor) } });
    }
  }

  return {
    startedAt,
    intervalMs,
    /** the simulated moment of a real one */
    simAt: (realMs: number) => startedAt + (realMs - startedAt) * o.speed,
    outdoorTemp: () => outdoorTemp,
    /** step `n`: the physics at its simulated moment and the readings due then */
    emit(n: number) {
      const simMs = startedAt + n * intervalMs;
      const ts = stampOf(simMs);
      outdoorTemp = weather.temperatureAt(simMs);
      const faulty = simMs >= faultsFrom;
      stepStations(simMs, ts, faulty);
      stepHouseholds(n, ts, faulty);
    },
  };
}

/** Calls `tick` on the real-second grid until `end` (epoch ms) or `signal` aborts; rejects when a tick throws. */
function runTicks(
  startedAt: number,
  end: number,
  signal: AbortSignal | undefined,
  tick: () => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let k = 0;
    const stop = (error?: unknown) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error as Error);
      else resolve();
    };
    const onAbort = () => stop();
    if (signal?.aborted) return stop();
    signal?.addEventListener('abort', onAbort);
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
}

/** Devices for every target, connected as the transport asks; the URL devices post to over HTTP, if any. */
async function prepareDevices(
  container: Container,
  options: SimulationOptions,
  o: Resolved,
  targets: Targets,
  warn: Warn,
) {
  // each device buffers about three ticks of its own readings, which bounds memory whatever the speed
  const stepsPerTick = Math.ceil((TICK_MS * o.speed) / (o.interval * 1000));
  const backlog = (isStation: boolean) =>
    3 * (isStation ? stepsPerTick : Math.ceil(stepsPerTick / targets.slots)) + 20;
  const all = [...targets.stations, ...targets.households];
  const devices = await registerDevices(container, all, backlog, options.signal);
  const transport = options.transport;
  const httpUrl = transport.kind === 'http' ? transport.url : transport.httpUrl;
  if (transport.kind === 'mqtt') {
    const { maxConnections, url } = transport;
    await connectDevices(devices, url, { maxConnections, httpUrl, signal: options.signal, warn });
  }
  return { devices, httpUrl };
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
  const o = resolveOptions(options);
  const warn = createWarn(options.log ?? ((line: string) => console.warn(line)));
  const setupStart = Date.now();
  const weather = loadWeather(options.weatherFile, setupStart);
  const targets = await setupTargets(container, o, weather, setupStart);
  const { devices, httpUrl } = await prepareDevices(container, options, o, targets, warn);

  const publisher = createPublisher({
    httpUrl,
    httpLimit: HTTP_CONCURRENCY,
    mqttLimit: MQTT_IN_FLIGHT,
    warn,
  });
  const { counters } = publisher;
  const stepper = createStepper(o, targets, weather, publisher, options.faultsAfterSimSeconds ?? 0);
  const { startedAt, intervalMs } = stepper;
  const publishing = devices.filter((d) => d.channel !== 'none').length;
  let step = 0;
  const stats = (): SimulationStats => ({
    ...counters,
    simNow: startedAt + Math.max(0, step - 1) * intervalMs,
    outdoorTemp: stepper.outdoorTemp(),
    realMs: Date.now() - startedAt,
  });
  const tick = () => {
    const lastDue = Math.floor((stepper.simAt(Date.now()) - startedAt) / intervalMs);
    // after a stall (or a very high speed) emit a bounded number of steps and skip the rest
    const maxSteps = 2 * Math.ceil((TICK_MS * o.speed) / intervalMs) + 5;
    if (lastDue - step + 1 > maxSteps) {
      const skipped = lastDue - maxSteps + 1 - step;
      counters.dropped += skipped * publishing;
      step += skipped;
    }
    for (; step <= lastDue; step++) stepper.emit(step);
    publisher.flush(devices);
    options.onStats?.(stats());
  };

  const end = options.durationSeconds === undefined ? Infinity : startedAt + options.durationSeconds * 1000;
  try {
    await runTicks(startedAt, end, options.signal, tick);
    publisher.flush(devices);
    await publisher.drain(15_000);
  } finally {
    await closeDevices(devices);
  }
  const final = stats();
  const revoked = options.keepDevices ? 0 : await revokeDevices(container, devices, warn);
  options.onStats?.(final);
  return report(final, targets, devices, weather, revoked, startedAt);
}

function report(
  final: SimulationStats,
  targets: Targets,
  devices: readonly SimDevice[],
  weather: WeatherSeries,
  revoked: number,
  startedAt: number,
): SimulationReport {
  const count = (channel: SimDevice['channel']) => devices.filter((d) => d.channel === channel).length;
  return {
    ...final,
    stations: targets.stations.length,
    households: targets.households.length,
    devices: { mqtt: count('mqtt'), http: count('http'), silent: count('none') },
    weather: weather.source,
    faults: targets.plan,
    sampledHouseholds: targets.households.map((h) => h.id),
    unsent: devices.reduce((sum, d) => sum + d.pending.length, 0),
    revoked,
    startedAt,
  };
}
