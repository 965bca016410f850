// A minimal MQTT 3.1.1 publisher for the load generator: CONNECT, QoS 1 PUBLISH with a window of packets in
// flight, PUBACK counting, DISCONNECT. Packets are encoded before the clock starts, so the generator spends its
// core on sockets rather than on a full client library (mqtt.js costs ~25 µs of CPU per message, about what the
// server spends); the server still parses, authorises and acknowledges every packet on its own.
import net from 'node:net';
import { remainingLength, utf8Field } from '../server/src/test-support/mqtt-wire.ts';

/** CONNECT (clean session, keep-alive 60 s) with user name and password */
function connectPacket(clientId: string, username: string, password: string): Buffer {
  const body = Buffer.concat([
    utf8Field('MQTT'),
    Buffer.from([4, 0xc2, 0, 60]), // level 4; flags: user name, password, clean session
    utf8Field(clientId),
    utf8Field(username),
    utf8Field(password),
  ]);
  return Buffer.concat([Buffer.from([0x10, ...remainingLength(body.length)]), body]);
}

/** a QoS 1 PUBLISH of `payload` to `topic` with packet identifier `id` (1..65535) */
export function publishPacket(topic: string, id: number, payload: Buffer): Buffer {
  const t = utf8Field(topic);
  const length = t.length + 2 + payload.length;
  return Buffer.concat([
    Buffer.from([0x32, ...remainingLength(length)]),
    t,
    Buffer.from([id >> 8, id & 0xff]),
    payload,
  ]);
}

export type RawPublisher = {
  /** sends the packets (already encoded with distinct ids per window) keeping at most `window` unacknowledged */
  publishAll(packets: readonly Buffer[], window: number): Promise<number>;
  end(): Promise<void>;
};

export async function connectRaw(url: string, username: string, password: string): Promise<RawPublisher> {
  const { hostname, port } = new URL(url);
  const socket = net.connect({ host: hostname, port: Number(port || 1883), noDelay: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write(connectPacket(`bench-${username}-${process.pid}`, username, password));
  let pending: Buffer = Buffer.alloc(0);
  let acked = 0;
  let onAck: (() => void) | undefined;
  let failure: Error | undefined;
  const connected = new Promise<void>((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : (Buffer.concat([pending, chunk]) as Buffer);
      let at = 0;
      while (pending.length - at >= 2) {
        const type = (pending[at] as number) >> 4;
        const size = pending[at + 1] as number; // CONNACK and PUBACK bodies are 2 bytes
        if (pending.length - at < 2 + size) break;
        if (type === 2) {
          if (pending[at + 3] !== 0) reject(new Error(`CONNACK refused: ${pending[at + 3]}`));
          else resolve();
        } else if (type === 4) acked++;
        at += 2 + size;
      }
      pending = pending.subarray(at);
      onAck?.();
    });
    const fail = (error: Error) => {
      failure = error;
      reject(error);
      onAck?.();
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed by the server')));
  });
  await connected;

  return {
    async publishAll(packets, window) {
      const base = acked;
      let sent = 0;
      while (sent < packets.length) {
        if (failure) throw failure;
        const room = window - (sent - (acked - base));
        if (room > 0) {
          const n = Math.min(room, packets.length - sent);
          socket.cork();
          for (let i = 0; i < n; i++) socket.write(packets[sent + i] as Buffer);
          socket.uncork();
          sent += n;
        }
        await new Promise<void>((resolve) => (onAck = resolve));
      }
      while (acked - base < packets.length) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (onAck = resolve));
      }
      return acked - base;
    },
    async end() {
      socket.removeAllListeners('close');
      socket.end(Buffer.from([0xe0, 0]));
      await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    },
  };
}
