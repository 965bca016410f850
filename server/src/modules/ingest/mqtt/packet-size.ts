// MQTT packet sizes read off a connection's bytes (fixed header: type byte, remaining length), so that a packet
// announcing more than the limit is refused before any of its body is buffered.

/** the largest packet MQTT can announce: 1 type byte, 4 length bytes, 268,435,455 bytes after them */
export const MQTT_MAX_PACKET_BYTES = 1 + 4 + 268_435_455;

/** MQTT control packet type 3 */
export const PUBLISH = 3;

/** A packet over the limit: its type and its size as far as the header told (at least this many bytes). */
export type OversizePacket = { type: number; bytes: number };

export type PacketSizeGuard = {
  /**
   * Follows the packets through the next chunk of the connection's bytes (chunks in order, split anywhere):
   * null while every packet fits, else the first one that does not — known from its header alone.
   */
  check(chunk: Uint8Array): OversizePacket | null;
};

const TYPE = 0; // next byte: a packet's first (type and flags)
const LENGTH = 1; // next byte: one of its remaining-length bytes (7 bits each, least significant first)

/** A guard for packets of at most `maxBytes` in all (header included, as MQTT 5's Maximum Packet Size). */
export function createPacketSizeGuard(maxBytes: number): PacketSizeGuard {
  let state = TYPE;
  let type = 0;
  let length = 0;
  let lengthBytes = 0;
  let multiplier = 1;
  /** body bytes of the current packet still to come */
  let body = 0;
  return {
    check(chunk) {
      const n = chunk.length;
      let i = 0;
      while (i < n) {
        if (body > 0) {
          const step = Math.min(body, n - i); // a body is skipped, never read
          body -= step;
          i += step;
          continue;
        }
        const c = chunk[i++] as number;
        if (state === TYPE) {
          type = c >> 4;
          state = LENGTH;
          length = 0;
          lengthBytes = 0;
          multiplier = 1;
          continue;
        }
        length += (c & 0x7f) * multiplier;
        multiplier *= 128;
        lengthBytes++;
        let more = (c & 0x80) !== 0;
        // a fifth length byte is not MQTT: refused like a packet too large to announce
        if (1 + lengthBytes + length > maxBytes || (more && lengthBytes === 4)) {
          // the rest of the length, for the log, as far as this chunk has it
          while (more && lengthBytes < 4 && i < n) {
            const d = chunk[i++] as number;
            length += (d & 0x7f) * multiplier;
            multiplier *= 128;
            lengthBytes++;
            more = (d & 0x80) !== 0;
          }
          return { type, bytes: 1 + lengthBytes + length };
        }
        if (!more) {
          state = TYPE;
          body = length;
        }
      }
      return null;
    },
  };
}
