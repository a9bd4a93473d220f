import { ONE, STAR, globMatchRange, type GlobToken } from './glob';
import { compileArnPattern } from './arn-glob';

/**
 * A `Resource`/`NotResource` ARN pattern, compiled once (reference R2, revised).
 *
 * AWS: "You can use wildcard characters (* and ?) within the individual segments of an ARN (the parts
 * separated by colons) […] If the * wildcard is the last character of a resource ARN segment, it can
 * expand to match beyond the colon boundaries." So the segments before the resource part compare one
 * by one, except that a `*` ending a segment may also swallow the colons (and segments) after it;
 * the resource part (after the pattern's fifth colon) is one glob whose `*` and `?` match `:` and `/`.
 * ARN condition operators keep strict per-component matching (C4e): they use `arn-glob.ts`.
 */
export type ResourcePattern =
  | { readonly kind: 'exact'; readonly text: string }
  /** Literal text then a `*` that may match anything (`arn:aws:mq:eu-west-1:111122223333:broker:*`, `arn:aws:mq:*`). */
  | { readonly kind: 'prefix'; readonly text: string }
  /**
   * Only `*`, each ending its segment or in the resource part (`arn:aws:mq:*:111122223333:broker:*`): every `*`
   * may then match anything, colons included, so the whole ARN is one glob, matched literal by literal.
   */
  | { readonly kind: 'stars'; readonly first: string; readonly middle: readonly string[]; readonly last: string | undefined }
  | { readonly kind: 'general'; readonly segments: readonly Segment[]; readonly rest: readonly GlobToken[] | undefined; readonly last: { value: string | undefined; matched: boolean } };

interface Segment {
  readonly tokens: readonly GlobToken[];
  /** The segment ends in `*`, which may expand over the following colons. */
  readonly spans: boolean;
}

export function compileResourcePattern(tokens: readonly GlobToken[]): ResourcePattern {
  const wildcards = tokens.filter((t) => typeof t !== 'string').length;
  if (wildcards === 0) return { kind: 'exact', text: tokens.join('') };
  if (wildcards === 1 && tokens[tokens.length - 1] === STAR) return { kind: 'prefix', text: tokens.slice(0, -1).join('') };
  const { components, short } = compileArnPattern(tokens);
  const prefix = short ? components : components.slice(0, 5);
  // A `*` ending a segment may span colons (the segment's own text, then whole segments), and so may any `*` of
  // the resource part: when no other wildcard is in the pattern, it reads as a glob over the whole ARN.
  const wholeGlob = !tokens.includes(ONE) && prefix.every((c) => c.every((t, i) => t !== STAR || i === c.length - 1));
  if (wholeGlob) return starsPattern(tokens);
  return {
    kind: 'general',
    segments: prefix.map((c) => ({ tokens: c, spans: c[c.length - 1] === STAR })),
    rest: short ? undefined : components[5]!,
    // Callers ask many actions about one resource in a row: the last answer is kept.
    last: { value: undefined, matched: false },
  };
}

/** True when the request ARN `value` is one the pattern names. */
export function matchResourcePattern(pattern: ResourcePattern, value: string): boolean {
  switch (pattern.kind) {
    case 'exact':
      return value === pattern.text;
    case 'prefix':
      return value.startsWith(pattern.text);
    case 'stars':
      return matchStars(pattern.first, pattern.middle, pattern.last, value);
    case 'general': {
      const last = pattern.last;
      if (value !== last.value) {
        last.matched = matchGeneral(pattern.segments, pattern.rest, value);
        last.value = value;
      }
      return last.matched;
    }
  }
}

/** `first`, then each of `middle` in order (each as early as it occurs), then `last` at the very end. */
function matchStars(first: string, middle: readonly string[], last: string | undefined, value: string): boolean {
  if (!value.startsWith(first)) return false;
  let end = value.length;
  if (last !== undefined) {
    if (end - first.length < last.length || !value.endsWith(last)) return false;
    end -= last.length;
  }
  let at = first.length;
  for (let i = 0; i < middle.length; i++) {
    const m = middle[i]!;
    const found = value.indexOf(m, at);
    if (found < 0 || found + m.length > end) return false;
    at = found + m.length;
  }
  return true;
}

