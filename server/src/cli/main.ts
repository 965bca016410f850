// The `hearth` command: start, migrate, seed, import, user add, simulate, mqtt-acl.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLES, type Role } from '@hearth/contracts/auth';
import { IMPORT_PHASE_LABELS } from '@hearth/contracts/stats';
import { buildApp } from '../app.ts';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import type { Container } from '../container.ts';
import { DomainError } from '../http/domain-error.ts';
import { SYSTEM_ACTOR } from '../modules/auth/actor.ts';
import { generatePassword } from '../modules/auth/password.ts';
import type { DemoScale } from '../modules/demo-city/demo-city.generator.ts';
import { openConfiguredDatabase, openContainer } from '../runtime.ts';
import { startTelemetryRuntime } from '../modules/ingest/ingest.runtime.ts';
import { isAclUsername, mosquittoAcl } from '../modules/devices/mosquitto-acl.rules.ts';
import { CliError, parse } from './args.ts';
import { createProgressBar } from './progress.ts';
import { printAccounts, seedDemo } from './seed.ts';
import { simulate } from './simulate.ts';

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');
const SCALES: readonly DemoScale[] = ['tiny', 'small', 'city', 'tianjin'];

const HELP = `hearth — 城市供热保障平台 / city heating supply assurance platform

用法 / usage:
  hearth start                              启动服务（空库自动迁移并生成演示城市）/ serve the console and API
  hearth migrate                            执行数据库迁移 / apply migrations
  hearth seed [--scale small|city|tianjin] [--seed N]
                                            生成演示城市 / generate the demo city into an empty database
  hearth import <entity> <file.csv>         导入台账 CSV（全部或不导入）/ import a CSV file, all rows or none
  hearth user add --username U --role R [--password P] [--enterprise-id N] [--department CODE] [--name NAME]
                                            新建用户 / create a user
  hearth simulate [--broker URL | --http URL] [--speed 60] [--scale small] [--weather CSV]
                  [--faults leak,stuck,offline,underheat] [--seed N] [--duration SECONDS]
                                            模拟换热站与室温数据 / publish simulated readings to a running Hearth
  hearth mqtt-acl [--ingest-user NAME] [--out FILE]
                                            生成外部 Mosquitto 的设备 ACL 文件 / write Mosquitto's acl_file for the devices

环境变量 / environment: HEARTH_HOST, HEARTH_PORT, HEARTH_DATA_DIR, HEARTH_DATABASE_URL,
  HEARTH_ADMIN_PASSWORD, HEARTH_TZ, HEARTH_SESSION_TTL_HOURS, HEARTH_LOG_LEVEL (see README)`;

async function withContainer<T>(config: Config, work: (c: Container) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(config);
  try {
    await database.migrate();
    const container = await openContainer(config, database);
    try {
      return await work(container);
    } finally {
      await container.telemetryStore.close();
    }
  } finally {
    await database.close();
  }
}

function scaleOf(value: string | undefined): DemoScale {
  const scale = (value ?? 'small') as DemoScale;
  if (!SCALES.includes(scale))
    throw new CliError('cli.invalid_scale', `未知规模 / unknown scale ${value} (small | city | tianjin)`);
  return scale;
}

function seedOf(value: string | undefined): number {
  const seed = Number(value ?? '1');
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31)
    throw new CliError('cli.invalid_seed', `种子必须是非负整数 / --seed must be a non-negative integer`);
  return seed;
}

