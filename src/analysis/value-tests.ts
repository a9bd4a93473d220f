import { isBase64, networkContains, readBool, readDate, readIpNetwork, readNumber, splitArn, type ConditionTest, type ContextValue, type Template } from '../model';
import { globNfa, literalNfa, nfaMatches, type GlobPiece, type Nfa } from './glob-nfa';

/**
 * One thing a statement distinguishes about one value (a context value, or the request's resource): a
 * predicate with a small number of answers, and, for string-like tests, the automaton that accepts the
 * values answering 1 (so witnesses can be computed). Predicates restate the operators' definitions
 * (reference C1–C14), independently of the engine; the cross-check law holds the two together.
 */
export interface ValueTest {
  readonly group: ValueGroup;
  readonly predicate: (value: string) => number;
  /** String-like tests: accepted exactly when the predicate answers 1. */
  readonly nfa?: Nfa;
  /** Values this test names, as seeds for readable witnesses. */
  readonly seeds: readonly string[];
  /** ARN patterns: the pattern's six components (undefined for a short pattern, which spans components). */
  readonly components?: readonly (readonly GlobPiece[])[];
  /** Numbers, instants, networks: the points where the predicate changes. */
  readonly bounds?: readonly number[] | readonly bigint[];
}

export type ValueGroup = 'string' | 'arn' | 'numeric' | 'date' | 'bool' | 'ip' | 'binary';

/** Principal attributes come from principals.yaml; every other key is free in the request space. */
const FIXED_KEY = /^aws:(principalarn|principalaccount|principaltype|userid|username|principalisawsservice|principaltag\/.+)$/;
export const isPrincipalKey = (keyLower: string): boolean => FIXED_KEY.test(keyLower);

/** The fixed part of a principal's context: lower-cased key → value (absent keys are absent). */
export type FixedContext = ReadonlyMap<string, ContextValue>;

/** Why a value's set of classes is not exact; collected per (principal, action). */
export type Notes = Set<string>;

/**
 * A policy string with its variables resolved from the principal's fixed context, as glob pieces.
 * Undefined when a variable has no value and no default: the value then matches nothing (V5).
 */
export function resolveTemplate(template: Template, fixed: FixedContext, wildcards: boolean, colonOf: (wildcardIndex: number) => boolean, notes: Notes): GlobPiece[] | undefined {
  const pieces: GlobPiece[] = [];
  let wildcardIndex = 0;
  const text = (t: string): void => {
    const last = pieces[pieces.length - 1];
    if (last && 'text' in last) pieces[pieces.length - 1] = { text: last.text + t };
    else if (t !== '') pieces.push({ text: t });
  };
  for (const part of template.parts) {
    if (part.kind === 'escaped') text(part.char);
    else if (part.kind === 'variable') {
      if (!isPrincipalKey(part.key)) notes.add(`policy variable \`${part.raw}\` names a request key, so it is resolved only to its default or left unresolved`);
      const v = isPrincipalKey(part.key) ? fixed.get(part.key) : undefined;
      const value = typeof v === 'string' ? v : Array.isArray(v) && v.length === 1 ? v[0] : part.default;
      if (Array.isArray(v) && v.length > 1) notes.add(`policy variable \`${part.raw}\` names a multivalued key`);
      if (value === undefined) return undefined;
      text(value);
    } else {
      for (const ch of part.text) {
        if (wildcards && (ch === '*' || ch === '?')) {
          const last = pieces[pieces.length - 1];
          if (!(ch === '*' && last && 'wildcard' in last && last.wildcard === '*')) pieces.push({ wildcard: ch, colon: colonOf(wildcardIndex) });
          wildcardIndex++;
        } else text(ch);
      }
    }
  }
  return pieces;
}

