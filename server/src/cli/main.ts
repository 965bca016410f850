// The `hearth` command: start, migrate, seed, import, user add, simulate, mqtt-acl, weather.
import { ConfigError, loadConfig } from '../config.ts';
import { DomainError } from '../http/domain-error.ts';
import { CliError } from './args.ts';
import {
  importCommand,
  migrateCommand,
  mqttAclCommand,
  seedCommand,
  simulateCommand,
  userCommand,
  type Command,
} from './commands.ts';
import { start } from './start.ts';
import { weatherCommand } from './weather.ts';

const HELP = `hearth — 城市供热保障平台 / city heating supply assurance platform

用法 / usage:
  hearth start                              启动服务（空库自动迁移并生成演示城市）/ serve the console and API
  hearth migrate                            执行数据库迁移 / apply migrations
  hearth seed [--scale small|city|tianjin] [--seed N] [--no-history]
                                            生成演示城市 / generate the demo city into an empty database
  hearth import <entity> <file.csv|.xlsx>   导入台账 CSV/XLSX（全部或不导入）/ import a CSV or XLSX file, all rows or none
  hearth user add --username U --role R [--password P] [--enterprise-id N] [--department CODE] [--name NAME]
                                            新建用户 / create a user
  hearth simulate [--broker URL | --http URL] [--speed 60] [--scale small] [--weather CSV]
                  [--faults leak,stuck,offline,underheat] [--seed N] [--duration SECONDS]
                                            模拟换热站与室温数据 / publish simulated readings to a running Hearth
  hearth mqtt-acl [--ingest-user NAME] [--out FILE]
                                            生成外部 Mosquitto 的设备 ACL 文件 / write Mosquitto's acl_file for the devices
  hearth weather heating-period --csv FILE [--averaging 24h|4obs] [--threshold 5]
                                            逐时气温文件的供暖期（5日滑动平均法）/ heating periods of a UCI hourly file, JSON
  hearth weather design-temp --csv FILE [--averaging 24h|4obs]
                                            供暖室外计算温度（5n+1 法）/ design outdoor temperature of the file, JSON

环境变量 / environment: HEARTH_HOST, HEARTH_PORT, HEARTH_DATA_DIR, HEARTH_DATABASE_URL,
  HEARTH_ADMIN_PASSWORD, HEARTH_TZ, HEARTH_SESSION_TTL_HOURS, HEARTH_LOG_LEVEL (see README)`;

const COMMANDS: Readonly<Record<string, Command>> = {
  start: async (config) => {
    await start(config);
    return 0;
  },
  migrate: migrateCommand,
  seed: seedCommand,
  import: importCommand,
  user: userCommand,
  simulate: simulateCommand,
  'mqtt-acl': mqttAclCommand,
  weather: weatherCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return command ? 0 : 1;
  }
  try {
    const config = loadConfig();
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) throw new CliError('cli.unknown_command', `未知命令 / unknown command: ${command}\n\n${HELP}`);
    return await run(config, rest);
  } catch (error) {
    return reportError(error);
  }
}

/** Prints a known error for the user (exit code 2); anything else is a bug and is rethrown. */
function reportError(error: unknown): number {
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
