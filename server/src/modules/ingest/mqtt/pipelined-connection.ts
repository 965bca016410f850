// One MQTT 5 subscriber connection that keeps many QoS 1 messages in flight (decision record 0005): every
// PUBLISH is handed over as it arrives, so concurrent messages share the writer's group commits, and each PUBACK
// is sent once its message is stored — in the order the messages came, as MQTT requires. mqtt.js cannot do this:
// it reads the next packet of a connection only after the PUBACK of the one before. Built on mqtt-packet (the
// codec mqtt.js and aedes use); persistent session, keep-alive and reconnection are handled here.
import net from 'node:net';
import mqttPacket, { type IPublishPacket, type Packet } from 'mqtt-packet';
import type { FastifyBaseLogger as Logger } from 'fastify';

export type PipelinedOptions = {
  url: string;
  clientId: string;
  /** seconds the broker keeps the session (and queues for it) while this client is away */
  sessionExpirySeconds: number;
  /** QoS 1 messages the broker may have in flight to this connection (MQTT 5 Receive Maximum) */
  receiveMaximum: number;
  /** largest packet this client takes (MQTT 5 Maximum Packet Size) */
  maxPacketBytes?: number;
  subscriptions: { topic: string; qos: 0 | 1 }[];
  /** resolves once the message is stored (then it is acknowledged); a rejection drops the connection unacknowledged */
  onMessage(topic: string, payload: Buffer, qos: 0 | 1): Promise<void>;
  log: Logger;
  keepaliveSeconds?: number;
  reconnectMs?: number;
};

export type PipelinedConnection = {
  /** QoS 1 messages received and not yet acknowledged */
  readonly inFlight: number;
  close(): Promise<void>;
  /** drops the connection as a crash would: no DISCONNECT, nothing more acknowledged, no reconnection */
  abort(): void;
};

const V5 = { protocolVersion: 5 };

/** Connects (and subscribes) once; afterwards reconnects by itself until closed. */
export async function connectPipelined(options: PipelinedOptions): Promise<PipelinedConnection> {
  const url = new URL(options.url);
  const port = Number(url.port || 1883);
  const keepalive = options.keepaliveSeconds ?? 60;
  let closing = false;
  let socket: net.Socket | undefined;
  let pending = newQueue();
  let pinger: NodeJS.Timeout | undefined;

  function send(packets: Packet[]): void {
    if (!socket || socket.destroyed || socket.writableEnded || packets.length === 0) return;
    socket.write(
      packets.length === 1
        ? mqttPacket.generate(packets[0] as Packet, V5)
        : Buffer.concat(packets.map((p) => mqttPacket.generate(p, V5))),
    );
  }

  /**
   * PUBACKs for the stored messages at the head of the queue, in arrival order, in one write: a commit settles
   * its messages in one run of microtasks, so one flush is scheduled after them.
   */
  function flushSoon(queue: AckQueue): void {
    if (queue !== pending || queue.flushing) return; // a lost connection's message: the broker sends it again
    queue.flushing = true;
    queueMicrotask(() => {
      queue.flushing = false;
      if (queue !== pending || !socket || socket.destroyed || socket.writableEnded) return;
      const acks = takeStored(queue);
      if (acks) socket.write(acks);
    });
  }

  function onPublish(packet: IPublishPacket): void {
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    if (packet.qos === 0) {
      options
        .onMessage(packet.topic, payload, 0)
        .catch((error: unknown) => options.log.error({ err: error }, 'QoS 0 message not handled'));
      return;
    }
    const queue = pending;
    const position = enqueue(queue, packet.messageId ?? 0);
    options.onMessage(packet.topic, payload, 1).then(
      () => {
        queue.stored[position % queue.stored.length] = 1;
        flushSoon(queue);
      },
      (error: unknown) => {
        // no PUBACK: drop the connection so the broker sends the message again to the session
        options.log.error(
          { err: error, topic: packet.topic },
          'telemetry storage failed; message left unacknowledged',
        );
        socket?.destroy();
      },
    );
  }

  function open(ready: (error?: Error) => void): void {
    let answered = false;
    // once per connection: ready, or the reason it never became so
    const onReady = (error?: Error) => {
      if (answered) return;
      answered = true;
      ready(error);
    };
    const parser = mqttPacket.parser(V5);
    const s = net.connect(port, url.hostname);
    socket = s;
    pending = newQueue();
    s.setNoDelay(true);
    s.on('connect', () => {
      send([
        {
          cmd: 'connect',
          protocolId: 'MQTT',
          protocolVersion: 5,
          clientId: options.clientId,
          clean: false,
          keepalive,
          ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
          ...(url.password ? { password: Buffer.from(decodeURIComponent(url.password)) } : {}),
          properties: {
            sessionExpiryInterval: options.sessionExpirySeconds,
            receiveMaximum: options.receiveMaximum,
            ...(options.maxPacketBytes ? { maximumPacketSize: options.maxPacketBytes } : {}),
          },
        },
      ]);
    });
    s.on('data', (chunk: Buffer) => parser.parse(chunk));
    parser.on('error', (error: Error) => {
      options.log.error({ err: error }, 'MQTT 报文无法解析 / malformed packet from the broker');
      s.destroy();
    });
    parser.on('packet', (packet: Packet) => {
      switch (packet.cmd) {
        case 'publish':
          onPublish(packet);
          break;
        case 'connack':
          if ((packet.reasonCode ?? packet.returnCode ?? 0) !== 0) {
            onReady(
              new Error(
                `MQTT 代理拒绝连接 / the broker refused the connection (reason ${packet.reasonCode ?? packet.returnCode})`,
              ),
            );
            s.destroy();
            return;
          }
          send([
            {
              cmd: 'subscribe',
              messageId: 1,
              subscriptions: options.subscriptions.map((x) => ({ topic: x.topic, qos: x.qos })),
            },
          ]);
          break;
        case 'suback': {
          const refused = (packet.granted as number[]).filter((g) => g >= 0x80);
          if (refused.length > 0) {
            onReady(
              new Error(`MQTT 代理拒绝订阅 / the broker refused a subscription (reason ${refused[0]})`),
            );
            s.destroy();
            return;
          }
          clearInterval(pinger);
          pinger = setInterval(() => send([{ cmd: 'pingreq' }]), (keepalive * 1000) / 2);
          pinger.unref();
          onReady();
          break;
        }
        case 'disconnect':
          options.log.warn({ reason: packet.reasonCode }, 'MQTT 代理断开了连接 / the broker disconnected');
          s.destroy();
          break;
        default:
          break; // pingresp, and nothing else is expected by a subscriber
      }
    });
    s.on('error', (error) =>
      options.log.warn({ err: error }, 'MQTT 外部代理连接错误 / external broker connection error'),
    );
    s.on('close', () => {
      clearInterval(pinger);
      onReady(new Error('connection closed before it was ready'));
      if (closing) return;
      setTimeout(() => {
        if (!closing) open((error) => error && options.log.warn({ err: error }, 'MQTT reconnect failed'));
      }, options.reconnectMs ?? 1000).unref();
    });
  }

  await new Promise<void>((resolve, reject) => {
    let settled = false;
    open((error) => {
      if (settled) return;
      settled = true;
      if (error) {
        closing = true;
        reject(error);
      } else resolve();
    });
  });

  return {
    get inFlight() {
      return pending.tail - pending.head;
    },
    abort() {
      closing = true;
      clearInterval(pinger);
      pending = newQueue();
      socket?.destroy();
    },
    async close() {
      closing = true;
      clearInterval(pinger);
      const s = socket;
      if (!s || s.destroyed) return;
      const closed = new Promise<void>((resolve) => s.once('close', () => resolve()));
      // normal disconnection: the session (and its queue) stays for sessionExpirySeconds
      s.end(mqttPacket.generate({ cmd: 'disconnect', reasonCode: 0 }, V5));
      await closed;
    },
  };
}

