import { isUtf8 } from 'node:buffer';

/**
 * Strict UTF-8 decoding. Node's usual decoding replaces a bad byte with U+FFFD, so a policy value
 * holding a 0xFF byte silently becomes another value (a Deny that never matches). We refuse the input
 * instead and say where the first bad byte is. The native check runs at memory speed; the byte-by-byte
 * scan below runs only to locate a problem already known to exist.
 */
export type Utf8Decoded = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: Utf8Problem };

export interface Utf8Problem {
  /** Zero-based offset of the first invalid byte from the start of the input given. */
  readonly byteOffset: number;
  /** One-based line of that byte (lines end at `\n`) and the byte's zero-based offset within its line. */
  readonly line: number;
  readonly lineByteOffset: number;
  /** `invalid UTF-8 (byte 0xFF) at line 3, byte offset 17 of the line`. */
  readonly message: string;
}

export function decodeUtf8(bytes: Uint8Array): Utf8Decoded {
  if (isUtf8(bytes)) return { ok: true, text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') };
  return { ok: false, problem: locateInvalidUtf8(bytes) };
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  return isUtf8(bytes);
}

/** The first byte that does not start or continue a well-formed UTF-8 sequence (Unicode 15, table 3-7). */
export function locateInvalidUtf8(bytes: Uint8Array): Utf8Problem {
  let line = 1;
  let lineStart = 0;
  const problem = (at: number): Utf8Problem => ({
    byteOffset: at,
    line,
    lineByteOffset: at - lineStart,
    message: `invalid UTF-8 (byte 0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')}) at line ${line}, byte offset ${at - lineStart} of the line`,
  });
  const between = (b: number | undefined, lo: number, hi: number): boolean => b !== undefined && b >= lo && b <= hi;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      if (b === 10) {
        line++;
        lineStart = i + 1;
      }
      i++;
      continue;
    }
    let length: number;
    let secondLow = 0x80;
    let secondHigh = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) secondLow = 0xa0; // overlong
      if (b === 0xed) secondHigh = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) secondLow = 0x90; // overlong
      if (b === 0xf4) secondHigh = 0x8f; // above U+10FFFF
    } else return problem(i);
    if (!between(bytes[i + 1], secondLow, secondHigh)) return problem(i + 1 < bytes.length ? i + 1 : i);
    for (let k = 2; k < length; k++) if (!between(bytes[i + k], 0x80, 0xbf)) return problem(i + k < bytes.length ? i + k : i);
    i += length;
  }
  // isUtf8 said no, yet every sequence is well formed: cannot happen; point at the end rather than guess.
  return problem(Math.max(0, bytes.length - 1));
}
