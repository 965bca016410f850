// `hearth simulate`: the demo city's stations and sampled households publishing physically consistent
// readings to a running Hearth (embedded broker by default), with injectable faults.
import type { Config } from '../config.ts';
import type { Container } from '../container.ts';
import type { DemoScale } from '../modules/demo-city/demo-city.generator.ts';
import { runSimulation, type SimulationTransport } from '../modules/simulator/simulator.ts';
import { CliError } from './args.ts';
import { createProgressBar } from './progress.ts';
import { printAccounts, seedDemo } from './seed.ts';

export type SimulateArgs = {
  broker?: string | undefined;
  http?: string | undefined;
  speed?: string | undefined;
  scale?: DemoScale | undefined;
  weather?: string | undefined;
  faults?: string | undefined;
  seed?: string | undefined;
  duration?: string | undefined;
};

function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new CliError('cli.invalid_arguments', `--${name} 必须是正数 / --${name} must be a positive number`);
  return n;
}

export async function simulate(container: Container, config: Config, args: SimulateArgs): Promise<void> {
  if (args.broker && args.http)
    throw new CliError('cli.invalid_arguments', '--broker 与 --http 只能选一个 / choose --broker or --http');
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const httpUrl = `http://${host}:${config.port}`;
  const transport: SimulationTransport = args.http
    ? { kind: 'http', url: args.http }
    : {
        kind: 'mqtt',
        // the broker the serving Hearth reads: the external one when configured, else its embedded one
        url: args.broker ?? config.mqtt.url ?? `mqtt://${config.mqtt.host}:${config.mqtt.port}`,
        httpUrl,
      };

  if (await container.registry.isEmpty('stations')) {
    console.log(
      `空数据库，先生成演示城市 ${args.scale ?? 'small'} / empty database: generating the demo city first`,
    );
    const { accounts } = await seedDemo(container, {
      scale: args.scale ?? 'small',
      seed: 1,
      progress: createProgressBar(),
      dataDir: config.dataDir,
    });
    printAccounts(accounts);
  } else if (args.scale) {
    console.log('数据库已有城市数据，--scale 忽略 / the database already holds a city: --scale is ignored');
  }

  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  const duration = args.duration === undefined ? undefined : positive(args.duration, 'duration', 60);
  console.log(
    `模拟开始 / simulating via ${transport.kind === 'mqtt' ? transport.url : transport.url} at ${positive(args.speed, 'speed', 60)}× ` +
      `(Ctrl+C 停止 / to stop${duration ? `, ${duration} s` : ''})`,
  );
  let lastLine = 0;
  // the city's clock (HEARTH_TZ), as the console shows it
  const cityTime = new Intl.DateTimeFormat('sv-SE', {
    timeZone: config.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const report = await runSimulation(container, {
    transport,
    speed: positive(args.speed, 'speed', 60),
    ...(args.weather ? { weatherFile: args.weather } : {}),
    faults: args.faults
      ? args.faults
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean)
      : [],
    seed: positive(args.seed, 'seed', 1),
    ...(duration !== undefined ? { durationSeconds: duration } : {}),
    signal: controller.signal,
    onStats: (s) => {
      if (Date.now() - lastLine < 5000) return;
      lastLine = Date.now();
      const sim = cityTime.format(new Date(s.simNow)).replace(',', '');
      console.log(
        `  模拟时间 sim ${sim} (${config.timeZone})  室外 ${s.outdoorTemp.toFixed(1)} ℃  已发 sent ${s.published.toLocaleString('en')}  确认 acked ${s.acked.toLocaleString('en')}  错误 errors ${s.errors}`,
      );
    },
  });
  console.log(
    `模拟结束 / done: ${report.stations} 换热站, ${report.households} 室温采样户, ` +
      `${report.acked.toLocaleString('en')} 条读数已确认 / readings acknowledged, ${report.errors} 错误 / errors`,
  );
}
