// createPacketSizeGuard, table-driven: MQTT fixed headers followed through chunks split anywhere.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PUBLISH, createPacketSizeGuard } from './packet-size.ts';

/** an MQTT fixed header: type byte and remaining length (variable-length integer) */
function header(type: number, remaining: number): number[] {
  const bytes = [type << 4];
  do {
    let b = remaining % 128;
    remaining = Math.floor(remaining / 128);
    if (remaining > 0) b |= 0x80;
    bytes.push(b);
  } while (remaining > 0);
  return bytes;
}
const packet = (type: number, remaining: number) => [...header(type, remaining), ...Array(remaining).fill(7)];

describe('createPacketSizeGuard', () => {
  const MAX = 1000;
  const cases: [string, number[], { type: number; bytes: number } | null][] = [
    ['nothing', [], null],
    ['a PINGREQ (no body)', packet(12, 0), null],
    ['a packet of exactly the limit', packet(PUBLISH, MAX - 3), null],
    ['a packet one byte over', packet(PUBLISH, MAX - 2), { type: PUBLISH, bytes: MAX + 1 }],
    ['small packets back to back', [...packet(PUBLISH, 10), ...packet(4, 2), ...packet(PUBLISH, 500)], null],
    [
      'the oversize one after good ones',
      [...packet(PUBLISH, 10), ...packet(4, 2), ...header(PUBLISH, 5000)],
      { type: PUBLISH, bytes: 5003 },
    ],
    [
      '250 MB announced: refused on its header',
      header(PUBLISH, 250_000_000),
      { type: PUBLISH, bytes: 250_000_005 },
    ],
    [
      'refused as soon as the length bytes so far exceed it',
      header(PUBLISH, 250_000_000).slice(0, 3),
      { type: PUBLISH, bytes: 1 + 2 + (250_000_000 % 16_384) },
    ],
    ['a CONNECT too', header(1, 2000), { type: 1, bytes: 2003 }],
    ['a fifth length byte', [PUBLISH << 4, 0x80, 0x80, 0x80, 0x80, 0x01], { type: PUBLISH, bytes: 5 }],
  ];
  for (const [name, bytes, expected] of cases) {
    it(name, () => assert.deepEqual(createPacketSizeGuard(MAX).check(Uint8Array.from(bytes)), expected));
  }

  it('gives the same answer whatever the chunks', () => {
    const stream = [
      ...packet(1, 40),
      ...packet(PUBLISH, 700),
      ...packet(4, 2),
      ...packet(PUBLISH, 130), // two length bytes
      ...header(PUBLISH, 3000),
      ...Array(50).fill(1),
    ];
    for (const size of [1, 2, 3, 7, 64, stream.length]) {
      const guard = createPacketSizeGuard(MAX);
      let refused = null;
      for (let at = 0; at < stream.length && !refused; at += size) {
        refused = guard.check(Uint8Array.from(stream.slice(at, at + size)));
      }
      assert.deepEqual(refused, { type: PUBLISH, bytes: 3003 }, `chunks of ${size}`);
    }
  });

  it('never refuses a stream of packets within the limit', () => {
    const guard = createPacketSizeGuard(MAX);
    for (let k = 0; k < 200; k++) {
      assert.equal(guard.check(Uint8Array.from(packet(PUBLISH, (k * 37) % (MAX - 3)))), null);
    }
  });
});
