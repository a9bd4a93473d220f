import type { Readable } from 'node:stream';
import { isValidUtf8, locateInvalidUtf8 } from '../load/utf8';

/** One input line: its text, or why it cannot be read (bad UTF-8, too long). Line numbers start at 1. */
export type InputLine = { readonly line: number; readonly text: string } | { readonly line: number; readonly problem: { readonly code: 'invalid-utf8' | 'line-too-long'; readonly message: string } };

/**
 * Longest line we read, in bytes. A simulate case is a few kilobytes; the bound keeps one endless line
 * from taking all memory. Longer lines get an error answer and are skipped without being kept.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/**
 * Splits a byte stream into lines (`\n`, with a `\r` before it dropped), decoding strict UTF-8. Lines
 * come in batches, one per chunk, so a batch of many small cases costs one await per chunk, not per
 * line. Complete lines of a chunk are checked and decoded together (the native check runs at memory
 * speed); only a chunk that fails is examined line by line to name the bad line and byte.
 */
export async function* readLines(input: Readable, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<InputLine[]> {
  let lineNumber = 0;
  let partial: Buffer[] = [];
  let partialBytes = 0;
  /** The current line was already answered as too long: drop its bytes up to the next newline. */
  let skipping = false;

  const tooLong = (line: number): InputLine => ({ line, problem: { code: 'line-too-long', message: `line ${line} is longer than ${maxLineBytes} bytes; it was skipped` } });
  const decodeLine = (bytes: Buffer, line: number): InputLine => {
    if (bytes.length > maxLineBytes) return tooLong(line);
    if (!isValidUtf8(bytes)) {
      const p = locateInvalidUtf8(bytes);
      return { line, problem: { code: 'invalid-utf8', message: `line ${line}: invalid UTF-8 (byte 0x${bytes[p.byteOffset]!.toString(16).toUpperCase().padStart(2, '0')}) at byte offset ${p.lineByteOffset}; nothing was guessed: send UTF-8` } };
    }
    return { line, text: stripCr(bytes.toString('utf8')) };
  };
  /** Complete lines `block` (ending just before its last newline), appended to `out`. */
  const decodeBlock = (block: Buffer, out: InputLine[]): void => {
    if (isValidUtf8(block)) {
      for (const text of block.toString('utf8').split('\n')) {
        lineNumber++;
        out.push(text.length > maxLineBytes ? tooLong(lineNumber) : { line: lineNumber, text: stripCr(text) });
      }
      return;
    }
    for (let start = 0; start <= block.length; ) {
      let end = block.indexOf(10, start);
      if (end < 0) end = block.length;
      out.push(decodeLine(block.subarray(start, end), ++lineNumber));
      start = end + 1;
    }
  };
  const keep = (bytes: Buffer, out: InputLine[]): void => {
    if (skipping || bytes.length === 0) return;
    partial.push(bytes);
    partialBytes += bytes.length;
    if (partialBytes > maxLineBytes) {
      out.push(tooLong(++lineNumber));
      partial = [];
      partialBytes = 0;
      skipping = true;
    }
  };

  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const batch: InputLine[] = [];
    const first = buf.indexOf(10);
    if (first < 0) {
      keep(buf, batch);
    } else {
      let from = 0;
      if (skipping) {
        skipping = false;
        from = first + 1;
      } else if (partial.length > 0) {
        partial.push(buf.subarray(0, first));
        batch.push(decodeLine(Buffer.concat(partial), ++lineNumber));
        partial = [];
        partialBytes = 0;
        from = first + 1;
      }
      const last = buf.lastIndexOf(10);
      if (from <= last) decodeBlock(buf.subarray(from, last), batch);
      keep(buf.subarray(last + 1), batch);
    }
    if (batch.length > 0) yield batch;
  }
  if (partial.length > 0) yield [decodeLine(Buffer.concat(partial), ++lineNumber)];
}

function stripCr(text: string): string {
  return text.length > 0 && text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
}
