import type { ActionBlock } from '../model';
import { globNfa, nfaMatches, type GlobPiece } from './glob-nfa';

const cache = new Map<string, (actionLower: string) => boolean>();

/** An Action entry as IAM reads it: prefix and name ignore case; `*` and `?` only in the name (A1–A3). */
function actionPattern(pattern: string): (actionLower: string) => boolean {
  let m = cache.get(pattern);
  if (m) return m;
  const lower = pattern.toLowerCase();
  if (lower === '*') m = () => true;
  else if (!/[*?]/.test(lower)) m = (a) => a === lower;
  else {
    const colon = lower.indexOf(':');
    const prefix = lower.slice(0, colon + 1);
    const pieces: GlobPiece[] = [...lower.slice(colon + 1)].map((c) => (c === '*' || c === '?' ? { wildcard: c, colon: true } : { text: c }));
    const nfa = globNfa(pieces);
    m = (a) => a.startsWith(prefix) && nfaMatches(nfa, a.slice(prefix.length));
  }
  cache.set(pattern, m);
  return m;
}

/** Whether a statement's Action/NotAction block admits the action. */
export function admitsAction(block: ActionBlock, actionLower: string): boolean {
  return block.patterns.some((p) => actionPattern(p)(actionLower)) !== block.negated;
}
