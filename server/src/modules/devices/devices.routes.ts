// /api/devices — device credentials: create (token shown once), list, get, rotate, revoke.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, pageOf, PageQuery } from '@hearth/contracts/common';
import { CreateDevice, Device, DeviceCredential } from '@hearth/contracts/telemetry';
import { ALL_ROLES, REGISTRY_WRITERS, requireRole } from '../auth/actor.ts';
import type { DevicesService } from './devices.service.ts';

const tags = ['devices 采集设备'];
const params = z.object({ id: Id });

export function devicesRoutes(devices: DevicesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/devices',
      {
        schema: {
          tags,
          summary: '设备列表 / list devices',
          querystring: PageQuery.extend({
            stationId: z.coerce.number().int().positive().optional(),
            householdId: z.coerce.number().int().positive().optional(),
            /** true: only demo devices 演示设备; false: only the others */
            demo: z
              .enum(['true', 'false'])
              .transform((v) => v === 'true')
              .optional(),
          }),
          response: { 200: pageOf(Device) },
        },
      },
      async (request) => devices.list(requireRole(request.actor, ALL_ROLES), request.query),
    );
    app.post(
      '/api/devices',
      {
        schema: {
          tags,
          summary: '登记设备，返回一次性密钥 / register a device; the token is shown once',
          description: 'MQTT: connect with username = device id, password = token; publish to `topic`.',
          body: CreateDevice,
          response: { 201: DeviceCredential },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await devices.create(requireRole(request.actor, REGISTRY_WRITERS), request.body)),
    );
    app.get(
      '/api/devices/:id',
      { schema: { tags, summary: '设备详情 / get a device', params, response: { 200: Device } } },
      async (request) => devices.get(requireRole(request.actor, ALL_ROLES), request.params.id),
    );
    app.post(
      '/api/devices/:id/rotate',
      {
        schema: {
          tags,
          summary: '更换密钥 / rotate the token (old one stops working)',
          params,
          response: { 200: DeviceCredential },
        },
      },
      async (request) => devices.rotate(requireRole(request.actor, REGISTRY_WRITERS), request.params.id),
    );
    app.post(
      '/api/devices/:id/revoke',
      { schema: { tags, summary: '吊销设备 / revoke a device', params, response: { 200: Device } } },
      async (request) => devices.revoke(requireRole(request.actor, REGISTRY_WRITERS), request.params.id),
    );
  };
}
