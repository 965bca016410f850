// Simulator publishing: MQTT per device (QoS 1) or HTTP batch posts, bounded concurrency, counters.
import mqtt, { type MqttClient } from 'mqtt';

export type SimReading = { ts: number; values: Record<string, number> };

export type SimDevice = {
  id: number;
  token: string;
  topic: string;
  kind: 'station' | 'household';
  code: string;
  /** a demo city device 演示设备 (kept when the run ends; only the run's own devices are revoked) */
  demo?: boolean;
  channel: 'mqtt' | 'http' | 'none';
  client?: MqttClient;
  /** readings produced but not yet handed to the transport, oldest first */
  pending: SimReading[];
  /** backlog bound: beyond it the oldest readings are dropped (the server cannot keep up) */
  maxPending: number;
  /** queued for or in a send: a device has at most one request or message in flight */
  busy: boolean;
};

export type Counters = { published: number; acked: number; errors: number; dropped: number };

/** Readings per HTTP request or MQTT message when a device has a backlog. */
const MAX_BATCH = 1_000;

type Warn = (key: string, line: string) => void;

export function connectMqtt(url: string, device: SimDevice, warn: Warn): Promise<MqttClient> {
  // no retries while connecting: a refused device falls back or is reported at once
  return mqtt
    .connectAsync(
      url,
      {
        username: String(device.id),
        password: device.token,
        clientId: `hearth-sim-${device.id}`,
        clean: true,
        keepalive: 60,
        connectTimeout: 15_000,
        reconnectPeriod: 2_000,
      },
      false,
    )
    .then((client) => {
      // an 'error' without a listener would throw; reconnection handles transient ones
      client.on('error', (error) =>
        warn(`mqtt:${error.message}`, `MQTT 错误 / MQTT error: ${error.message}`),
      );
      return client;
    });
}

/**
 * A send pool: devices with pending readings are queued once; at most `limit` sends run at a time per
 * channel, and a device whose backlog grew while it was sending is queued again.
 */
export function createPublisher(options: {
  httpUrl: string | undefined;
  httpLimit: number;
  mqttLimit: number;
  warn: Warn;
}) {
  const { warn } = options;
  const counters: Counters = { published: 0, acked: 0, errors: 0, dropped: 0 };
  const queues = { http: [] as SimDevice[], mqtt: [] as SimDevice[] };
  const heads = { http: 0, mqtt: 0 };
  const active = { http: 0, mqtt: 0 };
  const limits = { http: options.httpLimit, mqtt: options.mqttLimit };
  let idle: (() => void) | null = null;
  const endpoint = options.httpUrl ? `${options.httpUrl.replace(/\/+$/, '')}/api/ingest/telemetry` : '';

  async function postHttp(device: SimDevice, batch: SimReading[]): Promise<void> {
    const codeKey = device.kind === 'station' ? 'stationCode' : 'householdCode';
    const body = JSON.stringify(batch.map((r) => ({ [codeKey]: device.code, ts: r.ts, values: r.values })));
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
      body,
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) {
      const text = (await response.text()).slice(0, 300);
      if (response.status === 401)
        warn(
          'http:401',
          `服务器拒绝设备令牌 / the server refused a device token: does it use the same database (HEARTH_DATA_DIR / HEARTH_DATABASE_URL)? ${text}`,
        );
      throw new Error(`HTTP ${response.status}: ${text}`);
    }
    const result = (await response.json()) as {
      accepted: number;
      duplicates: number;
      rejected: number;
      results: { status: string; code?: string; reason?: string }[];
    };
    counters.acked += result.accepted + result.duplicates;
    counters.errors += result.rejected;
    for (const r of result.results)
      if (r.status === 'rejected')
        warn(`reject:${r.code}`, `读数被拒绝 / reading rejected: ${r.code} ${r.reason}`);
  }

  async function send(device: SimDevice): Promise<void> {
    const batch = device.pending.splice(0, MAX_BATCH);
    counters.published += batch.length;
    try {
      if (device.channel === 'mqtt' && device.client) {
        const payload = JSON.stringify(batch.length === 1 ? batch[0] : batch);
        // resolves on PUBACK, which the broker sends only after the readings are stored
        await device.client.publishAsync(device.topic, payload, { qos: 1 });
        counters.acked += batch.length;
      } else {
        await postHttp(device, batch);
      }
    } catch (error) {
      counters.errors += batch.length;
      warn(
        `send:${(error as Error).message.slice(0, 40)}`,
        `发送失败 / send failed: ${(error as Error).message}`,
      );
    }
  }

  function pump(channel: 'http' | 'mqtt') {
    const queue = queues[channel];
    while (active[channel] < limits[channel] && heads[channel] < queue.length) {
      const device = queue[heads[channel]++] as SimDevice;
      active[channel]++;
      void send(device).finally(() => {
        active[channel]--;
        device.busy = false;
        if (device.pending.length > 0) enqueue(device);
        pump(channel);
        if (idle && isIdle()) idle();
      });
    }
    if (heads[channel] === queue.length) {
      queue.length = 0;
      heads[channel] = 0;
    } else if (heads[channel] > 4096) {
      queue.splice(0, heads[channel]);
      heads[channel] = 0;
    }
  }

  function enqueue(device: SimDevice) {
    if (device.busy || device.channel === 'none' || device.pending.length === 0) return;
    device.busy = true;
    queues[device.channel].push(device);
  }

  const isIdle = () =>
    active.http === 0 &&
    active.mqtt === 0 &&
    heads.http === queues.http.length &&
    heads.mqtt === queues.mqtt.length;

  return {
    counters,
    /** adds a reading to a device's backlog (dropping its oldest when the backlog is full) */
    push(device: SimDevice, reading: SimReading) {
      if (device.channel === 'none') return;
      if (device.pending.length >= device.maxPending) {
        device.pending.shift();
        counters.dropped++;
      }
      device.pending.push(reading);
    },
    /** queues every device with a backlog and starts sending */
    flush(devices: Iterable<SimDevice>) {
      for (const d of devices) enqueue(d);
      pump('http');
      pump('mqtt');
    },
    /** resolves when nothing is queued or in flight, or after `ms` */
    drain(ms: number): Promise<void> {
      if (isIdle()) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          idle = null;
          resolve();
        }
        idle = done;
      });
    },
  };
}
export type Publisher = ReturnType<typeof createPublisher>;
