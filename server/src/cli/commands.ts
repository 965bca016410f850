// The `hearth` commands other than start: one handler per command, given the configuration and the arguments
// after the command name; each returns the exit code.
import fs from 'node:fs';
import { ROLES, type Role } from '@hearth/contracts/auth';
import { IMPORT_PHASE_LABELS } from '@hearth/contracts/stats';
import type { Config } from '../config.ts';
import type { Container } from '../container.ts';
import { SYSTEM_ACTOR } from '../modules/auth/actor.ts';
import { generatePassword } from '../modules/auth/password.ts';
import type { DemoScale } from '../modules/demo-city/demo-city.generator.ts';
import { isAclUsername, mosquittoAcl } from '../modules/devices/mosquitto-acl.rules.ts';
import { openConfiguredDatabase, openContainer } from '../runtime.ts';
import { CliError, parse } from './args.ts';
import { createProgressBar } from './progress.ts';
import { describeHistory, printAccounts, seedDemo } from './seed.ts';
import { simulate } from './simulate.ts';

export type Command = (config: Config, args: string[]) => Promise<number>;

const SCALES: readonly DemoScale[] = ['tiny', 'small', 'city', 'tianjin'];

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

export const migrateCommand: Command = async (config) => {
  const database = await openConfiguredDatabase(config);
  const applied = await database.migrate();
  await database.close();
  console.log(applied.length ? `已执行 / applied: ${applied.join(', ')}` : '已是最新 / up to date');
  return 0;
};

export const seedCommand: Command = async (config, args) => {
  const { values } = parse(args, {
    scale: { type: 'string' },
    seed: { type: 'string' },
    'no-history': { type: 'boolean' },
  });
  const scale = scaleOf(values.scale);
  const seed = seedOf(values.seed);
  const started = performance.now();
  await withContainer(config, async (container) => {
    const { summary, accounts, history } = await seedDemo(container, {
      scale,
      seed,
      progress: createProgressBar(),
      dataDir: config.dataDir,
      history: values['no-history'] !== true,
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`演示城市已生成 / demo city generated (${scale}, seed ${seed}) in ${seconds} s:`);
    console.log(`  ${JSON.stringify(summary)}`);
    if (history) console.log(describeHistory(history, config.timeZone));
    printAccounts(accounts);
    await container.users.ensureAdmin(SYSTEM_ACTOR, config.adminPassword).then((a) => {
      if (a.generatedPassword) console.log(`管理员账号 / admin account: admin  ${a.generatedPassword}`);
    });
  });
  return 0;
};

export const importCommand: Command = async (config, args) => {
  const { positionals } = parse(args, {});
  const [entity, file] = positionals;
  if (!entity || !file)
    throw new CliError('cli.invalid_arguments', '用法 / usage: hearth import <entity> <file.csv|file.xlsx>');
  if (!fs.existsSync(file)) throw new CliError('cli.file_not_found', `文件不存在 / file not found: ${file}`);
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
};

export const userCommand: Command = async (config, args) => {
  const [sub, ...options] = args;
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
};

export const simulateCommand: Command = async (config, args) => {
  const { values } = parse(args, {
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
};

export const mqttAclCommand: Command = async (config, args) => {
  const { values } = parse(args, { 'ingest-user': { type: 'string' }, out: { type: 'string' } });
  // the account Hearth itself uses on the broker (HEARTH_MQTT_URL's user), unless named
  const fromUrl = config.mqtt.url ? decodeURIComponent(new URL(config.mqtt.url).username) : '';
  const ingestUser = values['ingest-user'] ?? (fromUrl || 'hearth-ingest');
  if (config.mqtt.url && !values['ingest-user'] && !fromUrl)
    console.error(
      `注意 / note: HEARTH_MQTT_URL 未含用户名，ACL 使用 ${ingestUser}；若 Hearth 匿名连接，加载后将无法订阅 / ` +
        `HEARTH_MQTT_URL names no user, so the ACL grants ${ingestUser}; an anonymous Hearth could not subscribe`,
    );
  if (!isAclUsername(ingestUser))
    throw new CliError('cli.invalid_arguments', `无效的 MQTT 用户名 / invalid MQTT user name: ${ingestUser}`);
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
    console.log(`已写入 / written ${values.out}: ${text.count} 台设备 / devices, ingest user ${ingestUser}`);
  } else process.stdout.write(text.acl);
  return 0;
};
