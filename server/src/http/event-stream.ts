// Server-sent event streams (EventSource): the query and security every stream route declares, and the response
// itself — headers, the client's retry delay, events, keep-alive comments, and the end when the client goes away.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/** EventSource cannot send headers: a stream also takes the session token as `?access_token=` */
export const eventStreamQuery = z.object({ access_token: z.string().max(200).optional() });
export const eventStreamSecurity: Record<string, string[]>[] = [{ bearer: [] }, { accessToken: [] }];

export type EventStream = {
  /** one event: its name and JSON data */
  send(event: string, data: unknown): void;
  /** a comment line, so proxies keep an idle stream open */
  keepAlive(): void;
};

/** Takes the response over as an event stream; `onClose` runs once the client has gone away. */
export function openEventStream(
  request: FastifyRequest,
  reply: FastifyReply,
  onClose: () => void,
): EventStream {
  reply.hijack();
  const out = reply.raw;
  out.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  out.write('retry: 3000\n\n');
  request.raw.on('close', onClose);
  return {
    send: (event, data) => void out.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
    keepAlive: () => void out.write(': keep-alive\n\n'),
  };
}
