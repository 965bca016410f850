// Shared benchmark setup: a Hearth in child processes of its own (seed, start, simulate) on free ports in a
// fresh data dir, waited for until healthy, with the admin's token.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../server/src/test-support/free-port.ts';

const HEARTH = path.join(path.dirname(fileURLToPath(import.meta.url)), '../server/bin/hearth.js');
const ADMIN_PASSWORD = 'bench-admin-password';

export const exited = (child: ChildProcess) =>
  new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));

/** A data dir and ports for one Hearth; `databaseUrl` empty for SQLite. */
export async function benchHearth(
  prefix: string,
  options: { databaseUrl?: string; output?: 'pipe' | 'inherit' } = {},
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const [httpPort, mqttPort] = [await freePort(), await freePort()];
  const env = {
    ...process.env,
    HEARTH_DATA_DIR: dir,
    HEARTH_DATABASE_URL: options.databaseUrl ?? '',
    HEARTH_MQTT_URL: '',
    HEARTH_PORT: String(httpPort),
    HEARTH_MQTT_PORT: String(mqttPort),
    HEARTH_ADMIN_PASSWORD: ADMIN_PASSWORD,
    HEARTH_LOG_LEVEL: 'warn',
    HEARTH_DEMO_LIVE: 'false',
  };
  const url = `http://127.0.0.1:${httpPort}`;
  /** runs `hearth <args>` in a process of its own */
  const run = (args: string[]) =>
    spawn(process.execPath, ['--disable-warning=ExperimentalWarning', HEARTH, ...args], {
      env,
      stdio: ['ignore', options.output ?? 'pipe', options.output ?? 'pipe'],
    });
  return {
    dir,
    url,
    mqttPort,
    run,
    /** seeds the demo city at `scale` (seed 1) */
    async seed(scale: string) {
      if ((await exited(run(['seed', '--scale', scale, '--seed', '1']))) !== 0)
        throw new Error('seed failed');
    },
    /** starts the server, waits until it answers, and logs in as admin */
    async start() {
      const server = run(['start']);
      for (let i = 0; ; i++) {
        try {
          if ((await fetch(`${url}/api/health`)).ok) break;
        } catch {
          if (i > 600) throw new Error('server did not start');
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
      });
      const { token } = (await login.json()) as { token: string };
      return { server, token };
    },
    async dispose(server: ChildProcess) {
      server.kill('SIGTERM');
      await exited(server);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
