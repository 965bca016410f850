// A Mosquitto of a test's own, on a free port, with the shipped configuration (deploy/mosquitto/hearth.conf)
// or given settings instead, in a temporary folder; anonymous clients on 127.0.0.1 only.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.ts';

const SHIPPED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../deploy/mosquitto');

export type TestBroker = { url: string; stop(): Promise<void> };

/** `settings`: lines used instead of the shipped configuration (e.g. Mosquitto's defaults, for contrast). */
export async function startMosquitto(
  options: { settings?: string[]; sysInterval?: number } = {},
): Promise<TestBroker> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-mosquitto-'));
  fs.chmodSync(dir, 0o777); // started as root, mosquitto runs as user mosquitto and saves its queue here
  const port = await freePort();
  const lines = [
    `listener ${port} 127.0.0.1`,
    'allow_anonymous true',
    `persistence_location ${dir}/`,
    ...(options.settings ?? [`include_dir ${SHIPPED}`]),
    ...(options.sysInterval !== undefined ? [`sys_interval ${options.sysInterval}`] : []),
  ];
  fs.writeFileSync(path.join(dir, 'site.conf'), `${lines.join('\n')}\n`);
  const child = spawn('mosquitto', ['-c', path.join(dir, 'site.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; ; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => s.end(() => resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (up) break;
    if (i > 100 || child.exitCode !== null) throw new Error(`mosquitto did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