/** Colon flags of an ARN pattern's wildcards: only the resource part (sixth component) may span `:`. */
function arnPieces(pieces: readonly GlobPiece[]): GlobPiece[] | 'never' {
  let colons = 0;
  for (const p of pieces) if ('text' in p) colons += p.text.split(':').length - 1;
  const short = colons < 5;
  if (short) {
    const last = pieces[pieces.length - 1];
    if (!last || !('wildcard' in last) || last.wildcard !== '*') return 'never';
  }
  const out: GlobPiece[] = [];
  let seen = 0;
  for (const p of pieces) {
    if ('text' in p) {
      seen += p.text.split(':').length - 1;
      out.push(p);
    } else out.push({ wildcard: p.wildcard, colon: seen >= 5 || (short && seen === colons) });
  }
  return out;
}

const NEVER: Nfa = { tokens: [{ kind: 'chars', chars: '' }] };
const piecesText = (pieces: readonly GlobPiece[]): string => pieces.map((p) => ('text' in p ? p.text : p.wildcard === '?' ? 'x' : '')).join('');

/** The shape every ARN has: `arn:` and at least five colons (six components). */
export const ARN_SHAPE: Nfa = globNfa([{ text: 'arn:' }, { wildcard: '*', colon: false }, { text: ':' }, { wildcard: '*', colon: false }, { text: ':' }, { wildcard: '*', colon: false }, { text: ':' }, { wildcard: '*', colon: false }, { text: ':' }, { wildcard: '*', colon: true }]);
export const isArn = (v: string): boolean => splitArn(v) !== undefined && v.split(':').length >= 6;

/** An ARN pattern (Resource entry, Arn* condition value): `*` alone matches everything, even `*`. */
export function arnPatternTest(template: Template, fixed: FixedContext, notes: Notes): ValueTest {
  return remembered(arnCache, template, variableKey([template], fixed), notes, (own) => buildArnPatternTest(template, fixed, own));
}

function buildArnPatternTest(template: Template, fixed: FixedContext, notes: Notes): ValueTest {
  if (template.raw === '*') return { group: 'arn', predicate: () => 1, seeds: [] };
  const pieces = resolveTemplate(template, fixed, true, () => false, notes);
  const shaped = pieces === undefined ? 'never' : arnPieces(pieces);
  if (shaped === 'never') return { group: 'arn', predicate: () => 0, nfa: NEVER, seeds: [] };
  const nfa = globNfa(shaped);
  const components = splitComponents(shaped);
  return { group: 'arn', predicate: (v) => (isArn(v) && nfaMatches(nfa, v) ? 1 : 0), nfa, seeds: [piecesText(shaped)], ...(components ? { components } : {}) };
}

/** The six components of an ARN pattern (the sixth keeps its colons); undefined when it has fewer. */
export function splitComponents(pieces: readonly GlobPiece[]): GlobPiece[][] | undefined {
  const out: GlobPiece[][] = [[]];
  for (const p of pieces) {
    if (!('text' in p)) {
      out[out.length - 1]!.push(p);
      continue;
    }
    let rest = p.text;
    while (out.length < 6 && rest.includes(':')) {
      const i = rest.indexOf(':');
      if (i > 0) out[out.length - 1]!.push({ text: rest.slice(0, i) });
      out.push([]);
      rest = rest.slice(i + 1);
    }
    if (rest !== '') out[out.length - 1]!.push({ text: rest });
  }
  return out.length === 6 ? out : undefined;
}

/** The principal attributes a template's variables read, with their values: what its resolution depends on. */
function variableKey(templates: readonly Template[], fixed: FixedContext): string {
  let key = '';
  for (const t of templates) for (const p of t.parts) if (p.kind === 'variable') key += `${p.key}=${JSON.stringify(fixed.get(p.key) ?? null)};`;
  return key;
}

/** Results remembered per policy object and resolved variables, with the notes they raised. */
function remembered<K extends object, V>(cache: WeakMap<K, Map<string, { value: V; notes: string[] }>>, owner: K, key: string, notes: Notes, build: (notes: Notes) => V): V {
  let byKey = cache.get(owner);
  if (!byKey) cache.set(owner, (byKey = new Map()));
  let hit = byKey.get(key);
  if (!hit) {
    const own: Notes = new Set();
    hit = { value: build(own), notes: [...own] };
    byKey.set(key, hit);
  }
  for (const n of hit.notes) notes.add(n);
  return hit.value;
}

