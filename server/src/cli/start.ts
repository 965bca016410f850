// `hearth start`: migrates, seeds the small demo city into an empty database, and serves the console and API.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../app.ts';
import type { Config } from '../config.ts';
import { SYSTEM_ACTOR } from '../modules/auth/actor.ts';
import { startAlarmJobs } from '../modules/alarms/alarms.runtime.ts';
import { startTelemetryRuntime } from '../modules/ingest/ingest.runtime.ts';
import { startRaiseOrdersRuntime } from '../modules/raise-orders/raise-orders.runtime.ts';
import { startDemoLive, type DemoLive } from '../modules/simulator/demo-live.ts';
import { startWeatherRuntime } from '../modules/weather/weather.runtime.ts';
import { openConfiguredDatabase, openContainer } from '../runtime.ts';
import { createProgressBar } from './progress.ts';
import { describeHistory, printAccounts, seedDemo } from './seed.ts';

/** The built console; HEARTH_WEB_DIR points elsewhere (a development build in its own folder). */
const WEB_DIR =
  process.env.HEARTH_WEB_DIR ||
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

export async function start(config: Config): Promise<void> {
  const database = await openConfiguredDatabase(config);
  const applied = await database.migrate();
  const container = await openContainer(config, database);
  if (applied.length > 0) console.log(`数据库已迁移 / migrated: ${applied.join(', ')}`);
  if (await container.registry.isEmpty('enterprises')) {
    console.log('空数据库，生成演示城市 small / empty database: generating the small demo city');
    const { summary, accounts, history } = await seedDemo(container, {
      scale: 'small',
      seed: 1,
      progress: createProgressBar(),
      dataDir: config.dataDir,
    });
    console.log(
      `  ${summary.enterprises} 企业, ${summary.heatSources} 热源, ${summary.stations} 换热站, ${summary.households.toLocaleString('en')} 住户`,
    );
    if (history) console.log(describeHistory(history, config.timeZone));
    printAccounts(accounts);
  }
  const admin = await container.users.ensureAdmin(SYSTEM_ACTOR, config.adminPassword);
  if (admin.generatedPassword)
    console.log(`管理员账号 / admin account: admin  ${admin.generatedPassword}  (只显示这一次 / shown once)`);

  const app = await buildApp(container, {
    logger: { level: config.logLevel },
    webDir: fs.existsSync(WEB_DIR) ? WEB_DIR : undefined,
    trustProxy: config.trustProxy,
  });
  const telemetry = await startTelemetryRuntime(container, config, app.log);
  const weather = startWeatherRuntime(container.weather, config, app.log);
  const raiseChecks = startRaiseOrdersRuntime(container.raiseOrders, app.log);
  const alarmJobs = startAlarmJobs(container.alarms, app.log);
  const purge = setInterval(() => void container.auth.purgeExpired().catch(() => undefined), 3_600_000);
  purge.unref();
  let demoLive: DemoLive | null = null;
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, '正在停止 / shutting down');
    clearInterval(purge);
    weather?.close();
    raiseChecks.close();
    await demoLive?.stop();
    await container.webhookDispatcher?.stop();
    await app.close();
    await telemetry.close();
    await alarmJobs.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  // deliveries left pending by an earlier run (a crash included) go out now
  container.webhookDispatcher?.start((message, detail) => app.log.warn(detail ?? {}, message));
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  console.log(
    `Hearth 已启动 / running: ${url}  (API 文档 / docs: ${url}/api/docs, 数据 / data: ${database.location})`,
  );
  console.log(
    config.mqtt.url
      ? `MQTT 接入：订阅外部代理 / ingest from the external broker ${config.mqtt.url.replace(/\/\/[^@/]*@/, '//')}`
      : `MQTT 接入：内置代理 / embedded broker mqtt://${config.mqtt.host}:${telemetry.mqttPort}`,
  );
  if (!fs.existsSync(WEB_DIR)) console.log('控制台未构建 / console not built: run `npm run build:web`');
  if (config.demoLive) {
    // the simulator posts to this process; a wildcard listen address is reached on loopback
    const local = ['0.0.0.0', '::'].includes(config.host) ? `http://127.0.0.1:${config.port}` : url;
    demoLive = await startDemoLive(container, { url: local, log: (line) => app.log.warn(line) });
    if (demoLive)
      console.log(
        `演示城市实时运行 / the demo city is live: ${demoLive.stations} 换热站每分钟、${demoLive.households} 室温采样户每 5 分钟上报 / stations every minute, indoor sensors every 5 minutes (HEARTH_DEMO_LIVE=false 关闭 / to turn off)`,
      );
  }
}
