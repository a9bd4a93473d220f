import { globMatch, textTokens } from './glob';

const cache = new Map<string, (actionLower: string) => boolean>();
/** Patterns kept at most: a batch of a million distinct patterns must not keep a million matchers. */
const MAX_CACHED = 16384;

/** Compiles an action pattern once: prefix and name ignore case; `*` and `?` only in the name (A1–A3). */
export function actionMatcher(pattern: string): (actionLower: string) => boolean {
  let m = cache.get(pattern);
  if (m) return m;
  const lower = pattern.toLowerCase();
  if (lower === '*') m = () => true;
  else if (!/[*?]/.test(lower)) m = (a) => a === lower;
  else {
    const colon = lower.indexOf(':');
    const prefix = lower.slice(0, colon + 1);
    const tokens = textTokens(lower.slice(colon + 1), true);
    m = (a) => a.startsWith(prefix) && globMatch(tokens, a.slice(prefix.length));
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(pattern, m);
  return m;
}
