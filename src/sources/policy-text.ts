import type { JsonPosition } from '../parse';
import { readDocument } from '../load/read-document';
import type { PolicyLocation } from './estate';

/** Line starts of a text, to turn line/column into offsets and back (UTF-16 units, as the JSON reader counts). */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  offsetOf(p: JsonPosition): number {
    return (this.starts[p.line - 1] ?? 0) + p.column - 1;
  }
  positionOf(offset: number): JsonPosition {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}

/**
 * For a JSON string literal starting (at its `"`) at `quoteOffset` of `raw`, the raw offset of every decoded
 * character: a policy held in a JSON string can then be pointed at in the file that holds it.
 */
export function literalOffsets(raw: string, quoteOffset: number): number[] {
  const out: number[] = [];
  let i = quoteOffset + 1;
  while (i < raw.length && raw[i] !== '"') {
    out.push(i);
    if (raw[i] === '\\') i += raw[i + 1] === 'u' ? 6 : 2;
    else i++;
  }
  out.push(i);
  return out;
}

export type PolicyTextResult =
  | { readonly ok: true; readonly document: unknown; readonly locate: (pointer: string) => PolicyLocation | undefined }
  | { readonly ok: false; readonly message: string; readonly position?: JsonPosition };

/**
 * Decodes a policy that a source holds as a JSON string (Terraform's `policy`, a `content`). When the source's
 * raw text and the string's position are known, every value is located both inside the string and in the file.
 */
export function readPolicyString(text: string, outer?: { readonly raw: string; readonly lines: LineIndex; readonly at: JsonPosition }): PolicyTextResult {
  const doc = readDocument(text, 'json');
  if (!doc.ok) return { ok: false, message: doc.message, ...(doc.position ? { position: doc.position } : {}) };
  const innerLines = new LineIndex(text);
  let offsets: number[] | undefined;
  const locate = (pointer: string): PolicyLocation | undefined => {
    const inString = nearest(doc.positions, pointer);
    if (!inString) return undefined;
    if (!outer) return { inString };
    offsets ??= literalOffsets(outer.raw, outer.lines.offsetOf(outer.at));
    const rawOffset = offsets[Math.min(innerLines.offsetOf(inString), offsets.length - 1)]!;
    const p = outer.lines.positionOf(rawOffset);
    return { inString, line: p.line, column: p.column };
  };
  return { ok: true, document: doc.value, locate };
}

/** Locations of a policy written as structured data in the source itself (a CloudFormation template, a CLI document). */
export function locateIn(positions: ReadonlyMap<string, JsonPosition>, base: string): (pointer: string) => PolicyLocation | undefined {
  return (pointer) => {
    const p = nearest(positions, `${base}${pointer}`);
    return p ? { line: p.line, column: p.column } : undefined;
  };
}

/** The position of a pointer, or of its nearest ancestor that has one. */
export function nearest(positions: ReadonlyMap<string, JsonPosition>, pointer: string): JsonPosition | undefined {
  let p = pointer;
  for (;;) {
    const pos = positions.get(p);
    if (pos || p === '') return pos;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
