// The embedded MQTT broker (aedes): devices authenticate with id + token, may publish only to their own
// topic, may not subscribe; a QoS 1 PUBACK is sent only after the message's readings are committed. Packets
// over the size limit are refused from their header; client ids are bound to the device.
import net from 'node:net';
import { Aedes, type Client, type PublishPacket } from 'aedes';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { DeviceIdentity, DevicesService } from '../../devices/devices.service.ts';
import type { IngestService } from '../ingest.service.ts';
import { PUBLISH, createPacketSizeGuard, type OversizePacket } from './packet-size.ts';
import { parseTopic } from './topics.ts';

export type EmbeddedBroker = { port: number; close(): Promise<void> };

/**
 * Bytes a connection buffers before aedes handles them. aedes reads a connection's next chunk only once every
 * message of the chunk before is acknowledged, that is committed; with the default 64 KiB a device sending
 * 100-reading messages (36 KB each) had two of them in each commit, and commits came too small and too
 * often. Buffered only while a device sends faster than its messages are stored.
 */
const SOCKET_BUFFER_BYTES = 2048 * 1024;

/** the default of HEARTH_MQTT_MAX_PACKET_BYTES */
export const DEFAULT_MAX_PACKET_BYTES = 8 * 1024 * 1024;

class AuthError extends Error {
  readonly returnCode = 4; // MQTT 3.1.1 CONNACK: bad user name or password
}

/**
 * Makes `socket` refuse a packet over `maxBytes` before any of its body is buffered: every chunk aedes reads
 * (it reads with socket.read() on 'readable') passes the size guard first; at the first packet too large the
 * connection is destroyed and the chunk never reaches the MQTT parser, which would otherwise collect the
 * whole announced packet in memory.
 */
function limitPacketSize(socket: net.Socket, maxBytes: number, refused: (packet: OversizePacket) => void) {
  const guard = createPacketSizeGuard(maxBytes);
  const read = socket.read;
  let over = false;
  socket.read = function guardedRead(this: net.Socket, size?: number) {
    if (over) return null;
    const chunk = read.call(this, size) as Buffer | string | null;
    if (chunk === null || typeof chunk === 'string') return chunk;
    const oversize = guard.check(chunk);
    if (oversize === null) return chunk;
    over = true;
    refused(oversize);
    socket.destroy();
    return null;
  };
}

