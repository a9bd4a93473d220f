import type { Template } from '../model';

/** The characters a run of text may hold; `undefined` = any character. */
export type CharClass = ((ch: string) => boolean) | undefined;

/**
 * A glob over characters: a literal character, `*` (any run, also empty), `?` (exactly one), or a run of
 * `min`+ characters of one class (what a catalog placeholder such as `${BrokerId}` can stand for).
 */
export type Token = { readonly char: string } | '*' | '?' | { readonly run: CharClass; readonly min: number };

/** Tokens of a Resource pattern; a policy variable can stand for any text. */
export function patternTokens(template: Template): Token[] {
  const out: Token[] = [];
  for (const part of template.parts) {
    if (part.kind === 'escaped') out.push({ char: part.char });
    else if (part.kind === 'variable') out.push('*');
    else for (const ch of part.text) out.push(ch === '*' || ch === '?' ? ch : { char: ch });
  }
  return out;
}

const inSet = (re: RegExp): CharClass => (ch) => re.test(ch);
/** No colon, no slash: the first five ARN components and most resource names. */
const SEGMENT = inSet(/^[^:/]$/);
const ID = inSet(/^[A-Za-z0-9-]$/);

/**
 * What each catalog placeholder can stand for in a real ARN. Facts, each from AWS's documentation:
 * - partition, region and account never hold `:` or `/` (IAM User Guide, "ARN format");
 * - Amazon MQ broker IDs are `b-` and a UUID, configuration IDs `c-` and a UUID (Amazon MQ API Reference,
 *   "Broker id: b-1234a5b6-78cd-901e-2fgh-3i45j6k178l9"); broker names hold only letters, digits, dashes
 *   and underscores (CreateBroker, `brokerName`; the class below also admits `.` and `~`, to err on the side of
 *   a match);
 * - EC2 and other `…Id` placeholders are letters, digits and dashes (`eni-0a1b…`, `subnet-…`).
 * Any other placeholder: any text without `:` — or any text at all when it ends the template, since names
 * such as S3 keys or log-group names may hold anything there.
 */
function placeholderTokens(name: string, last: boolean): Token[] {
  switch (name) {
    case 'BrokerId':
      return [{ char: 'b' }, { char: '-' }, { run: ID, min: 1 }];
    case 'ConfigurationId':
      return [{ char: 'c' }, { char: '-' }, { run: ID, min: 1 }];
    case 'BrokerName':
      return [{ run: inSet(/^[A-Za-z0-9._~-]$/), min: 1 }];
    case 'Partition':
    case 'Region':
    case 'Account':
      return [{ run: SEGMENT, min: 1 }];
    default:
      if (/Id$/.test(name)) return [{ run: ID, min: 1 }];
      return [{ run: last ? undefined : inSet(/^[^:]$/), min: 1 }];
  }
}

/** Tokens of a catalog ARN template, each `${Placeholder}` replaced by the text it can stand for. */
export function arnTemplateTokens(arn: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < arn.length; ) {
    if (arn.startsWith('${', i)) {
      const end = arn.indexOf('}', i);
      const close = end < 0 ? arn.length : end + 1;
      out.push(...placeholderTokens(arn.slice(i + 2, end < 0 ? arn.length : end), close >= arn.length));
      i = close;
    } else out.push({ char: arn[i++]! });
  }
  return out;
}

/** Two classes meet when one character of this alphabet is in both; enough to tell the classes above apart. */
const ALPHABET = [...'abcxyzABCXYZ0189-_.~:/*?@ é'];

/** One character: a literal, or any character of a class. */
type One = { readonly lit: string } | { readonly cls: CharClass };

function meet(a: One, b: One): boolean {
  if ('lit' in a && 'lit' in b) return a.lit === b.lit;
  if ('lit' in a) return (b as { cls: CharClass }).cls?.(a.lit) ?? true;
  if ('lit' in b) return a.cls?.(b.lit) ?? true;
  if (a.cls === undefined || b.cls === undefined) return true;
  const x = a.cls;
  const y = b.cls;
  return ALPHABET.some((ch) => x(ch) && y(ch));
}

type Step = { readonly one: One } | { readonly many: CharClass };

/** A run token, unrolled: `min` single characters of its class, then a star over the class. */
function unroll(tokens: readonly Token[]): Step[] {
  const out: Step[] = [];
  for (const t of tokens) {
    if (t === '*') out.push({ many: undefined });
    else if (t === '?') out.push({ one: { cls: undefined } });
    else if ('char' in t) out.push({ one: { lit: t.char } });
    else {
      for (let k = 0; k < t.min; k++) out.push({ one: { cls: t.run } });
      out.push({ many: t.run });
    }
  }
  return out;
}

/** Above this many states the answer is "may overlap" (no finding): AWS caps a policy at 10,240 characters anyway. */
const MAX_STATES = 4_000_000;

/**
 * True when some string matches both globs. A pattern `*` may cross colons here (IAM lets a segment-final `*`
 * do so in Resource, and an over-approximation is what a lint needs), so a `false` is certain: the pattern
 * can never match any resource of that type. Iterative over the product of both globs, so time and memory
 * stay bounded by their lengths (and by MAX_STATES), whatever the input.
 */
export function globsOverlap(a: readonly Token[], b: readonly Token[]): boolean {
  const x = unroll(a);
  const y = unroll(b);
  const width = y.length + 1;
  const states = (x.length + 1) * width;
  if (states > MAX_STATES) return true;
  const seen = new Uint8Array(states);
  const stack: number[] = [0];
  seen[0] = 1;
  const push = (i: number, j: number): void => {
    const id = i * width + j;
    if (seen[id] === 0) {
      seen[id] = 1;
      stack.push(id);
    }
  };
  while (stack.length > 0) {
    const id = stack.pop()!;
    const i = Math.floor(id / width);
    const j = id % width;
    const p = x[i];
    const q = y[j];
    if (p === undefined && q === undefined) return true;
    if (p !== undefined && 'many' in p) {
      push(i + 1, j); // the star takes nothing
      if (q !== undefined && ('many' in q || meet({ cls: p.many }, q.one))) push(i, j + 1); // or q's character (or q's star is skipped)
    } else if (q !== undefined && 'many' in q) {
      push(i, j + 1);
      if (p !== undefined && meet({ cls: q.many }, p.one)) push(i + 1, j);
    } else if (p !== undefined && q !== undefined && meet(p.one, q.one)) push(i + 1, j + 1);
  }
  return false;
}
