// Seeds the demo city into an empty database and creates one demo account per role.
import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '@hearth/contracts/auth';
import type { Container } from '../container.ts';
import { SYSTEM_ACTOR } from '../modules/auth/actor.ts';
import { generatePassword } from '../modules/auth/password.ts';
import {
  generateDemoCity,
  type DemoScale,
  type SeedSummary,
} from '../modules/demo-city/demo-city.generator.ts';
import { writeSeasonHistory, type HistoryReport } from '../modules/simulator/history.ts';
import { seasonWindow } from '../modules/simulator/history.rules.ts';
import { LOCAL_OFFSET_MS, loadWeather } from '../modules/simulator/weather.ts';
import type { Progress } from './progress.ts';
import { CliError } from './args.ts';

export type DemoAccount = { username: string; password: string; role: Role; note: string };

/**
 * Readings each scale's history may hold, and the days it keeps at full cadence when it must thin out, to stay
 * within its seed budget (small < 30 s, city < 3 min, tianjin < 10 min and 4 GB on disk; about 400 bytes per
 * reading with its rollups): early in the season small and city keep full cadence throughout.
 */
const HISTORY_BUDGET: Record<DemoScale, { maxReadings: number; fullCadenceDays: number }> = {
  tiny: { maxReadings: 200_000, fullCadenceDays: 7 },
  small: { maxReadings: 1_200_000, fullCadenceDays: 7 },
  city: { maxReadings: 5_000_000, fullCadenceDays: 7 },
  tianjin: { maxReadings: 5_000_000, fullCadenceDays: 3 },
};

export async function seedDemo(
  container: Container,
  options: {
    scale: DemoScale;
    seed: number;
    progress?: Progress;
    dataDir?: string;
    /** write the season's telemetry history and register the demo devices (default true) */
    history?: boolean;
  },
): Promise<{ summary: SeedSummary; accounts: DemoAccount[]; history: HistoryReport | null }> {
  const { registry, users } = container;
  if (!(await registry.isEmpty('enterprises'))) {
    throw new CliError(
      'seed.not_empty',
      '数据库已有台账数据，演示城市只能写入空库 / the database already holds registry data; seed into an empty one (new HEARTH_DATA_DIR or database)',
    );
  }
  const summary = await generateDemoCity(container.database, {
    scale: options.scale,
    seed: options.seed,
    ...(options.progress ? { onProgress: (p) => options.progress?.update(p.phase, p.done, p.total) } : {}),
  });
  const history =
    options.history === false
      ? null
      : await writeSeasonHistory(container, {
          seed: options.seed,
          ...HISTORY_BUDGET[options.scale],
          ...(options.progress
            ? { onProgress: (phase, done, total) => options.progress?.update(phase, done, total) }
            : {}),
        });
  await seedDemoWeather(container, history);
  options.progress?.finish();

  const firstEnterprises = await registry.list(SYSTEM_ACTOR, 'enterprises', {
    page: 1,
    pageSize: 2,
    sort: 'code',
  });
  const plan: (Omit<DemoAccount, 'password'> & { enterpriseId?: number })[] = [
    { username: 'supervisor', role: 'supervisor', note: '市供热办 city heating authority' },
    { username: 'dept_fgw', role: 'department', note: '发改委 development & reform (fgw)' },
    { username: 'operator', role: 'operator', note: '12345 热线坐席 hotline desk' },
    { username: 'viewer', role: 'viewer', note: '领导/大屏 read-only' },
  ];
  const enterpriseUsers = firstEnterprises.items.map((e, i) => ({
    username: `enterprise${i + 1}`,
    role: 'enterprise' as const,
    note: e.name,
    enterpriseId: e.id,
  }));
  const accounts: DemoAccount[] = [];
  for (const account of [...plan, ...enterpriseUsers]) {
    if (await users.findByUsername(account.username)) continue;
    const password = generatePassword();
    await users.create(SYSTEM_ACTOR, {
      username: account.username,
      password,
      displayName: account.note.split(' ')[0] ?? account.username,
      role: account.role,
      ...(account.enterpriseId !== undefined ? { enterpriseId: account.enterpriseId } : {}),
      ...(account.role === 'department' ? { departmentCode: 'fgw' } : {}),
    });
    accounts.push({ username: account.username, password, role: account.role, note: account.note });
  }
  if (options.dataDir && accounts.length > 0) {
    const file = path.join(options.dataDir, 'demo-accounts.txt');
    fs.mkdirSync(options.dataDir, { recursive: true });
    fs.writeFileSync(
      file,
      accounts.map((a) => `${a.username}\t${a.password}\t${a.role}\t${a.note}`).join('\n') + '\n',
      { mode: 0o600 },
    );
  }
  return { summary, accounts, history };
}

/**
 * The demo city's weather: the outdoor series the simulator runs under, observed from the season's start up to now,
 * and a 7-day forecast continuing it (both marked `demo`).
 */
async function seedDemoWeather(container: Container, history: HistoryReport | null): Promise<void> {
  const from = history?.from ?? seasonWindow(Date.now(), LOCAL_OFFSET_MS).from;
  const series = loadWeather(undefined, from);
  await container.weather.writeDemo(SYSTEM_ACTOR, from, (ms) => series.temperatureAt(ms));
}

/** One line on the history written, in city time. */
export function describeHistory(h: HistoryReport, timeZone: string): string {
  const day = (ms: number) =>
    new Intl.DateTimeFormat('zh-CN', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(ms);
  return `  历史数据 / history ${day(h.from)} → ${day(h.to)}: ${h.readings.toLocaleString('en')} 条读数 readings, ${h.stations} 换热站 stations, ${h.households} 室温采样户 sensed households, ${h.devices} 演示设备 demo devices`;
}

export function printAccounts(accounts: DemoAccount[], out: (line: string) => void = console.log): void {
  if (accounts.length === 0) return;
  out('演示账号（密码只显示这一次）/ demo accounts (passwords shown once):');
  for (const a of accounts) out(`  ${a.username.padEnd(12)} ${a.password}  ${a.role.padEnd(10)} ${a.note}`);
}
