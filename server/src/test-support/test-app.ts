// An in-process Hearth for integration tests: real database, real container, requests through app.inject().
import type { Role } from '@hearth/contracts/auth';
import { buildApp, type App } from '../app.ts';
import { DEFAULT_TELEMETRY, DEFAULT_WEATHER, type Container, type ContainerConfig } from '../container.ts';
import { openContainer } from '../runtime.ts';
import { SYSTEM_ACTOR } from '../modules/auth/actor.ts';
import { generateDemoCity } from '../modules/demo-city/demo-city.generator.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export type TestApp = {
  app: App;
  container: Container;
  database: TestDatabase;
  /** creates a user with the role and returns a bearer token for it */
  tokenFor(
    role: Role,
    extra?: { enterpriseId?: number; departmentCode?: string; username?: string },
  ): Promise<string>;
  request(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    token?: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: () => unknown; body: string; headers: Record<string, unknown> }>;
  close(): Promise<void>;
};

let counter = 0;

export async function createTestApp(
  options: {
    demo?: boolean;
    telemetry?: Partial<typeof DEFAULT_TELEMETRY>;
    weather?: Partial<typeof DEFAULT_WEATHER>;
    /** the webhook receiver (default: webhooks off) */
    webhook?: ContainerConfig['webhook'];
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const container = await openContainer(
    {
      sessionTtlMs: 3_600_000,
      timeZone: 'Asia/Shanghai',
      telemetry: { ...DEFAULT_TELEMETRY, ...options.telemetry },
      weather: { ...DEFAULT_WEATHER, ...options.weather },
      ...(options.webhook ? { webhook: options.webhook } : {}),
    },
    database,
  );
  if (options.demo) {
    await generateDemoCity(database, { scale: 'tiny', seed: 7 });
  }
  const app = await buildApp(container);

  const request: TestApp['request'] = async (method, url, token, payload, headers = {}) => {
    const response = await app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(payload === undefined
        ? {}
        : typeof payload === 'string'
          ? { payload }
          : { payload: payload as object }),
    });
    return {
      status: response.statusCode,
      json: () => response.json(),
      body: response.body,
      headers: response.headers,
    };
  };

  return {
    app,
    container,
    database,
    request,
    async tokenFor(role, extra = {}) {
      const username = extra.username ?? `${role}_${++counter}`;
      const password = 'correct-horse-battery';
      await container.users.create(SYSTEM_ACTOR, {
        username,
        password,
        role,
        ...(extra.enterpriseId !== undefined ? { enterpriseId: extra.enterpriseId } : {}),
        ...(extra.departmentCode !== undefined ? { departmentCode: extra.departmentCode } : {}),
      });
      const login = await request('POST', '/api/auth/login', undefined, { username, password });
      if (login.status !== 200) throw new Error(`login failed: ${login.body}`);
      return (login.json() as { token: string }).token;
    },
    async close() {
      await app.close();
      await container.telemetryWriter.close();
      await container.telemetryStore.close();
      await database.dispose();
    },
  };
}