function starsPattern(tokens: readonly GlobToken[]): ResourcePattern {
  // Literals alternate with single stars (runs of `*` are one token): [first] * m1 * m2 … * [last].
  const literals: string[] = [];
  let run = '';
  for (const t of tokens) {
    if (t === STAR) {
      literals.push(run);
      run = '';
    } else run += t as string;
  }
  const endsWithStar = tokens[tokens.length - 1] === STAR;
  return { kind: 'stars', first: literals[0]!, middle: literals.slice(1).filter((m) => m !== ''), last: endsWithStar ? undefined : run };
}

/**
 * Segment by segment over the value's colon-separated segments. `starts` holds (as bits) the value segments
 * at which the current pattern segment may begin; a spanning `*` lets the next one begin at any later
 * segment. Linear in the value's segments; no allocation for values of up to 31 segments.
 */
function matchGeneral(segments: readonly Segment[], rest: readonly GlobToken[] | undefined, value: string): boolean {
  const n = splitValue(value);
  if (n > 31) return matchGeneralWide(segments, rest, value, n);
  const all = n === 31 ? 0x7fffffff : (1 << n) - 1;
  let starts = 1;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const last = rest === undefined && i === segments.length - 1;
    let next = 0;
    for (let j = 0; j < n; j++) {
      if ((starts & (1 << j)) === 0 || !globMatchRange(seg.tokens, value, bounds[j]! + 1, bounds[j + 1]!)) continue;
      if (last) {
        if (seg.spans || j === n - 1) return true;
      } else if (seg.spans) {
        next |= all & ~((1 << (j + 1)) - 1); // every later segment; the rest of this one is swallowed too
        break; // later starts only add segments already in `next`
      } else next |= (1 << (j + 1)) & all;
    }
    if (next === 0) return false;
    starts = next;
  }
  for (let j = 0; j < n; j++) if ((starts & (1 << j)) !== 0 && globMatchRange(rest!, value, bounds[j]! + 1, value.length)) return true;
  return false;
}

/** The same walk with a byte per segment, for values of more than 31 segments (never a real ARN). */
function matchGeneralWide(segments: readonly Segment[], rest: readonly GlobToken[] | undefined, value: string, n: number): boolean {
  const b = bounds.slice(0, n + 1);
  let starts = new Uint8Array(n);
  starts[0] = 1;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const last = rest === undefined && i === segments.length - 1;
    const next = new Uint8Array(n);
    let any = false;
    for (let j = 0; j < n; j++) {
      if (starts[j] !== 1 || !globMatchRange(seg.tokens, value, b[j]! + 1, b[j + 1]!)) continue;
      if (last) {
        if (seg.spans || j === n - 1) return true;
      } else if (seg.spans) {
        for (let k = j + 1; k < n; k++) next[k] = 1;
        any ||= j + 1 < n;
        break;
      } else if (j + 1 < n) {
        next[j + 1] = 1;
        any = true;
      }
    }
    if (!any) return false;
    starts = next;
  }
  for (let j = 0; j < n; j++) if (starts[j] === 1 && globMatchRange(rest!, value, b[j]! + 1, value.length)) return true;
  return false;
}

/**
 * Segment bounds of the last value split: -1, the index of every colon, then the length (segment k spans
 * (bounds[k], bounds[k + 1])). Decisions ask many patterns about one resource in a row, so it is kept;
 * the buffer is reused, so splitting allocates nothing for ARNs of up to 255 segments.
 */
let bounds = new Int32Array(256);
let boundsOf: string | undefined;
let segmentCount = 0;

function splitValue(value: string): number {
  if (value === boundsOf) return segmentCount;
  let n = 0;
  bounds[0] = -1;
  for (let i = value.indexOf(':'); i >= 0; i = value.indexOf(':', i + 1)) {
    if (++n >= bounds.length - 1) {
      const bigger = new Int32Array(bounds.length * 2);
      bigger.set(bounds);
      bounds = bigger;
    }
    bounds[n] = i;
  }
  bounds[n + 1] = value.length;
  boundsOf = value;
  segmentCount = n + 1;
  return segmentCount;
}
