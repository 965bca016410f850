// Uploaded text files (CSV imports) as text: UTF-8, else GB18030 (GBK files from Chinese office software),
// anything else refused; a UTF-8 byte-order mark is dropped and NUL bytes are refused with their line.

export type DecodedText =
  | { ok: true; text: string; encoding: 'utf-8' | 'gb18030' }
  | {
      ok: false;
      code: 'import.encoding' | 'import.nul_byte';
      message: string;
      details?: { line: number; reason: string }[];
    };

/** the physical line of byte `at`: lines end at LF, CRLF or a lone CR, as the CSV parser counts them */
function lineAt(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at; i++) {
    const c = bytes[i];
    if (c === 0x0a || (c === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  return line;
}

/**
 * Decodes a text file's bytes. UTF-8 first (a BOM is dropped); bytes that are not valid UTF-8 are read as
 * GB18030, the superset of GBK and GB2312 that Chinese spreadsheets save "CSV" in; text valid in neither is
 * refused (`import.encoding`), as is UTF-16. A NUL byte — never part of text in either encoding — is refused
 * with its line (`import.nul_byte`).
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      ok: false,
      code: 'import.encoding',
      message:
        '文件为 UTF-16 编码，请另存为“CSV UTF-8” / the file is UTF-16: save it as CSV UTF-8 (or GB18030)',
    };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const line = lineAt(bytes, nul);
    return {
      ok: false,
      code: 'import.nul_byte',
      message: `文件含有空字符（NUL），不是文本文件 / the file contains a NUL byte: not a text file`,
      details: [{ line, reason: 'NUL byte (0x00)' }],
    };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: GBK / GB18030 below
  }
  try {
    return { ok: true, text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
  } catch {
    return {
      ok: false,
      code: 'import.encoding',
      message:
        '文件编码无法识别：请保存为 UTF-8 或 GB18030（GBK）编码 / the file is neither UTF-8 nor GB18030 (GBK) text',
    };
  }
}
