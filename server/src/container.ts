// Composition root: builds every repository and service once and wires their dependencies.
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { createAuditService } from './modules/audit/audit.service.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { createLoginLimiter } from './modules/auth/login-limiter.ts';
import { createSessionsRepository } from './modules/auth/sessions.repository.ts';
import { createImportService } from './modules/import/import.service.ts';
import { createOverviewRepository } from './modules/registry/overview.repository.ts';
import { createOverviewService } from './modules/registry/overview.service.ts';
import { REGISTRY_DEFINITIONS } from './modules/registry/registry.definitions.ts';
import { createRegistryRepository } from './modules/registry/registry.repository.ts';
import { createRegistryService } from './modules/registry/registry.service.ts';
import { createUsersRepository } from './modules/users/users.repository.ts';
import { createUsersService } from './modules/users/users.service.ts';

export type ContainerConfig = Pick<Config, 'sessionTtlMs' | 'timeZone'>;

export function createContainer(config: ContainerConfig, database: DatabaseHandle) {
  const { db } = database;
  const audit = createAuditService({ db });
  const registry = createRegistryService({
    db,
    repo: createRegistryRepository(db),
    audit,
    resources: REGISTRY_DEFINITIONS,
  });
  const users = createUsersService({
    db,
    users: createUsersRepository(db),
    audit,
    enterpriseExists: (id) => registry.exists('enterprises', id),
    departmentExists: (code) => registry.codeExists('departments', code),
  });
  const auth = createAuthService({
    users,
    sessions: createSessionsRepository(db),
    limiter: createLoginLimiter({ maxFailures: 10, windowMs: 15 * 60_000 }),
    sessionTtlMs: config.sessionTtlMs,
  });
  const imports = createImportService({ registry });
  const overview = createOverviewService({ repo: createOverviewRepository(db) });
  return { config, database, audit, registry, users, auth, imports, overview };
}
export type Container = ReturnType<typeof createContainer>;