/**
 * The QoS 1 messages of one connection not yet acknowledged, in arrival order: a ring of packet ids and
 * stored flags (an array's shift() copies every element past ~100, which cost more than the storing).
 */
type AckQueue = { ids: Uint16Array; stored: Uint8Array; head: number; tail: number; flushing: boolean };

function newQueue(): AckQueue {
  return { ids: new Uint16Array(1024), stored: new Uint8Array(1024), head: 0, tail: 0, flushing: false };
}

/** appends a message; returns its position (its slot is position % the ring's size, also after growing) */
function enqueue(q: AckQueue, messageId: number): number {
  if (q.tail - q.head === q.ids.length) grow(q);
  const slot = q.tail % q.ids.length;
  q.ids[slot] = messageId;
  q.stored[slot] = 0;
  return q.tail++;
}

/** doubles the ring */
function grow(q: AckQueue): void {
  const size = q.ids.length;
  const ids = new Uint16Array(size * 2);
  const stored = new Uint8Array(size * 2);
  for (let p = q.head; p < q.tail; p++) {
    ids[p % (size * 2)] = q.ids[p % size] as number;
    stored[p % (size * 2)] = q.stored[p % size] as number;
  }
  q.ids = ids;
  q.stored = stored;
}

/** removes the stored messages at the head and encodes their PUBACKs (MQTT 5, reason 0: 4 bytes each) */
function takeStored(q: AckQueue): Buffer | undefined {
  const size = q.ids.length;
  let end = q.head;
  while (end < q.tail && q.stored[end % size] === 1) end++;
  if (end === q.head) return undefined;
  const out = Buffer.allocUnsafe((end - q.head) * 4);
  for (let p = q.head, o = 0; p < end; p++, o += 4) {
    const id = q.ids[p % size] as number;
    out[o] = 0x40; // PUBACK
    out[o + 1] = 2; // remaining length: the packet id alone means reason 0 (MQTT 5 §3.4.2.1)
    out[o + 2] = id >> 8;
    out[o + 3] = id & 0xff;
  }
  q.head = end;
  return out;
}