export async function startEmbeddedBroker(options: {
  host: string;
  port: number;
  devices: DevicesService;
  ingest: IngestService;
  log: Logger;
  /** largest packet read, header included (HEARTH_MQTT_MAX_PACKET_BYTES) */
  maxPacketBytes?: number;
}): Promise<EmbeddedBroker> {
  const { devices, ingest, log } = options;
  const maxPacketBytes = options.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES;
  // client ids arrive as `<device id>/<client id>` (see preConnect below): room for the prefix in MQTT 3.1's 23
  const broker = await Aedes.createBroker({ id: 'hearth', maxClientsIdLength: 23 + 12 });
  const identities = new WeakMap<Client, DeviceIdentity>();
  /** the device of each authenticated connection, for the connection's size guard */
  const socketDevices = new WeakMap<object, DeviceIdentity>();
  /** live connections per device, so a rotated or revoked credential ends them at once */
  const sessions = new Map<number, Set<Client>>();
  const stopListening = devices.onCredentialChanged((deviceId) => {
    const clients = sessions.get(deviceId);
    if (!clients) return;
    sessions.delete(deviceId);
    for (const client of clients) {
      identities.delete(client);
      log.info(
        { deviceId, clientId: client.id },
        '设备凭据已变更，断开连接 / device credential changed; disconnected',
      );
      client.close();
    }
  });
  broker.on('clientDisconnect', (client) => {
    const identity = identities.get(client);
    if (identity) sessions.get(identity.id)?.delete(client);
  });

  // A client id names a session, and MQTT lets a new connection with the same id take the session over (the
  // old connection is closed). Bound to the device: the id is kept as `<device id>/<client id>`, the device id
  // being the user name, which authenticate() then holds to the token. A device reconnecting with its own
  // client id still takes its old session over; another device using the same client id gets a session of its
  // own and can neither take this one over nor disconnect it. An empty client id (a fresh session each time)
  // stays empty, so aedes gives it a unique one.
  broker.preConnect = (_client, packet, callback) => {
    if (packet.clientId !== '') packet.clientId = `${packet.username ?? ''}/${packet.clientId}`;
    callback(null, true);
  };

  broker.authenticate = (client, username, password, callback) => {
    void devices
      .authenticate(password?.toString('utf8') ?? '')
      .then((identity) => {
        if (!identity || String(identity.id) !== username) {
          log.warn({ clientId: client.id, username }, 'MQTT 设备认证失败 / device authentication failed');
          return callback(new AuthError('bad device id or token'), false);
        }
        identities.set(client, identity);
        socketDevices.set(client.conn, identity);
        let clients = sessions.get(identity.id);
        if (!clients) sessions.set(identity.id, (clients = new Set()));
        for (const old of clients) if (old.closed) clients.delete(old); // ended before registering
        clients.add(client);
        callback(null, true);
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'device authentication failed');
        callback(new AuthError('authentication unavailable'), false);
      });
  };

  broker.authorizeSubscribe = (_client, subscription, callback) =>
    callback(new Error(`devices may not subscribe (${subscription.topic})`), null);

  // This broker is an ingest endpoint, not a message bus: nobody may subscribe, so a device's message, once
  // stored and acknowledged, has nowhere to go. Skipping aedes's forwarding (topic matching, retained-message
  // store) saves about a third of its work per message and keeps retained payloads out of memory.
  // Publishes without a client (the broker's own $SYS notices) still take the regular path.
  type Done = (error?: Error) => void;
  // aedes calls publish(packet, client, done) for client messages; its typings show only (packet, done)
  const internal = broker as unknown as {
    publish(p: PublishPacket, c: Client | Done | null, d?: Done): void;
  };
  const forward = internal.publish.bind(broker);
  internal.publish = (packet, client, done) => {
    if (client !== null && typeof client === 'object') done?.();
    else forward(packet, client, done);
  };

  broker.authorizePublish = (client, packet, callback) => {
    const identity = client ? identities.get(client) : undefined;
    if (!identity || packet.topic !== identity.topic || !parseTopic(packet.topic)) {
      log.warn(
        { deviceId: identity?.id, topic: packet.topic },
        'MQTT 主题越权 / publish outside the device topic refused',
      );
      return callback(new Error('topic not allowed for this device'));
    }
    const work = ingest.ingestMessage(identity, packet.payload as Buffer, {
      kind: identity.kind,
      code: identity.targetCode,
    });
    // The PUBACK follows this callback: rejected readings are dead-lettered and acknowledged; a storage
    // failure closes the connection unacknowledged, so the device publishes again.
    work.then(
      () => callback(null),
      (error: unknown) => {
        log.error({ err: error, deviceId: identity.id }, 'telemetry storage failed');
        callback(error as Error);
      },
    );
  };

  const server = net.createServer({ highWaterMark: SOCKET_BUFFER_BYTES }, (socket) => {
    limitPacketSize(socket, maxPacketBytes, (packet) => {
      const device = socketDevices.get(socket);
      log.warn(
        {
          deviceId: device?.id,
          remoteAddress: socket.remoteAddress,
          packetType: packet.type,
          packetBytes: packet.bytes,
          maxPacketBytes,
          bytesRead: socket.bytesRead,
        },
        'MQTT 报文超过大小上限，已断开 / packet larger than HEARTH_MQTT_MAX_PACKET_BYTES; disconnected',
      );
      if (device && packet.type === PUBLISH) {
        // counted and kept like any rejected message (without its payload, which was never read)
        ingest
          .reject(
            device,
            'mqtt',
            'message.packet_too_large',
            `报文至少 ${packet.bytes} 字节，超过上限 ${maxPacketBytes} 字节 / a packet of at least ${packet.bytes} bytes, over the limit of ${maxPacketBytes}`,
            null,
          )
          .catch((error: unknown) => log.error({ err: error }, 'dead letter not stored'));
      }
    });
    broker.handle(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    async close() {
      stopListening();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
