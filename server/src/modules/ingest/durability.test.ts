// Durability: a QoS 1 stream into a real `hearth` process that is killed with SIGKILL mid-stream; after a
// restart every reading the publisher got a PUBACK for is stored, exactly once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { createProcessEnv, type ProcessEnv } from '../../test-support/process-env.ts';

const HEARTH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/hearth.js');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

describe('nothing acknowledged is lost on kill -9', () => {
  let proc: ProcessEnv;
  let env: Record<string, string>;
  let child: ChildProcess | undefined;
  let httpUrl: string;
  let mqttUrl: string;

  async function startServer(): Promise<void> {
    child = spawn(process.execPath, [HEARTH, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`hearth exited: ${output}`);
      if (output.includes('MQTT')) {
        try {
          if ((await fetch(`${httpUrl}/api/health`)).ok) return;
        } catch {
          // not yet
        }
      }
      if (Date.now() > deadline) throw new Error(`hearth did not start: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  before(async () => {
    proc = await createProcessEnv('hearth-kill-');
    const [httpPort, mqttPort] = [await freePort(), await freePort()];
    httpUrl = `http://127.0.0.1:${httpPort}`;
    mqttUrl = `mqtt://127.0.0.1:${mqttPort}`;
    env = {
      ...(process.env as Record<string, string>),
      ...proc.env,
      HEARTH_PORT: String(httpPort),
      HEARTH_MQTT_PORT: String(mqttPort),
      HEARTH_MQTT_URL: '', // this test is about the embedded broker's acknowledgements
      HEARTH_ADMIN_PASSWORD: 'kill-test-password',
      HEARTH_LOG_LEVEL: 'warn',
    };
    const seed = spawnSync(
      process.execPath,
      [HEARTH, 'seed', '--scale', 'tiny', '--seed', '9', '--no-history'],
      {
        env,
        encoding: 'utf8',
      },
    );
    assert.equal(seed.status, 0, seed.stderr);
    await startServer();
  });
  after(async () => {
    child?.kill('SIGKILL');
    await proc.dispose();
  });

  it('keeps every PUBACKed reading exactly once', async () => {
    const login = await fetch(`${httpUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'kill-test-password' }),
    });
    const { token } = (await login.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const stations = (await (
      await fetch(`${httpUrl}/api/stations?pageSize=1`, { headers: auth })
    ).json()) as { items: { id: number }[] };
    const stationId = stations.items[0]?.id;
    const device = (await (
      await fetch(`${httpUrl}/api/devices`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ stationId }),
      })
    ).json()) as {
      id: number;
      token: string;
      topic: string;
    };

    const client = await mqtt.connectAsync(mqttUrl, {
      username: String(device.id),
      password: device.token,
      reconnectPeriod: 0,
    });
    client.on('error', () => undefined);
    const base = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
    const acked = new Set<number>();
    const total = 3000;
    let killed = false;
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; i < total && !killed; i++) {
      const p = client
        .publishAsync(device.topic, JSON.stringify({ ts: base + i * 1000, values: { flow: i } }), { qos: 1 })
        .then(() => void acked.add(i))
        .catch(() => undefined)
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= 50) await Promise.race(inFlight);
      if (acked.size >= 800) {
        // kill while up to 50 publishes are in flight: some are committed but not yet acknowledged
        killed = true;
        child?.kill('SIGKILL');
      }
    }
    assert.ok(killed, 'the server was killed mid-stream');
    const exited = child?.exitCode !== null ? Promise.resolve() : new Promise((r) => child?.once('exit', r));
    await Promise.race([Promise.all(inFlight), new Promise((r) => setTimeout(r, 2000))]);
    client.end(true);
    await exited;
    assert.ok(acked.size >= 800 && acked.size < total, `acked ${acked.size} of ${total}`);

    await startServer();
    const login2 = await fetch(`${httpUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'kill-test-password' }),
    });
    const token2 = ((await login2.json()) as { token: string }).token;
    const from = new Date(base).toISOString();
    const to = new Date(base + total * 1000).toISOString();
    const series = (await (
      await fetch(
        `${httpUrl}/api/stations/${stationId}/series?metric=flow&from=${from}&to=${to}&resolution=raw`,
        {
          headers: { authorization: `Bearer ${token2}` },
        },
      )
    ).json()) as { points: { value: number }[] };
    const stored = series.points.map((p) => p.value);
    assert.equal(new Set(stored).size, stored.length, 'no reading stored twice');
    const missing = [...acked].filter((i) => !stored.includes(i));
    assert.deepEqual(missing, [], 'every acknowledged reading survived the kill');
    console.log(`# durability: ${acked.size} acknowledged, ${stored.length} stored after SIGKILL + restart`);
  });
});
