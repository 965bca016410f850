// Process configuration from HEARTH_* environment variables, validated once at boot.
import path from 'node:path';
import { z } from 'zod';

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
  HEARTH_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  adminPassword: string | undefined;
  timeZone: string;
  sessionTtlMs: number;
  logLevel: z.infer<typeof Env>['HEARTH_LOG_LEVEL'];
};

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`配置无效 / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Reads and validates the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    host: e.HEARTH_HOST,
    port: e.HEARTH_PORT,
    dataDir: path.resolve(e.HEARTH_DATA_DIR),
    databaseUrl: e.HEARTH_DATABASE_URL,
    adminPassword: e.HEARTH_ADMIN_PASSWORD,
    timeZone: e.HEARTH_TZ,
    sessionTtlMs: e.HEARTH_SESSION_TTL_HOURS * 3_600_000,
    logLevel: e.HEARTH_LOG_LEVEL,
  };
}
