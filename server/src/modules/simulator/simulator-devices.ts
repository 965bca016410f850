// The simulator's devices: registered for its targets (tokens kept in memory only), connected over MQTT or
// left to HTTP, closed and revoked at the end.
import type { MqttClient } from 'mqtt';
import { householdTopic, stationTopic } from '@hearth/contracts/telemetry';
import type { Container } from '../../container.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import type { Household, Station } from './simulator-targets.ts';
import { connectMqtt, type SimDevice } from './transport.ts';

type Warn = (key: string, line: string) => void;

const CONNECT_CONCURRENCY = 32;
const REGISTER_CONCURRENCY = 8;

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

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

/** Ends a connection once its in-flight messages are acknowledged, or forcibly after 2 s. */
async function closeClient(client: MqttClient): Promise<void> {
  const ended = client.endAsync().catch(() => undefined);
  if ((await Promise.race([ended.then(() => true), delay(2_000).then(() => false)])) === false)
    await client.endAsync(true).catch(() => undefined);
}

/**
 * One device per target (`backlog`: the readings each may buffer), in target order; none once `signal` aborts.
 * A target with a demo device 演示设备 reuses it (its token reissued for this run); the others get a device of
 * the run's own.
 */
export async function registerDevices(
  container: Container,
  targets: readonly (Station | Household)[],
  backlog: (isStation: boolean) => number,
  signal: AbortSignal | undefined,
): Promise<SimDevice[]> {
  const demo = new Map<string, { id: number; token: string }>();
  for (const c of await whenUnlocked(() => container.demoDevices.credentials()))
    demo.set(c.stationId !== null ? `s${c.stationId}` : `h${c.householdId}`, c);
  await mapLimit(targets, REGISTER_CONCURRENCY, async (target) => {
    if (signal?.aborted) return;
    const isStation = 'params' in target;
    const reused = demo.get(`${isStation ? 's' : 'h'}${target.id}`);
    if (reused) {
      target.device = {
        id: reused.id,
        token: reused.token,
        topic: isStation ? stationTopic(target.code) : householdTopic(target.code),
        kind: isStation ? 'station' : 'household',
        code: target.code,
        demo: true,
        channel: 'http',
        pending: [],
        maxPending: backlog(isStation),
        busy: false,
      };
      return;
    }
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
  const devices: SimDevice[] = [];
  for (const t of targets) if (t.device) devices.push(t.device);
  return devices;
}

/**
 * Connects up to `maxConnections` devices over MQTT; the others, and those whose connection fails, post over
 * HTTP when there is an `httpUrl`, else stay silent.
 */
export async function connectDevices(
  devices: readonly SimDevice[],
  mqttUrl: string,
  options: { maxConnections?: number; httpUrl: string | undefined; signal?: AbortSignal; warn: Warn },
): Promise<void> {
  const { httpUrl, warn } = options;
  const limit = options.maxConnections ?? 2_000;
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
      d.client = await connectMqtt(mqttUrl, d, warn);
      d.channel = 'mqtt';
    } catch (error) {
      d.channel = httpUrl ? 'http' : 'none';
      warn(
        `connect:${(error as Error).message}`,
        `MQTT 连接失败 / MQTT connect failed (${mqttUrl}): ${(error as Error).message}`,
      );
    }
  });
}

/** Ends every device's MQTT connection. */
export async function closeDevices(devices: readonly SimDevice[]): Promise<void> {
  await Promise.all(devices.map((d) => (d.client ? closeClient(d.client) : undefined)));
}

/** Revokes the run's own devices (demo devices stay); how many were. */
export async function revokeDevices(
  container: Container,
  devices: readonly SimDevice[],
  warn: Warn,
): Promise<number> {
  let revoked = 0;
  const own = devices.filter((d) => d.demo !== true);
  await mapLimit(own, REGISTER_CONCURRENCY, async (d) => {
    try {
      await whenUnlocked(() => container.devices.revoke(SYSTEM_ACTOR, d.id));
      revoked++;
    } catch (error) {
      warn('revoke', `设备吊销失败 / revoking device ${d.id} failed: ${(error as Error).message}`);
    }
  });
  return revoked;
}
