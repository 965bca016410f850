// Process configuration from HEARTH_* environment variables, validated once at boot.
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DROP_BASES, type DropBasis } from '@hearth/contracts/raise-orders';
import { SAMPLING_SPREAD_CHECKS, type SamplingSpreadCheck } from '@hearth/contracts/telemetry';
import { designStationOf } from './modules/weather/standards.data.ts';
import {
  DEFAULT_COLD_WAVE_LEVELS,
  parseLevels,
  type LevelRule,
} from './modules/raise-orders/cold-wave.rules.ts';

export type TrustProxy = boolean | number | string[];

const PROXY_ADDRESS_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** `false` | `true` | a hop count | comma list of addresses, CIDRs or loopback/linklocal/uniquelocal; a string is the problem. */
export function parseTrustProxy(value: string): TrustProxy | string {
  const v = value.trim().toLowerCase();
  if (v === 'false' || v === '0') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops <= 16 ? hops : 'a hop count must be between 0 and 16';
  }
  const items = v.split(',').map((x) => x.trim());
  const bad = items.filter((item) => {
    if (PROXY_ADDRESS_NAMES.includes(item)) return false;
    const [address = '', prefix, ...rest] = item.split('/');
    const family = net.isIP(address);
    if (family === 0 || rest.length > 0) return true;
    if (prefix === undefined) return false;
    return !/^\d+$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128);
  });
  if (bad.length > 0)
    return `not an address or CIDR: ${bad.map((b) => JSON.stringify(b)).join(', ')}; use false, true, a hop count, or a comma list of addresses/CIDRs (or loopback, linklocal, uniquelocal)`;
  return items;
}