const conditionCache = new WeakMap<ConditionTest, Map<string, { value: ValueTest[]; notes: string[] }>>();
const resourceCache = new WeakMap<Template, Map<string, { value: ValueTest; notes: string[] }>>();

/**
 * A Resource/NotResource entry (reference R2, revised): before the pattern's fifth colon `?` and an inner
 * `*` stay in their segment, but a `*` that ends its segment may swallow the colons after it; after the
 * fifth colon `*` and `?` match anything. `*` alone matches everything, even `*`.
 */
export function resourcePatternTest(template: Template, fixed: FixedContext, notes: Notes): ValueTest {
  return remembered(resourceCache, template, variableKey([template], fixed), notes, (own) => {
    if (template.raw === '*') return { group: 'arn', predicate: () => 1, seeds: [] };
    const pieces = resolveTemplate(template, fixed, true, () => false, own);
    if (pieces === undefined) return { group: 'arn', predicate: () => 0, nfa: NEVER, seeds: [] };
    let colons = 0;
    let spanning = false;
    const shaped: GlobPiece[] = pieces.map((p, i) => {
      if ('text' in p) {
        colons += p.text.split(':').length - 1;
        return p;
      }
      const next = pieces[i + 1];
      const endsSegment = p.wildcard === '*' && (next === undefined || ('text' in next && next.text.startsWith(':')));
      if (colons < 5 && endsSegment) spanning = true;
      return { wildcard: p.wildcard, colon: colons >= 5 || endsSegment };
    });
    const nfa = globNfa(shaped);
    // Component by component only when no wildcard crosses a segment boundary.
    const components = spanning ? undefined : splitComponents(shaped);
    return { group: 'arn', predicate: (v) => (isArn(v) && nfaMatches(nfa, v) ? 1 : 0), nfa, seeds: [piecesText(shaped)], ...(components ? { components } : {}) };
  });
}
const arnCache = new WeakMap<Template, Map<string, { value: ValueTest; notes: string[] }>>();

/** The tests one condition test makes of each request value (one per policy value). */
export function conditionValueTests(test: ConditionTest, fixed: FixedContext, notes: Notes): ValueTest[] {
  return remembered(conditionCache, test, variableKey(test.values, fixed), notes, (own) => buildConditionValueTests(test, fixed, own));
}

function buildConditionValueTests(test: ConditionTest, fixed: FixedContext, notes: Notes): ValueTest[] {
  const op = test.baseOperator;
  const out: ValueTest[] = [];
  for (const value of test.values) {
    switch (test.family) {
      case 'String': {
        const like = op.includes('Like');
        const pieces = resolveTemplate(value, fixed, like, () => true, notes);
        if (pieces === undefined) break;
        const text = piecesText(pieces);
        if (like) {
          const nfa = globNfa(pieces);
          out.push({ group: 'string', predicate: (v) => (nfaMatches(nfa, v) ? 1 : 0), nfa, seeds: [text] });
        } else if (op.includes('IgnoreCase')) {
          if (/[^\x00-\x7f]/.test(text)) notes.add(`\`${test.operator}\` value \`${text}\` has non-ASCII letters: letter-case classes are exact for ASCII only`);
          const lower = text.toLowerCase();
          out.push({ group: 'string', predicate: (v) => (v.toLowerCase() === lower ? 1 : 0), nfa: literalNfa(text, true), seeds: [text, text.toUpperCase(), text.charAt(0).toUpperCase() + text.slice(1)] });
        } else out.push({ group: 'string', predicate: (v) => (v === text ? 1 : 0), nfa: literalNfa(text), seeds: [text] });
        break;
      }
      case 'Arn':
        out.push(arnPatternTest(value, fixed, notes));
        break;
      case 'Numeric':
      case 'Date': {
        const read = test.family === 'Numeric' ? readNumber : readDate;
        const b = read(value.raw);
        if (b === undefined) break;
        out.push({ group: test.family === 'Numeric' ? 'numeric' : 'date', predicate: (v) => Math.sign(read(v)! - b) + 1, seeds: [], bounds: [b] });
        break;
      }
      case 'Bool':
        out.push({ group: 'bool', predicate: (v) => (readBool(v) ? 1 : 0), seeds: ['true', 'false'] });
        break;
      case 'Binary': {
        const hex = Buffer.from(value.raw, 'base64').toString('hex');
        out.push({ group: 'binary', predicate: (v) => (Buffer.from(v, 'base64').toString('hex') === hex ? 1 : 0), seeds: [value.raw] });
        break;
      }
      case 'IpAddress': {
        const net = readIpNetwork(value.raw);
        if (!net) break;
        const bits = BigInt(net.version === 4 ? 32 : 128);
        const shift = bits - BigInt(net.prefix);
        const start = (net.address >> shift) << shift;
        const end = start + (1n << shift);
        out.push({ group: 'ip', predicate: (v) => (networkContains(net, readIpNetwork(v)!) ? 1 : 0), seeds: [], bounds: net.version === 4 ? [start, end] : [start + (1n << 200n), end + (1n << 200n)] });
        break;
      }
      case 'Null':
        break;
    }
  }
  return out;
}

