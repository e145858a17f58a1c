// Reads a source text's bytes as UTF-8, or says where they are not UTF-8 and how to convert them.

/** Byte offset of the first byte that is not part of valid UTF-8 (as the WHATWG decoder reads it), or -1. */
const firstInvalidByte = (bytes: Uint8Array): number => {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const [length, min, max] =
      b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf]
      : b === 0xe0 ? [3, 0xa0, 0xbf]
      : b === 0xed ? [3, 0x80, 0x9f]
      : b >= 0xe1 && b <= 0xef ? [3, 0x80, 0xbf]
      : b === 0xf0 ? [4, 0x90, 0xbf]
      : b === 0xf4 ? [4, 0x80, 0x8f]
      : b >= 0xf1 && b <= 0xf3 ? [4, 0x80, 0xbf]
      : [0, 0, 0];
    if (length === 0 || i + length > bytes.length) return i;
    // The second byte has a narrower range for some lead bytes (no overlong forms, no surrogates, nothing past U+10FFFF).
    if (bytes[i + 1]! < min || bytes[i + 1]! > max) return i;
    for (let k = 2; k < length; k++) if (bytes[i + k]! < 0x80 || bytes[i + k]! > 0xbf) return i;
    i += length;
  }
  return -1;
};

/** What a file's bytes look like when they are not UTF-8: the encoding to convert from, where it can be told. */
const guessEncoding = (bytes: Uint8Array): string | undefined => {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return 'UTF-16';
  for (const [label, name] of [['shift_jis', 'Shift_JIS (CP932)'], ['euc-jp', 'EUC-JP']] as const) {
    try {
      new TextDecoder(label, { fatal: true }).decode(bytes);
      return name;
    } catch {
      // not this one
    }
  }
  return undefined;
};

/**
 * The text of a source file, or the problem a curator reads when it is not UTF-8: where the first byte that is not
 * UTF-8 stands (line and column, the column counted in characters of the valid text before it) and how to convert it.
 */
export const decodeSource = (bytes: Uint8Array, path: string): { text: string } | { line: number; column: number; reason: string } => {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // Not UTF-8: find where, below.
  }
  const bad = Math.max(0, firstInvalidByte(bytes));
  const before = bytes.subarray(0, bad);
  const lineStart = before.lastIndexOf(0x0a) + 1;
  const line = before.reduce((n, b) => (b === 0x0a ? n + 1 : n), 1);
  const column = Array.from(new TextDecoder('utf-8').decode(before.subarray(lineStart))).length + 1;
  const encoding = guessEncoding(bytes);
  const iconv = (from: string) => `iconv -f ${from} -t UTF-8 ${path} > converted.txt && mv converted.txt ${path}`;
  return {
    line,
    column,
    reason:
      encoding === undefined
        ? `not UTF-8 (byte ${bad} is not valid UTF-8): source texts are UTF-8, so convert it to UTF-8 from the encoding it was saved in, e.g. for Shift_JIS: ${iconv('CP932')}`
        : `not UTF-8 (byte ${bad} is not valid UTF-8; the file reads as ${encoding}): source texts are UTF-8, so convert it to UTF-8, e.g. ${iconv(encoding === 'Shift_JIS (CP932)' ? 'CP932' : encoding)}`,
  };
};