const Env = z.object({
  HEARTH_HOST: z.string().min(1).default('127.0.0.1'),
  HEARTH_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HEARTH_DATA_DIR: z.string().min(1).default('./.hearth'),
  HEARTH_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  HEARTH_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  HEARTH_TZ: z
    .string()
    .default('Asia/Shanghai')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'unknown IANA time zone'),
  HEARTH_SESSION_TTL_HOURS: z.coerce.number().positive().max(720).default(12),
  HEARTH_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx) => {
      const parsed = parseTrustProxy(v);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
  HEARTH_DEMO_LIVE: z
    .enum(['true', 'false', '1', '0'], { message: 'true or false' })
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  HEARTH_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HEARTH_MQTT_HOST: z.string().min(1).optional(),
  HEARTH_MQTT_PORT: z.coerce.number().int().min(0).max(65535).default(1883),
  HEARTH_MQTT_URL: z
    .string()
    .regex(/^(mqtts?|tcp|ssl|wss?):\/\//, 'must be an mqtt://, mqtts://, tcp://, ws:// or wss:// URL')
    .optional(),
  HEARTH_MQTT_GROUP: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and - only')
    .default('hearth'),
  HEARTH_MQTT_CLIENT_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and - only')
    .optional(),
  HEARTH_MQTT_CONNECTIONS: z.coerce.number().int().min(1).max(64).default(4),
  // largest MQTT packet the embedded broker reads (header included); MQTT itself tops out at 256 MiB
  HEARTH_MQTT_MAX_PACKET_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1 + 4 + 268_435_455)
    .default(8 * 1024 * 1024),
  // the webhook outbox (modules/webhooks): off without a URL; every event is signed with the secret
  HEARTH_WEBHOOK_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })
    .optional(),
  HEARTH_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  HEARTH_WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().positive().max(120).default(10),
  HEARTH_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
  HEARTH_TELEMETRY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  HEARTH_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  HEARTH_STALE_MINUTES: z.coerce.number().positive().max(1440).default(10),
  HEARTH_OFFLINE_MINUTES: z.coerce.number().positive().max(10_080).default(30),
  HEARTH_SAMPLING_MIN_SHARE: z.coerce.number().min(0).max(1).default(0.03),
  HEARTH_INDOOR_STANDARD: z.coerce.number().min(10).max(26).default(18),
  // the city (Chinese name) whose GB 50736 design outdoor temperature is the default of weather compensation
  HEARTH_CITY: z
    .string()
    .default('北京')
    .refine(
      (city) => designStationOf(city) !== undefined,
      'not a city of GB 50736 App. A (e.g. 北京, 天津, 哈尔滨)',
    ),
  // 值班人: level 2 escalation contact of alarms whose rule names none
  HEARTH_ALARM_DUTY_CONTACT: z.string().trim().min(1).max(100).optional(),
  // comma-separated spread checks of the indoor sample; 'none' for none
  HEARTH_SAMPLING_SPREAD: z
    .string()
    .default(SAMPLING_SPREAD_CHECKS.join(','))
    .transform((v, ctx) => {
      const items = v
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== '' && x !== 'none');
      const unknown = items.filter((x) => !(SAMPLING_SPREAD_CHECKS as readonly string[]).includes(x));
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown check ${unknown.join(', ')}; use ${SAMPLING_SPREAD_CHECKS.join(', ')} or none`,
        });
        return z.NEVER;
      }
      return items as SamplingSpreadCheck[];
    }),
  HEARTH_WEATHER_FORECAST_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })
    .optional(),
  // croner pattern of the forecast fetch (city time); only used with HEARTH_WEATHER_FORECAST_URL
  HEARTH_WEATHER_FORECAST_CRON: z.string().min(9).max(60).default('7 */3 * * *'),
  HEARTH_WEATHER_TIMEOUT_SECONDS: z.coerce.number().positive().max(120).default(15),
  // the legal heating period MM-DD/MM-DD (Beijing 11-15 → 03-15)
  HEARTH_HEATING_LEGAL_PERIOD: z
    .string()
    .default('11-15/03-15')
    .refine((v) => parseLegalPeriod(v) !== null, 'MM-DD/MM-DD with real dates, e.g. 11-15/03-15'),
  HEARTH_HDD_BASE: z.coerce.number().min(0).max(30).default(18),
  HEARTH_HEATING_THRESHOLD: z.coerce.number().min(-10).max(15).default(5),
  // cold-wave warning levels 寒潮预警: `level:cond[&cond],…`, cond `min<℃` (forecast daily minimum below) or
  // `drop>=℃` (24 h drop of at least)
  HEARTH_COLD_WAVE_LEVELS: z
    .string()
    .default(DEFAULT_COLD_WAVE_LEVELS)
    .transform((v, ctx) => {
      const parsed = parseLevels(v);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
  // the daily figure a 24 h drop is measured on
  HEARTH_COLD_WAVE_DROP_OF: z.enum(DROP_BASES).default('min'),
  // 升温令 check: mean supply temperature over this many hours before the effective time / after the deadline
  HEARTH_RAISE_BASELINE_HOURS: z.coerce.number().min(0.25).max(72).default(3),
  HEARTH_RAISE_AFTER_HOURS: z.coerce.number().min(0.25).max(72).default(3),
  HEARTH_RAISE_TOLERANCE: z.coerce.number().min(0).max(10).default(0.5),
  HEARTH_RAISE_MIN_READINGS: z.coerce.number().int().min(1).max(10_000).default(3),
});

/** `MM-DD/MM-DD` → the legal period's first and last day, or null when either is not a calendar day. */
export function parseLegalPeriod(value: string): { start: string; end: string } | null {
  const m = /^(\d{2}-\d{2})\/(\d{2}-\d{2})$/.exec(value.trim());
  if (!m) return null;
  const real = (md: string) => {
    const [month, day] = md.split('-').map(Number) as [number, number];
    // a leap year, so 02-29 is a day
    return month >= 1 && month <= 12 && new Date(Date.UTC(2024, month - 1, day)).getUTCDate() === day;
  };
  const [start, end] = [m[1] as string, m[2] as string];
  return real(start) && real(end) ? { start, end } : null;
}

export type Config = {
  /** 值班人 of alarm escalation level 2 when a rule names none */
  alarmDutyContact: string | null;
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  adminPassword: string | undefined;
  timeZone: string;
  sessionTtlMs: number;
  /** which proxies' X-Forwarded-For is believed: none (false), all (true), a hop count, or addresses/CIDRs */
  trustProxy: TrustProxy;
  logLevel: z.infer<typeof Env>['HEARTH_LOG_LEVEL'];
  /** the city (Chinese name, GB 50736 App. A) and its design outdoor temperature for heating tw′, ℃ */
  city: { name: string; designOutdoorTemp: number };
  /** a demo city keeps living while Hearth runs: its demo devices report in real time (in-process simulator) */
  demoLive: boolean;
  mqtt: {
    /** embedded broker address (when no external URL) */
    host: string;
    port: number;
    /** external broker: Hearth subscribes there instead of embedding one */
    url: string | undefined;
    group: string;
    clientId: string;
    connections: number;
    /** largest packet accepted (embedded broker) or asked for (external broker), header included */
    maxPacketBytes: number;
  };
  /** null: webhooks are off (no HEARTH_WEBHOOK_URL) */
  webhook: {
    url: string;
    secret: string;
    timeoutMs: number;
    maxAttempts: number;
  } | null;
  telemetry: {
    retentionMs: number;
    clockSkewMs: number;
    /** silence after which a station is stale / offline */
    staleMs: number;
    offlineMs: number;
    /** minimum share of households with indoor sensors (e.g. 0.03 = 3 %) */
    minimumSamplingShare: number;
    /** spread checks of the indoor sample this city applies */
    samplingSpread: SamplingSpreadCheck[];
    /** the indoor temperature standard, ℃ (18; 20 in some provinces) */
    indoorStandard: number;
  };
  weather: {
    /** Open-Meteo-format forecast URL (off when undefined) */
    forecastUrl: string | undefined;
    /** croner pattern of the scheduled fetch, city time */
    forecastCron: string;
    timeoutMs: number;
    /** legal heating period as MM-DD */
    legalPeriod: { start: string; end: string };
    /** heating degree-day base, ℃ */
    hddBase: number;
    /** daily-mean threshold of the heating period, ℃ (GB/T 50155: 5) */
    threshold: number;
  };
  /** cold-wave warnings 寒潮预警 and the 升温令 compliance check */
  raiseOrders: {
    levels: LevelRule[];
    dropBasis: DropBasis;
    baselineMs: number;
    afterMs: number;
    /** ℃ a station may fall short by and still comply */
    toleranceC: number;
    /** fewer readings in a window than this: no data */
    minReadings: number;
  };
};

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`配置无效 / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** the sections of the modules that act on the heat: weather, cold-wave warnings and 升温令, webhooks */
function operationsConfig(e: z.infer<typeof Env>): Pick<Config, 'weather' | 'raiseOrders' | 'webhook'> {
  return {
    weather: {
      forecastUrl: e.HEARTH_WEATHER_FORECAST_URL,
      forecastCron: e.HEARTH_WEATHER_FORECAST_CRON,
      timeoutMs: e.HEARTH_WEATHER_TIMEOUT_SECONDS * 1000,
      legalPeriod: parseLegalPeriod(e.HEARTH_HEATING_LEGAL_PERIOD) as { start: string; end: string },
      hddBase: e.HEARTH_HDD_BASE,
      threshold: e.HEARTH_HEATING_THRESHOLD,
    },
    raiseOrders: {
      levels: e.HEARTH_COLD_WAVE_LEVELS,
      dropBasis: e.HEARTH_COLD_WAVE_DROP_OF,
      baselineMs: e.HEARTH_RAISE_BASELINE_HOURS * 3_600_000,
      afterMs: e.HEARTH_RAISE_AFTER_HOURS * 3_600_000,
      toleranceC: e.HEARTH_RAISE_TOLERANCE,
      minReadings: e.HEARTH_RAISE_MIN_READINGS,
    },
    webhook: e.HEARTH_WEBHOOK_URL
      ? {
          url: e.HEARTH_WEBHOOK_URL,
          secret: e.HEARTH_WEBHOOK_SECRET ?? '',
          timeoutMs: e.HEARTH_WEBHOOK_TIMEOUT_SECONDS * 1000,
          maxAttempts: e.HEARTH_WEBHOOK_MAX_ATTEMPTS,
        }
      : null,
  };
}

/** Reads and validates the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.HEARTH_OFFLINE_MINUTES < e.HEARTH_STALE_MINUTES) {
    throw new ConfigError(['HEARTH_OFFLINE_MINUTES: must not be shorter than HEARTH_STALE_MINUTES']);
  }
  if (e.HEARTH_WEBHOOK_URL && !e.HEARTH_WEBHOOK_SECRET) {
    throw new ConfigError([
      'HEARTH_WEBHOOK_SECRET: required when HEARTH_WEBHOOK_URL is set (deliveries are signed)',
    ]);
  }
  return {
    alarmDutyContact: e.HEARTH_ALARM_DUTY_CONTACT ?? null,
    host: e.HEARTH_HOST,
    port: e.HEARTH_PORT,
    dataDir: path.resolve(e.HEARTH_DATA_DIR),
    databaseUrl: e.HEARTH_DATABASE_URL,
    adminPassword: e.HEARTH_ADMIN_PASSWORD,
    timeZone: e.HEARTH_TZ,
    sessionTtlMs: e.HEARTH_SESSION_TTL_HOURS * 3_600_000,
    trustProxy: e.HEARTH_TRUST_PROXY,
    logLevel: e.HEARTH_LOG_LEVEL,
    demoLive: e.HEARTH_DEMO_LIVE,
    city: {
      name: designStationOf(e.HEARTH_CITY)?.city ?? e.HEARTH_CITY,
      designOutdoorTemp: designStationOf(e.HEARTH_CITY)?.heatingOutdoorTemp ?? Number.NaN,
    },
    mqtt: {
      host: e.HEARTH_MQTT_HOST ?? e.HEARTH_HOST,
      port: e.HEARTH_MQTT_PORT,
      url: e.HEARTH_MQTT_URL,
      group: e.HEARTH_MQTT_GROUP,
      clientId:
        e.HEARTH_MQTT_CLIENT_ID ??
        `hearth-${
          os
            .hostname()
            .replace(/[^A-Za-z0-9_-]/g, '')
            .slice(0, 24) || 'node'
        }`,
      connections: e.HEARTH_MQTT_CONNECTIONS,
      maxPacketBytes: e.HEARTH_MQTT_MAX_PACKET_BYTES,
    },
    telemetry: {
      retentionMs: e.HEARTH_TELEMETRY_RETENTION_DAYS * 86_400_000,
      clockSkewMs: e.HEARTH_CLOCK_SKEW_SECONDS * 1000,
      staleMs: e.HEARTH_STALE_MINUTES * 60_000,
      offlineMs: e.HEARTH_OFFLINE_MINUTES * 60_000,
      minimumSamplingShare: e.HEARTH_SAMPLING_MIN_SHARE,
      samplingSpread: e.HEARTH_SAMPLING_SPREAD,
      indoorStandard: e.HEARTH_INDOOR_STANDARD,
    },
    ...operationsConfig(e),
  };
}
