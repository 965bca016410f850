// /api/users — account administration (admin only).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateUser, UpdateUser, User } from '@hearth/contracts/auth';
import { Id, pageOf, PageQuery } from '@hearth/contracts/common';
import { requireRole } from '../auth/actor.ts';
import type { UsersService } from './users.service.ts';

const ADMINS = ['admin'] as const;
const tags = ['users 用户'];

export function usersRoutes(users: UsersService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/users',
      {
        schema: {
          tags,
          summary: '用户列表 / list users',
          querystring: PageQuery,
          response: { 200: pageOf(User) },
        },
      },
      async (request) => {
        requireRole(request.actor, ADMINS);
        return users.list(request.query.page, request.query.pageSize);
      },
    );
    app.post(
      '/api/users',
      { schema: { tags, summary: '新建用户 / create user', body: CreateUser, response: { 201: User } } },
      async (request, reply) => {
        const actor = requireRole(request.actor, ADMINS);
        return reply.status(201).send(await users.create(actor, request.body));
      },
    );
    app.patch(
      '/api/users/:id',
      {
        schema: {
          tags,
          summary: '修改用户 / update user',
          params: z.object({ id: Id }),
          body: UpdateUser,
          response: { 200: User },
        },
      },
      async (request) => {
        const actor = requireRole(request.actor, ADMINS);
        return users.update(actor, request.params.id, request.body);
      },
    );
  };
}
