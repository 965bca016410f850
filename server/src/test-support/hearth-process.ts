// A Hearth server in a process of its own (`hearth start`), for tests and benchmarks of several processes on one
// PostgreSQL database and one external broker: started on a free port, waited for until healthy, killed at will.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.ts';

const HEARTH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/hearth.js');

export type HearthProcess = {
  url: string;
  child: ChildProcess;
  /** resolves with the exit code (or the signal's name) */
  exited: Promise<number | string>;
  /** SIGTERM (a clean stop) or SIGKILL (a crash); resolves once the process is gone */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<number | string>;
};

/** A PostgreSQL URL whose connections work in `schema` (libpq's `options`). */
export function urlInSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/** Starts `hearth start` with these variables (over the defaults of a throwaway data dir and free ports). */
export async function startHearthProcess(env: Record<string, string>): Promise<HearthProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-process-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', HEARTH, 'start'], {
    env: {
      ...process.env,
      HEARTH_DATA_DIR: dir,
      HEARTH_HOST: '127.0.0.1',
      HEARTH_PORT: String(port),
      HEARTH_MQTT_PORT: String(await freePort()),
      HEARTH_LOG_LEVEL: 'warn',
      HEARTH_DEMO_LIVE: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      fs.rmSync(dir, { recursive: true, force: true });
      resolve(code ?? signal ?? 1);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`hearth start exited (${child.exitCode}): ${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      if (i > 600) throw new Error(`hearth start did not answer within 60 s: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