async function start(config: Config): Promise<void> {
  const database = await openConfiguredDatabase(config);
  const applied = await database.migrate();
  const container = await openContainer(config, database);
  if (applied.length > 0) console.log(`数据库已迁移 / migrated: ${applied.join(', ')}`);
  const empty =
    (await container.registry.list(SYSTEM_ACTOR, 'enterprises', { page: 1, pageSize: 1 })).total === 0;
  if (empty) {
    console.log('空数据库，生成演示城市 small / empty database: generating the small demo city');
    const { summary, accounts } = await seedDemo(container, {
      scale: 'small',
      seed: 1,
      progress: createProgressBar(),
      dataDir: config.dataDir,
    });
    console.log(
      `  ${summary.enterprises} 企业, ${summary.heatSources} 热源, ${summary.stations} 换热站, ${summary.households.toLocaleString('en')} 住户`,
    );
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
  const purge = setInterval(() => void container.auth.purgeExpired().catch(() => undefined), 3_600_000);
  purge.unref();
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, '正在停止 / shutting down');
    clearInterval(purge);
    await app.close();
    await telemetry.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
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
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return command ? 0 : 1;
  }
  try {
    const config = loadConfig();
    switch (command) {
      case 'start':
        await start(config);
        return 0;
      case 'migrate': {
        const database = await openConfiguredDatabase(config);
        const applied = await database.migrate();
        await database.close();
        console.log(applied.length ? `已执行 / applied: ${applied.join(', ')}` : '已是最新 / up to date');
        return 0;
      }
      case 'seed': {
        const { values } = parse(rest, { scale: { type: 'string' }, seed: { type: 'string' } });
        const scale = scaleOf(values.scale);
        const seed = seedOf(values.seed);
        const started = performance.now();
        await withContainer(config, async (container) => {
          const { summary, accounts } = await seedDemo(container, {
            scale,
            seed,
            progress: createProgressBar(),
            dataDir: config.dataDir,
          });
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          console.log(`演示城市已生成 / demo city generated (${scale}, seed ${seed}) in ${seconds} s:`);
          console.log(`  ${JSON.stringify(summary)}`);
          printAccounts(accounts);
          await container.users.ensureAdmin(SYSTEM_ACTOR, config.adminPassword).then((a) => {
            if (a.generatedPassword) console.log(`管理员账号 / admin account: admin  ${a.generatedPassword}`);
          });
        });
        return 0;
      }
      case 'import': {
        const { positionals } = parse(rest, {});
        const [entity, file] = positionals;
        if (!entity || !file)
          throw new CliError('cli.invalid_arguments', '用法 / usage: hearth import <entity> <file.csv>');
        if (!fs.existsSync(file))
          throw new CliError('cli.file_not_found', `文件不存在 / file not found: ${file}`);
        // UTF-8, else GB18030 (GBK), as the API decodes an upload
        const bytes = fs.readFileSync(file);
        await withContainer(config, async (container) => {
          const progress = createProgressBar();
          const { imported } = await container.imports
            .importCsvBytes(SYSTEM_ACTOR, entity, bytes, (phase, done, total) =>
              progress.update(IMPORT_PHASE_LABELS[phase], done, total),
            )
            .finally(() => progress.finish());
          console.log(`已导入 / imported ${imported} ${entity}`);
        });
        return 0;
      }
      case 'user': {
        const [sub, ...options] = rest;
        if (sub !== 'add')
          throw new CliError('cli.unknown_command', '用法 / usage: hearth user add --username U --role R');
        const { values } = parse(options, {
          username: { type: 'string' },
          role: { type: 'string' },
          password: { type: 'string' },
          'enterprise-id': { type: 'string' },
          department: { type: 'string' },
          name: { type: 'string' },
        });
        if (!values.username || !values.role)
          throw new CliError(
            'cli.invalid_arguments',
            '需要 --username 和 --role / --username and --role are required',
          );
        if (!ROLES.includes(values.role as Role))
          throw new CliError('cli.invalid_role', `角色 / role must be one of ${ROLES.join(', ')}`);
        const password = values.password ?? generatePassword();
        await withContainer(config, async (container) => {
          const user = await container.users.create(SYSTEM_ACTOR, {
            username: values.username ?? '',
            password,
            role: values.role as Role,
            ...(values.name ? { displayName: values.name } : {}),
            ...(values['enterprise-id'] ? { enterpriseId: Number(values['enterprise-id']) } : {}),
            ...(values.department ? { departmentCode: values.department } : {}),
          });
          console.log(
            `已创建用户 / user created: ${user.username} (${user.role})${values.password ? '' : `  密码 / password: ${password}`}`,
          );
        });
        return 0;
      }
      case 'simulate': {
        const { values } = parse(rest, {
          broker: { type: 'string' },
          http: { type: 'string' },
          speed: { type: 'string' },
          scale: { type: 'string' },
          weather: { type: 'string' },
          faults: { type: 'string' },
          seed: { type: 'string' },
          duration: { type: 'string' },
        });
        await withContainer(config, (container) =>
          simulate(container, config, {
            ...values,
            scale: values.scale ? scaleOf(values.scale) : undefined,
          }),
        );
        return 0;
      }
      case 'mqtt-acl': {
        const { values } = parse(rest, { 'ingest-user': { type: 'string' }, out: { type: 'string' } });
        // the account Hearth itself uses on the broker (HEARTH_MQTT_URL's user), unless named
        const fromUrl = config.mqtt.url ? decodeURIComponent(new URL(config.mqtt.url).username) : '';
        const ingestUser = values['ingest-user'] ?? (fromUrl || 'hearth-ingest');
        if (config.mqtt.url && !values['ingest-user'] && !fromUrl)
          console.error(
            `注意 / note: HEARTH_MQTT_URL 未含用户名，ACL 使用 ${ingestUser}；若 Hearth 匿名连接，加载后将无法订阅 / ` +
              `HEARTH_MQTT_URL names no user, so the ACL grants ${ingestUser}; an anonymous Hearth could not subscribe`,
          );
        if (!isAclUsername(ingestUser))
          throw new CliError(
            'cli.invalid_arguments',
            `无效的 MQTT 用户名 / invalid MQTT user name: ${ingestUser}`,
          );
        const text = await withContainer(config, async (container) => {
          const devices: { id: number; topic: string }[] = [];
          for await (const d of container.devices.activeTopics()) devices.push(d);
          return { acl: mosquittoAcl(devices, ingestUser, new Date()), count: devices.length };
        });
        if (values.out) {
          // written beside and renamed, so Mosquitto never reloads half a file
          const partial = `${values.out}.partial`;
          fs.writeFileSync(partial, text.acl);
          fs.renameSync(partial, values.out);
          console.log(
            `已写入 / written ${values.out}: ${text.count} 台设备 / devices, ingest user ${ingestUser}`,
          );
        } else process.stdout.write(text.acl);
        return 0;
      }
      default:
        throw new CliError('cli.unknown_command', `未知命令 / unknown command: ${command}\n\n${HELP}`);
    }
  } catch (error) {
    if (error instanceof ConfigError) console.error(error.message);
    else if (error instanceof CliError) console.error(`错误 / error [${error.code}]: ${error.message}`);
    else if (error instanceof DomainError) {
      console.error(`错误 / error [${error.code}]: ${error.message}`);
      for (const d of error.details ?? [])
        console.error(
          `  ${d.line !== undefined ? `第 ${d.line} 行 line ${d.line}` : ''} ${d.column ?? d.path ?? ''}: ${d.reason}`,
        );
    } else if (error instanceof Error && 'issues' in error) {
      console.error(`错误 / error [request.invalid]: ${error.message}`);
    } else throw error;
    return 2;
  }
}
