import type { TemplatePart } from '../model';

/** A compiled wildcard pattern: literal runs, `*` (any run, also empty) and `?` (one character). */
export type GlobToken = string | typeof STAR | typeof ONE;
export const STAR = 0;
export const ONE = 1;

/** Splits text into tokens; with `wildcards` false every character is literal. */
export function textTokens(text: string, wildcards: boolean, out: GlobToken[] = []): GlobToken[] {
  if (!wildcards) {
    if (text !== '') pushLiteral(out, text);
    return out;
  }
  let run = '';
  for (const ch of text) {
    if (ch === '*' || ch === '?') {
      if (run !== '') pushLiteral(out, run);
      run = '';
      if (!(ch === '*' && out[out.length - 1] === STAR)) out.push(ch === '*' ? STAR : ONE);
    } else run += ch;
  }
  if (run !== '') pushLiteral(out, run);
  return out;
}

export function pushLiteral(out: GlobToken[], text: string): void {
  const last = out[out.length - 1];
  if (typeof last === 'string') out[out.length - 1] = last + text;
  else out.push(text);
}

/** True when the whole subject matches the tokens. `?` consumes one UTF-16 unit, as the policy text does. */
export function globMatch(tokens: readonly GlobToken[], subject: string): boolean {
  return globMatchRange(tokens, subject, 0, subject.length);
}

/** globMatch over `subject[start, end)`, without slicing (Resource segments are matched in place). */
export function globMatchRange(tokens: readonly GlobToken[], subject: string, start: number, end: number): boolean {
  let ti = 0;
  let si = start;
  let starTi = -1;
  let starSi = start;
  while (si < end || ti < tokens.length) {
    if (ti < tokens.length) {
      const t = tokens[ti]!;
      if (t === STAR) {
        starTi = ti;
        starSi = si;
        ti++;
        continue;
      }
      if (t === ONE) {
        if (si < end) {
          ti++;
          si++;
          continue;
        }
      } else if (si + t.length <= end && subject.startsWith(t, si)) {
        ti++;
        si += t.length;
        continue;
      }
    }
    if (starTi < 0 || starSi >= end) return false;
    starSi++;
    si = starSi;
    ti = starTi + 1;
  }
  return true;
}

/** A policy string without variables as glob tokens: its own `*` and `?` are wildcards, escapes stay literal. */
export function templateTokens(parts: readonly TemplatePart[]): GlobToken[] {
  const tokens: GlobToken[] = [];
  for (const p of parts) {
    if (p.kind === 'text') textTokens(p.text, true, tokens);
    else if (p.kind === 'escaped') textTokens(p.char, false, tokens);
  }
  return tokens;
}
