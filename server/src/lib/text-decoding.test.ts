// decodeText, table-driven: UTF-8 (BOM dropped), GB18030/GBK, refusals with their codes and lines.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText } from './text-decoding.ts';

const hex = (h: string) => Uint8Array.from(Buffer.from(h.replaceAll(' ', ''), 'hex'));
const utf8 = (s: string) => Uint8Array.from(Buffer.from(s, 'utf8'));
/** 名称,编码 CRLF 阳光花园,GY-01 CRLF as GBK (what Excel and WPS save as "CSV" on a Chinese Windows) */
const GBK_CSV = hex('c3fb b3c6 2c b1e0 c2eb 0d0a d1f4 b9e2 bba8 d4b0 2c 47592d3031 0d0a');

describe('decodeText', () => {
  const decoded: [string, Uint8Array, string, 'utf-8' | 'gb18030'][] = [
    ['UTF-8', utf8('名称,编码\n阳光花园,GY-01\n'), '名称,编码\n阳光花园,GY-01\n', 'utf-8'],
    ['UTF-8 with a BOM (Excel "CSV UTF-8")', utf8('\uFEFF名称\n'), '名称\n', 'utf-8'],
    ['ASCII', utf8('code,name\r\nA,B\r\n'), 'code,name\r\nA,B\r\n', 'utf-8'],
    ['empty', new Uint8Array(0), '', 'utf-8'],
    ['GBK', GBK_CSV, '名称,编码\r\n阳光花园,GY-01\r\n', 'gb18030'],
    ['GBK that looks like UTF-8 at a glance (联通)', hex('c1aa cda8'), '联通', 'gb18030'],
    ['a GB18030 four-byte sequence', hex('41 9034a432 0a'), 'A\u{11510}\n', 'gb18030'],
  ];
  for (const [name, bytes, text, encoding] of decoded) {
    it(`decodes ${name}`, () => assert.deepEqual(decodeText(bytes), { ok: true, text, encoding }));
  }

  const refused: [string, Uint8Array, string, number | undefined][] = [
    ['a NUL byte, with its line', utf8('a,b\n1,2\n3,\u0000\n'), 'import.nul_byte', 3],
    ['a NUL byte after CRLF and lone CR lines', utf8('a\r\nb\rc\n\u0000'), 'import.nul_byte', 4],
    ['a NUL byte in a GBK file', Uint8Array.from([...GBK_CSV, 0]), 'import.nul_byte', 3],
    ['UTF-16 LE (Excel "Unicode text")', hex('fffe 4100 2c00 4200'), 'import.encoding', undefined],
    ['UTF-16 BE', hex('feff 0041'), 'import.encoding', undefined],
    ['bytes that are neither UTF-8 nor GB18030', hex('41 ff ff 42'), 'import.encoding', undefined],
    ['a truncated GBK character', hex('41 c3'), 'import.encoding', undefined],
  ];
  for (const [name, bytes, code, line] of refused) {
    it(`refuses ${name}`, () => {
      const r = decodeText(bytes);
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.equal(r.code, code);
      assert.match(r.message, /[\u4e00-\u9fff].* \/ [a-z]/, 'Chinese, then English');
      assert.equal(r.details?.[0]?.line, line);
    });
  }
});
