// /api/auth: login, logout, current user; plus the hook that resolves bearer tokens to request.actor.
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginRequest, LoginResponse, User } from '@hearth/contracts/auth';
import { ALL_ROLES, requireRole, type Actor } from './actor.ts';
import type { Accounts, AuthService } from './auth.service.ts';
import { DomainError, notFound, unauthenticated } from '../../http/domain-error.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    bearerToken: string | null;
  }
}

function bearerOf(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/**
 * Resolves `Authorization: Bearer` on every request, and refuses anonymous callers of protected API routes
 * before their body is read or validated (so they learn nothing of the route's schema and upload nothing).
 * What a route requires is its OpenAPI `security`: none declared = a user session (`bearer`); `[]` = public;
 * `accessToken` = the session token may also come as `?access_token=` (EventSource cannot send headers);
 * `deviceToken` only = the route checks the device token itself, here only its presence is required.
 * Roles are still checked by each route.
 */
export function installAuthentication(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('bearerToken', null);
  app.addHook('onRequest', async (request) => {
    const token = bearerOf(request.headers.authorization);
    request.bearerToken = token;
    // device tokens (hdt_…) are checked by the ingest route itself, never as user sessions
    request.actor = token && !token.startsWith('hdt_') ? await auth.authenticate(token) : null;
  });

  const requireSession =
    (queryToken: boolean): onRequestHookHandler =>
    async (request) => {
      if (!request.actor && queryToken) {
        const token = (request.query as { access_token?: unknown } | undefined)?.access_token;
        if (typeof token === 'string' && token !== '' && !token.startsWith('hdt_'))
          request.actor = await auth.authenticate(token);
      }
      if (!request.actor) throw unauthenticated();
    };
  const requireDeviceToken: onRequestHookHandler = async (request) => {
    if (!request.bearerToken)
      throw new DomainError('device.unauthenticated', 401, '设备认证失败 / unknown or revoked device token');
  };

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const security = route.schema?.security;
    if (Array.isArray(security) && security.length === 0) return;
    const schemes = new Set((security ?? [{ bearer: [] }]).flatMap((s) => Object.keys(s)));
    const guard =
      schemes.has('bearer') || schemes.has('accessToken')
        ? requireSession(schemes.has('accessToken'))
        : schemes.has('deviceToken')
          ? requireDeviceToken
          : undefined;
    if (!guard) return;
    const own = route.onRequest;
    route.onRequest = own === undefined ? [guard] : [guard, ...(Array.isArray(own) ? own : [own])];
  });
}

export function authRoutes(auth: AuthService, accounts: Accounts): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        schema: {
          tags: ['auth 认证'],
          summary: '登录 / log in',
          security: [],
          body: LoginRequest,
          response: { 200: LoginResponse },
        },
      },
      async (request) => auth.login(request.body.username, request.body.password, request.ip),
    );

    app.post(
      '/api/auth/logout',
      { schema: { tags: ['auth 认证'], summary: '退出 / log out', response: { 204: z.null() } } },
      async (request, reply) => {
        requireRole(request.actor, ALL_ROLES);
        if (request.bearerToken) await auth.logout(request.bearerToken);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/auth/me',
      {
        schema: {
          tags: ['auth 认证'],
          summary: '当前用户 / current user',
          response: { 200: z.object({ user: User }) },
        },
      },
      async (request) => {
        const actor = requireRole(request.actor, ALL_ROLES);
        const user = await accounts.user(actor.userId);
        if (!user) throw notFound('user', '用户', actor.userId);
        return { user };
      },
    );
  };
}
