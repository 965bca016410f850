// Builds the Fastify application: contracts, OpenAPI, authentication, module routes, the console's static files.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, {
  LogController,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger, { type FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TrustProxy } from './config.ts';
import type { Container } from './container.ts';
import { installErrorHandler } from './http/error-handler.ts';
import { redactedRequest } from './http/log-redaction.ts';
import { SECURITY_HEADERS } from './http/security-headers.ts';
import { alarmsRoutes } from './modules/alarms/alarms.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes, installAuthentication } from './modules/auth/auth.routes.ts';
import { liveOverviewRoutes } from './modules/dashboard/live-overview.routes.ts';
import { forecastRoutes } from './modules/forecast/forecast.routes.ts';
import { importRoutes } from './modules/import/import.routes.ts';
import { overviewRoutes } from './modules/registry/overview.routes.ts';
import { registryRoutes } from './modules/registry/registry.routes.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { devicesRoutes } from './modules/devices/devices.routes.ts';
import { ingestRoutes } from './modules/ingest/ingest.routes.ts';
import { monitoringRoutes } from './modules/monitoring/monitoring.routes.ts';
import { compensationRoutes } from './modules/weather/compensation.routes.ts';
import { weatherRoutes } from './modules/weather/weather.routes.ts';
import { coldWaveRoutes, raiseOrdersRoutes } from './modules/raise-orders/raise-orders.routes.ts';
import { webhooksRoutes } from './modules/webhooks/webhooks.routes.ts';

export const VERSION = '0.1.0';

export type AppOptions = {
  logger?: FastifyServerOptions['logger'];
  /** built console (web/dist); served with SPA fallback when present */
  webDir?: string | undefined;
  /** HEARTH_TRUST_PROXY: whose X-Forwarded-For sets request.ip (the login rate limit's client); none by default */
  trustProxy?: TrustProxy;
};

/** The OpenAPI document served at /api/docs, built from the routes' zod schemas. */
const API_DOCS: FastifyDynamicSwaggerOptions = {
  openapi: {
    info: {
      title: 'Hearth 城市供热保障平台 API',
      description:
        'City heating supply assurance platform. Authenticate with `POST /api/auth/login`, then send `Authorization: Bearer <token>`.',
      version: VERSION,
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'user session token from /api/auth/login' },
        deviceToken: { type: 'http', scheme: 'bearer', description: 'device token hdt_<id>.<secret>' },
        accessToken: {
          type: 'apiKey',
          in: 'query',
          name: 'access_token',
          description: 'user session token as a query parameter, for EventSource streams only',
        },
      },
    },
    security: [{ bearer: [] }],
  },
  transform: jsonSchemaTransform,
};

/** Fastify fails closed on a bare hop count; Hearth reads it as "the n nearest hops are proxies". */
function fastifyTrustProxy(trust: TrustProxy): FastifyServerOptions['trustProxy'] {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

/** Per-request access logs at debug, so the default level keeps `npm start`'s console (the demo accounts) readable; errors still print. */
class QuietAccessLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (!this.isLogDisabled(request)) request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error) super.requestCompleted(error, request, reply);
    else if (!this.isLogDisabled(request))
      reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

export async function buildApp(container: Container, options: AppOptions = {}) {
  const app = Fastify({
    logger:
      options.logger && typeof options.logger === 'object'
        ? { ...options.logger, serializers: { req: redactedRequest } }
        : (options.logger ?? false),
    bodyLimit: 10 * 1024 * 1024,
    trustProxy: fastifyTrustProxy(options.trustProxy ?? false),
    // live streams (SSE) never end by themselves: close every connection on shutdown
    forceCloseConnections: true,
    ajv: { customOptions: { coerceTypes: false } },
    logController: new QuietAccessLog(),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifyHelmet, SECURITY_HEADERS);

  await app.register(fastifySwagger, API_DOCS);
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  installErrorHandler(app, options.webDir);
  installAuthentication(app, container.auth);

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system 系统'],
        summary: '健康检查 / health',
        security: [],
        response: { 200: z.object({ status: z.literal('ok'), database: z.string(), version: z.string() }) },
      },
    },
    async () => {
      // never queued behind a long transaction (an import): health says whether the database answers
      await container.database.ping();
      return { status: 'ok' as const, database: container.database.dialect, version: VERSION };
    },
  );

  await app.register(authRoutes(container.auth, container.users));
  await app.register(usersRoutes(container.users));
  await app.register(auditRoutes(container.audit));
  await app.register(registryRoutes(container.registry, container.config.timeZone));
  await app.register(overviewRoutes(container.overview));
  await app.register(liveOverviewRoutes(container.liveOverview));
  await app.register(importRoutes(container.imports, container.importJobs));
  await app.register(devicesRoutes(container.devices));
  await app.register(
    ingestRoutes({
      ingest: container.ingest,
      devices: container.devices,
      brokerWatch: container.brokerWatch,
      settings: container.telemetrySettings,
    }),
  );
  await app.register(
    monitoringRoutes({
      monitoring: container.monitoring,
      onStored: container.ingest.onStored,
      authenticate: container.auth.authenticate,
    }),
  );
  await app.register(compensationRoutes(container.compensation));

  await app.register(weatherRoutes(container.weather, container.config.timeZone));

  await app.register(forecastRoutes(container.forecast));
  await app.register(coldWaveRoutes(container.coldWave));
  await app.register(raiseOrdersRoutes(container.raiseOrders));
  await app.register(webhooksRoutes(container.webhooks));

  await app.register(alarmsRoutes({ alarms: container.alarms, authenticate: container.auth.authenticate }));

  if (options.webDir && fs.existsSync(path.join(options.webDir, 'index.html'))) {
    // files are looked up per request, so a rebuilt console is served without a restart
    await app.register(fastifyStatic, { root: options.webDir, index: ['index.html'] });
  }
  return app;
}
export type App = Awaited<ReturnType<typeof buildApp>>;
