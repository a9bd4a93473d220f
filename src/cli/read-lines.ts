import type { Readable } from 'node:stream';
import { isValidUtf8, locateInvalidUtf8 } from '../load/utf8';

/** One input line: its text, or why it cannot be read (bad UTF-8, too long). Line numbers start at 1. */
export type InputLine = { readonly line: number; readonly text: string } | { readonly line: number; readonly problem: { readonly code: 'invalid-utf8' | 'line-too-long'; readonly message: string } };

/**
 * Complete lines as the input delivered them: a block of raw bytes (the lines of one chunk, without
 * the newline after the last one) numbered from `firstLine`, or one line already decoded (a line that
 * spanned chunks, or an error answer for one).
 */
export type LineBlock = { readonly kind: 'bytes'; readonly firstLine: number; readonly lines: number; readonly bytes: Buffer } | { readonly kind: 'line'; readonly line: InputLine };

/**
 * Longest line we read, in bytes. A simulate case is a few kilobytes; the bound keeps one endless line
 * from taking all memory. Longer lines get an error answer and are skipped without being kept.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/**
 * Splits a byte stream into blocks of complete lines (`\n`), without decoding them: decoding can then
 * happen wherever the lines are answered (a worker thread). Only a line that spans chunks is put
 * together here, never more than `maxLineBytes` of it.
 */
export async function* readLineBlocks(input: Readable, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<LineBlock[]> {
  let lineNumber = 0;
  let partial: Buffer[] = [];
  let partialBytes = 0;
  /** The current line was already answered as too long: drop its bytes up to the next newline. */
  let skipping = false;

  const keep = (bytes: Buffer, out: LineBlock[]): void => {
    if (skipping || bytes.length === 0) return;
    partial.push(bytes);
    partialBytes += bytes.length;
    if (partialBytes > maxLineBytes) {
      out.push({ kind: 'line', line: tooLong(++lineNumber, maxLineBytes) });
      partial = [];
      partialBytes = 0;
      skipping = true;
    }
  };

  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const out: LineBlock[] = [];
    const first = buf.indexOf(10);
    if (first < 0) keep(buf, out);
    else {
      let from = 0;
      if (skipping) {
        skipping = false;
        from = first + 1;
      } else if (partial.length > 0) {
        partial.push(buf.subarray(0, first));
        out.push({ kind: 'line', line: decodeLine(Buffer.concat(partial), ++lineNumber, maxLineBytes) });
        partial = [];
        partialBytes = 0;
        from = first + 1;
      }
      const last = buf.lastIndexOf(10);
      if (from <= last) {
        let lines = 1;
        for (let nl = buf.indexOf(10, from); nl >= 0 && nl < last; nl = buf.indexOf(10, nl + 1)) lines++;
        out.push({ kind: 'bytes', firstLine: lineNumber + 1, lines, bytes: buf.subarray(from, last) });
        lineNumber += lines;
      }
      keep(buf.subarray(last + 1), out);
    }
    if (out.length > 0) yield out;
  }
  if (partial.length > 0) yield [{ kind: 'line', line: decodeLine(Buffer.concat(partial), ++lineNumber, maxLineBytes) }];
}

/** The lines of a block, decoded as strict UTF-8 (one native check for the whole block when it is clean). */
export function decodeBlock(block: LineBlock, maxLineBytes = MAX_LINE_BYTES): InputLine[] {
  if (block.kind === 'line') return [block.line];
  const { bytes, firstLine } = block;
  const out: InputLine[] = [];
  if (isValidUtf8(bytes)) {
    let line = firstLine;
    for (const text of bytes.toString('utf8').split('\n')) {
      out.push(text.length > maxLineBytes ? tooLong(line, maxLineBytes) : { line, text: stripCr(text) });
      line++;
    }
    return out;
  }
  let line = firstLine;
  for (let start = 0; start <= bytes.length; line++) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    out.push(decodeLine(bytes.subarray(start, end), line, maxLineBytes));
    start = end + 1;
  }
  return out;
}

/** Every line of the input, decoded, in batches (one per chunk): what an in-process reader iterates. */
export async function* readLines(input: Readable, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<InputLine[]> {
  for await (const blocks of readLineBlocks(input, maxLineBytes)) yield blocks.flatMap((b) => decodeBlock(b, maxLineBytes));
}

function tooLong(line: number, maxLineBytes: number): InputLine {
  return { line, problem: { code: 'line-too-long', message: `line ${line} is longer than ${maxLineBytes} bytes; it was skipped` } };
}

function decodeLine(bytes: Buffer, line: number, maxLineBytes: number): InputLine {
  if (bytes.length > maxLineBytes) return tooLong(line, maxLineBytes);
  if (!isValidUtf8(bytes)) {
    const p = locateInvalidUtf8(bytes);
    return { line, problem: { code: 'invalid-utf8', message: `line ${line}: invalid UTF-8 (byte 0x${bytes[p.byteOffset]!.toString(16).toUpperCase().padStart(2, '0')}) at byte offset ${p.lineByteOffset}; nothing was guessed: send UTF-8` } };
  }
  return { line, text: stripCr(bytes.toString('utf8')) };
}

function stripCr(text: string): string {
  return text.length > 0 && text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
}