/** Whether a value is one the key's type admits (values AWS would never send are outside the space). */
export function validFor(group: ValueGroup, v: string): boolean {
  switch (group) {
    case 'string':
      return true;
    case 'arn':
      return isArn(v);
    case 'numeric':
      return readNumber(v) !== undefined;
    case 'date':
      return readDate(v) !== undefined;
    case 'bool':
      return readBool(v) !== undefined;
    case 'binary':
      return isBase64(v);
    case 'ip':
      return !v.includes('/') && readIpNetwork(v) !== undefined;
  }
}

/** Candidate values below, at, between and above the bounds of ordered tests. */
export function orderedCandidates(group: ValueGroup, tests: readonly ValueTest[]): string[] {
  if (group === 'numeric') {
    const b = [...new Set(tests.flatMap((t) => (t.bounds ?? []) as number[]))].sort((x, y) => x - y);
    const out = b.length === 0 ? ['0'] : [String(b[0]! - 1)];
    b.forEach((x, i) => {
      out.push(String(x));
      const next = b[i + 1];
      if (next !== undefined) out.push(String((x + next) / 2));
    });
    if (b.length > 0) out.push(String(b[b.length - 1]! + 1));
    return out;
  }
  if (group === 'date') {
    const b = [...new Set(tests.flatMap((t) => (t.bounds ?? []) as number[]))].sort((x, y) => x - y);
    const iso = (ms: number): string => new Date(ms).toISOString();
    const out = b.length === 0 ? [iso(0)] : [iso(b[0]! - 1000)];
    b.forEach((x, i) => {
      out.push(iso(x));
      const next = b[i + 1];
      if (next !== undefined && next - x > 1) out.push(iso(Math.floor((x + next) / 2)));
    });
    if (b.length > 0) out.push(iso(b[b.length - 1]! + 1000));
    return out;
  }
  if (group === 'ip') {
    // A network is an interval; every cell of the partition starts at 0 or at a start or an end of one.
    const points = new Set<bigint>([0n, 1n << 200n]);
    for (const t of tests) for (const x of (t.bounds ?? []) as bigint[]) points.add(x);
    return [...points].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).flatMap((p) => {
      if (p >= 1n << 200n) {
        const a = p - (1n << 200n);
        return a < 1n << 128n ? [ipv6Text(a)] : [];
      }
      return p < 1n << 32n ? [ipv4Text(p)] : [];
    });
  }
  if (group === 'bool') return ['true', 'false'];
  if (group === 'binary') return ['AAAA', ...tests.flatMap((t) => t.seeds)];
  return [];
}

function ipv4Text(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
}

function ipv6Text(n: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((n >> BigInt(i * 16)) & 0xffffn).toString(16));
  return groups.join(':');
}
