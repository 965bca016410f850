// MQTT 3.1.1 wire encoding for tests and load generators that write raw packets (no client library).

/** The fixed header's Remaining Length: 7 bits a byte, low first, high bit = more follows. */
export function remainingLength(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

/** A UTF-8 string field: two length bytes, then the bytes. */
export function utf8Field(s: string): Buffer {
  const b = Buffer.from(s, 'utf8');
  return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
}
