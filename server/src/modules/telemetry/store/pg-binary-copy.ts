// PostgreSQL binary COPY: encoding rows into the wire format and streaming them into a table.
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** PostgreSQL binary COPY encoding (header, tuples, trailer) into one growing buffer. */
export class BinaryCopy {
  private bytes = new Uint8Array(1 << 16);
  private view = new DataView(this.bytes.buffer);
  private pos = 0;

  constructor() {
    this.bytes.set([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]); // PGCOPY\n\377\r\n\0
    this.pos = 19; // + flags (int32 0) + header extension length (int32 0)
    this.view.setInt32(11, 0);
    this.view.setInt32(15, 0);
  }

  /** starts a tuple of `fields` fields, each at most 12 bytes (length word + an int8 or float8) */
  tuple(fields: number): void {
    const need = this.pos + 2 + fields * 12 + 2;
    if (need > this.bytes.length) {
      const grown = new Uint8Array(Math.max(need, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, this.pos));
      this.bytes = grown;
      this.view = new DataView(grown.buffer);
    }
    this.view.setInt16(this.pos, fields);
    this.pos += 2;
  }
  int2(v: number): void {
    this.view.setInt32(this.pos, 2);
    this.view.setInt16(this.pos + 4, v);
    this.pos += 6;
  }
  int4(v: number): void {
    this.view.setInt32(this.pos, 4);
    this.view.setInt32(this.pos + 4, v);
    this.pos += 8;
  }
  int8(v: number): void {
    const high = Math.floor(v / 4_294_967_296);
    this.view.setInt32(this.pos, 8);
    this.view.setInt32(this.pos + 4, high);
    this.view.setUint32(this.pos + 8, v - high * 4_294_967_296);
    this.pos += 12;
  }
  float8(v: number | null | undefined): void {
    if (v === null || v === undefined) return this.null();
    this.view.setInt32(this.pos, 8);
    this.view.setFloat64(this.pos + 4, v);
    this.pos += 12;
  }
  null(): void {
    this.view.setInt32(this.pos, -1);
    this.pos += 4;
  }
  finish(): Buffer {
    this.view.setInt16(this.pos, -1);
    this.pos += 2;
    return Buffer.from(this.bytes.buffer, 0, this.pos);
  }
}

export function copyInto(client: pg.Client, table: string, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyFrom(`COPY ${table} FROM STDIN (FORMAT binary)`));
    stream.on('error', reject);
    // 'finish' comes after the server's CommandComplete
    stream.on('finish', resolve);
    stream.end(data);
  });
}
