import { findAction, isMultivaluedKey, resourceArnsOfAction } from '../catalog';
import type { ConditionTest, ContextValue, Policy, Request, Statement, Template } from '../model';
import type { PolicySet } from '../engine';
import { globNfa, nfaMatches, productWitnesses, type GlobPiece, type Nfa } from './glob-nfa';
import { ARN_SHAPE, arnPatternTest, isArn, resourcePatternTest, splitComponents, conditionValueTests, isPrincipalKey, orderedCandidates, validFor, type FixedContext, type Notes, type ValueGroup, type ValueTest } from './value-tests';
import { admitsAction } from './action-match';

/**
 * The request space of one principal and one action, as classes: for the resource and for every condition
 * key any statement reads, the values that statements distinguish. Two requests with the same class get
 * the same decision from every statement (where `notes` is empty); one concrete request represents each.
 */

/** One side of a comparison: the caller and the policies in force for it. */
export interface Side {
  readonly principalArn: string;
  readonly policies: PolicySet;
  /** Principal attributes (lower-cased key → value), from principals.yaml. */
  readonly fixed: FixedContext;
  /** Key spellings for the fixed part. */
  readonly spelling: ReadonlyMap<string, string>;
}

/** Readable values to prefer as witnesses (inventory ARNs, tag values, Regions), by lower-cased key or `resource`. */
export type Hints = ReadonlyMap<string, readonly string[]>;

/** One dimension of the space: a key (or the resource) and the values that represent its classes. */
export interface Dimension {
  readonly key: string;
  readonly spelling: string;
  /** `undefined` = the key is absent. */
  readonly values: readonly (ContextValue | undefined)[];
  /** The class of a value: its index in `values`, -1 when no class holds it (a broken builder), -2 outside the space. */
  classify(value: ContextValue | undefined): number;
}

export interface ClassSpace {
  readonly action: string;
  readonly resource: Dimension;
  readonly keys: readonly Dimension[];
  /** Product of the dimension sizes. */
  readonly size: number;
  /** Why the classes are not exact here; empty = exact. */
  readonly approximate: readonly string[];
  /** Classes enumerated (all of them, unless the space was larger than the bound). */
  readonly enumerated: number;
}

let nextId = 1;

/** Largest number of classes enumerated for one (principal, action); beyond it the answer is approximate. */
export const MAX_CLASSES = 50_000;
/** Largest number of element classes of a multivalued key whose subsets are all enumerated. */
const MAX_SET_ELEMENTS = 6;

function relevantStatements(policies: PolicySet, actionLower: string): Statement[] {
  const all = [...(policies.scp ?? []).flat(), ...policies.identity, ...(policies.boundary ?? []), ...(policies.session ?? [])];
  return all.flatMap((p) => p.statements.filter((s) => admitsAction(s.action, actionLower)));
}

/** Template `arn:${Partition}:mq:…:broker:${BrokerName}:${BrokerId}` as glob pieces: each `${…}` one or more non-colon characters. */
function templatePieces(template: string): GlobPiece[] {
  const pieces: GlobPiece[] = [];
  for (const piece of template.split(/(\$\{[^}]+\})/)) {
    if (piece === '') continue;
    if (piece.startsWith('${')) pieces.push({ wildcard: '?', colon: false }, { wildcard: '*', colon: false });
    else pieces.push({ text: piece });
  }
  return pieces;
}

/**
 * Witness ARNs for ARN patterns, component by component: a wildcard never leaves its component (the
 * sixth, the resource part, spans colons), so an ARN matches a pattern exactly when each component
 * matches, and one witness per combination of each component's signature covers every combination
 * of the whole. Much smaller walks than one over the whole ARN. Undefined when a pattern is short.
 */
function arnWitnesses(tests: readonly ValueTest[], template: readonly GlobPiece[], notes: Notes, what: string): string[] | undefined {
  const shape = splitComponents(template);
  if (!shape) return undefined;
  const patterns = tests.filter((t) => t.nfa !== undefined);
  if (patterns.some((t) => t.components === undefined)) return undefined;
  const perComponent: string[][] = [];
  for (let i = 0; i < 6; i++) {
    const walk = productWitnesses(patterns.map((t) => globNfa(t.components![i]!)), [globNfa(shape[i]!)]);
    if (walk.truncated) notes.add(`the patterns of ${what} have too many combinations to walk them all`);
    perComponent.push([...walk.witnesses.values()]);
  }
  const total = perComponent.reduce((n, c) => n * c.length, 1);
  if (total > 20_000) {
    notes.add(`the patterns of ${what} combine in more than 20,000 ways: only some combinations were tried`);
  }
  const out: string[] = [];
  const pick = (i: number, acc: string[]): void => {
    if (out.length >= 20_000) return;
    if (i === 6) {
      out.push(acc.join(':'));
      return;
    }
    for (const w of perComponent[i]!) pick(i + 1, [...acc, w]);
  };
  pick(0, []);
  return out;
}

/** Witnesses of one group of string-like tests: seeds first (readable), then the product walk. */
function stringWitnesses(tests: readonly ValueTest[], required: readonly Nfa[], seeds: readonly string[], valid: (v: string) => boolean, notes: Notes, what: string): string[] {
  const nfas = tests.map((t) => t.nfa!).filter(Boolean);
  const walk = productWitnesses(nfas, required);
  if (walk.truncated) notes.add(`the patterns of ${what} have too many combinations to walk them all`);
  return [...seeds.filter(valid), ...walk.witnesses.values()];
}

/** Deduplicates candidates by signature, keeping the first (most readable) of each. */
function bySignature(candidates: readonly string[], signature: (v: string) => string): { values: string[]; index: Map<string, number> } {
  const index = new Map<string, number>();
  const values: string[] = [];
  for (const c of candidates) {
    const s = signature(c);
    if (index.has(s)) continue;
    index.set(s, values.length);
    values.push(c);
  }
  return { values, index };
}

const dimensionCache = new Map<string, { value: Dimension; notes: string[] }>();
const objectIds = new WeakMap<object, number>();
const objectId = (o: object): number => {
  let id = objectIds.get(o);
  if (id === undefined) objectIds.set(o, (id = nextId++));
  return id;
};

/** A key's dimension depends only on the value tests made of it (and the hints): shared across actions and principals. */
function keyDimension(keyLower: string, spelling: string, tests: readonly ConditionTest[], sides: readonly Side[], hints: Hints, notes: Notes): Dimension {
  const own: Notes = new Set();
  const valueTests: ValueTest[] = [];
  for (const side of sides) for (const t of tests) valueTests.push(...conditionValueTests(t, side.fixed, own));
  const unique = [...new Set(valueTests)];
  const key = `${keyLower}|${objectId(hints)}|${unique.map(objectId).join(',')}|${[...own].join(';')}`;
  let hit = dimensionCache.get(key);
  if (!hit) {
    const dimNotes: Notes = new Set(own);
    hit = { value: buildKeyDimension(keyLower, spelling, unique, hints, dimNotes), notes: [...dimNotes] };
    if (dimensionCache.size > 100_000) dimensionCache.clear();
    dimensionCache.set(key, hit);
  }
  for (const n of hit.notes) notes.add(n);
  return hit.value;
}

function buildKeyDimension(keyLower: string, spelling: string, valueTests: readonly ValueTest[], hints: Hints, notes: Notes): Dimension {
  const groups = [...new Set(valueTests.map((t) => t.group))];
  const stringLike = groups.filter((g) => g === 'string' || g === 'arn');
  const others = groups.filter((g) => g !== 'string' && g !== 'arn');
  if (others.length + (stringLike.length > 0 ? 1 : 0) > 1) notes.add(`\`${spelling}\` is compared as ${groups.join(' and ')}: its classes are the union of each family's`);
  const mixed = others.length + (stringLike.length > 0 ? 1 : 0) > 1;
  const valid = (v: string): boolean => mixed || groups.every((g) => validFor(g as ValueGroup, v));
  const candidates: string[] = [];
  if (stringLike.length > 0) {
    const sl = valueTests.filter((t) => t.group === 'string' || t.group === 'arn');
    const required = groups.includes('arn') && !mixed ? [ARN_SHAPE] : [];
    candidates.push(...stringWitnesses(sl, required, [...(hints.get(keyLower) ?? []), ...sl.flatMap((t) => t.seeds), 'other'], valid, notes, `\`${spelling}\``));
  }
  for (const g of others) candidates.push(...orderedCandidates(g, valueTests.filter((t) => t.group === g)));
  if (candidates.length === 0) candidates.push(...(hints.get(keyLower) ?? []), 'true'); // Null tests only: any value is "present"
  const signature = (v: string): string => valueTests.map((t) => t.predicate(v)).join('');
  const elements = bySignature(candidates.filter(valid), signature);
  const multivalued = isMultivaluedKey(keyLower);
  const values: (ContextValue | undefined)[] = [undefined];
  let classify: (v: ContextValue | undefined) => number;
  if (!multivalued) {
    values.push(...elements.values);
    classify = (v) => {
      if (v === undefined || (Array.isArray(v) && v.length === 0)) return 0;
      if (Array.isArray(v) && v.length > 1) return -2;
      const s = typeof v === 'string' ? v : v[0]!;
      if (!valid(s)) return -2;
      const i = elements.index.get(signature(s));
      return i === undefined ? -1 : i + 1;
    };
  } else {
    values.push([]);
    const m = elements.values.length;
    const subsets: number[][] = [];
    if (m <= MAX_SET_ELEMENTS) {
      for (let mask = 1; mask < 1 << m; mask++) subsets.push([...Array(m).keys()].filter((i) => (mask >> i) & 1));
      subsets.sort((a, b) => a.length - b.length);
    } else {
      notes.add(`\`${spelling}\` has ${m} kinds of element: only sets of one, two and all of them are represented`);
      for (let i = 0; i < m; i++) subsets.push([i]);
      for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) subsets.push([i, j]);
      subsets.push([...Array(m).keys()]);
    }
    const setIndex = new Map<string, number>();
    for (const s of subsets) {
      setIndex.set(s.join(','), values.length);
      values.push(s.map((i) => elements.values[i]!));
    }
    classify = (v) => {
      if (v === undefined) return 0;
      const list = typeof v === 'string' ? [v] : v;
      if (list.length === 0) return 1;
      const kinds = new Set<number>();
      for (const item of list) {
        if (!valid(item)) return -2;
        const i = elements.index.get(signature(item));
        if (i === undefined) return -1;
        kinds.add(i);
      }
      return setIndex.get([...kinds].sort((a, b) => a - b).join(',')) ?? -1;
    };
  }
  return { key: keyLower, spelling, values, classify };
}

const homes = new Map<string, Template>();

/** `arn:<partition>:*:*:<account>:*` of the caller: matches exactly the resources of its own account. */
function homeOf(principalArn: string): Template | undefined {
  const parts = principalArn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[4] === '') return undefined;
  const raw = `arn:${parts[1]}:*:*:${parts[4]}:*`;
  let t = homes.get(raw);
  if (!t) homes.set(raw, (t = { raw, parts: [{ kind: 'text', text: raw }], hasVariables: false }));
  return t;
}

const STAR_RESOURCE: Dimension = { key: 'resource', spelling: 'resource', values: ['*'], classify: (v) => (v === '*' ? 0 : -2) };

function resourceDimension(action: string, statements: readonly Statement[], sides: readonly Side[], hints: Hints, notes: Notes): Dimension {
  const known = findAction(action);
  const templates = known ? resourceArnsOfAction(known) : [];
  if (templates.length === 0) return STAR_RESOURCE;
  const own: Notes = new Set();
  const all: ValueTest[] = [];
  for (const side of sides) for (const s of statements) for (const p of s.resource.patterns) all.push(resourcePatternTest(p, side.fixed, own));
  // The engine also asks whether the resource is in the caller's own account and partition (E0).
  for (const side of sides) {
    const home = homeOf(side.principalArn);
    if (home) all.push(arnPatternTest(home, side.fixed, own));
  }
  const tests = [...new Set(all)];
  const key = `resource|${templates.map((t) => t.arn).join(' ')}|${objectId(hints)}|${tests.map(objectId).join(',')}|${[...own].join(';')}`;
  let hit = dimensionCache.get(key);
  if (!hit) {
    const dimNotes: Notes = new Set(own);
    hit = { value: buildResourceDimension(action, templates, tests, hints, dimNotes), notes: [...dimNotes] };
    dimensionCache.set(key, hit);
  }
  for (const n of hit.notes) notes.add(n);
  return hit.value;
}

function buildResourceDimension(action: string, templates: readonly { readonly arn: string }[], tests: readonly ValueTest[], hints: Hints, notes: Notes): Dimension {
  const shapes = templates.map((t) => templatePieces(t.arn));
  const shapeNfas = shapes.map((p) => globNfa(p));
  const inShape = (v: string): boolean => isArn(v) && shapeNfas.some((n) => nfaMatches(n, v));
  const candidates: string[] = [...(hints.get('resource') ?? [])];
  const what = `the resource of \`${action}\``;
  shapes.forEach((shape, i) => candidates.push(...(arnWitnesses(tests, shape, notes, what) ?? stringWitnesses(tests, [shapeNfas[i]!, ARN_SHAPE], [], () => true, notes, what))));
  const signature = (v: string): string => tests.map((t) => t.predicate(v)).join('');
  const { values, index } = bySignature(candidates.filter(inShape), signature);
  return {
    key: 'resource',
    spelling: 'resource',
    values,
    classify: (v) => {
      if (typeof v !== 'string' || !inShape(v)) return -2;
      return index.get(signature(v)) ?? -1;
    },
  };
}

const policyIds = new WeakMap<object, number>();
const variableKeys = new WeakMap<object, string[]>();

/** The principal attributes a policy's variables read: the only part of `fixed` that can change its classes. */
function variablesOf(policy: Policy): string[] {
  let keys = variableKeys.get(policy);
  if (!keys) {
    const set = new Set<string>();
    for (const s of policy.statements) {
      for (const t of [...s.resource.patterns, ...s.conditions.flatMap((c) => c.values)]) for (const p of t.parts) if (p.kind === 'variable') set.add(p.key);
    }
    variableKeys.set(policy, (keys = [...set].sort()));
  }
  return keys;
}

function sideKey(side: Side): string {
  const policies = [...(side.policies.scp ?? []).flat(), ...side.policies.identity, ...(side.policies.boundary ?? []), ...(side.policies.session ?? [])];
  const ids = policies.map((p) => {
    let id = policyIds.get(p);
    if (id === undefined) policyIds.set(p, (id = nextId++));
    return id;
  });
  const vars = [...new Set(policies.flatMap(variablesOf))].map((k) => `${k}=${JSON.stringify(side.fixed.get(k) ?? null)}`);
  return `${ids.join(',')}|${(side.policies.scp ?? []).map((l) => l.length).join(',')}|${side.policies.boundary?.length ?? 0}|${side.policies.session?.length ?? 0}|${vars.join('&')}`;
}

const spaces = new Map<string, ClassSpace>();
const hintIds = new WeakMap<Hints, number>();

/**
 * Builds the classes of `action` over the union of the sides' statements (a refinement valid for each
 * side). Spaces are remembered by the policies and the principal attributes their variables read, so
 * principals that share policies (a group of a thousand users) share one space.
 */
export function buildClassSpace(action: string, sides: readonly Side[], hints: Hints = new Map()): ClassSpace {
  let h = hintIds.get(hints);
  if (h === undefined) hintIds.set(hints, (h = nextId++));
  const key = `${action}#${h}#${sides.map(sideKey).join('#')}`;
  let space = spaces.get(key);
  if (!space) {
    if (spaces.size > 50_000) spaces.clear();
    spaces.set(key, (space = buildSpace(action, sides, hints)));
  }
  return space;
}

function buildSpace(action: string, sides: readonly Side[], hints: Hints): ClassSpace {
  const actionLower = action.toLowerCase();
  const notes: Notes = new Set();
  const statements = sides.flatMap((s) => relevantStatements(s.policies, actionLower));
  const byKey = new Map<string, { spelling: string; tests: ConditionTest[] }>();
  for (const s of statements) {
    for (const c of s.conditions) {
      if (isPrincipalKey(c.keyLower)) continue;
      const entry = byKey.get(c.keyLower) ?? { spelling: c.key, tests: [] };
      entry.tests.push(c);
      byKey.set(c.keyLower, entry);
    }
  }
  const resource = resourceDimension(action, statements, sides, hints, notes);
  const keys = [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, e]) => keyDimension(k, e.spelling, e.tests, sides, hints, notes));
  const size = [resource, ...keys].reduce((n, d) => n * d.values.length, 1);
  if (size > MAX_CLASSES) notes.add(`${size.toLocaleString('en')} classes exceed the bound of ${MAX_CLASSES.toLocaleString('en')}: a covering sample of them was decided`);
  return { action, resource, keys, size, approximate: [...notes].sort(), enumerated: Math.min(size, MAX_CLASSES) };
}

/** The class indices (one per dimension, resource first) of the n-th class. */
function coordinates(space: ClassSpace, n: number): number[] {
  const dims = [space.resource, ...space.keys];
  const out: number[] = [];
  let rest = n;
  for (const d of dims) {
    out.push(rest % d.values.length);
    rest = Math.floor(rest / d.values.length);
  }
  return out;
}

/** Identifies a class by its coordinates. */
export type ClassId = string;

/** Every class of the space (or a covering sample when it exceeds the bound): id and coordinates. */
export function* classesOf(space: ClassSpace): Generator<{ id: ClassId; coords: number[] }> {
  if (space.size <= MAX_CLASSES) {
    for (let n = 0; n < space.size; n++) {
      const coords = coordinates(space, n);
      yield { id: coords.join('.'), coords };
    }
    return;
  }
  // Every value of every dimension with the others at their first value, then an even spread.
  const dims = [space.resource, ...space.keys];
  const seen = new Set<string>();
  const emit = function* (coords: number[]): Generator<{ id: ClassId; coords: number[] }> {
    const id = coords.join('.');
    if (!seen.has(id)) {
      seen.add(id);
      yield { id, coords };
    }
  };
  for (let d = 0; d < dims.length; d++) for (let v = 0; v < dims[d]!.values.length; v++) yield* emit(dims.map((_, i) => (i === d ? v : 0)));
  const stride = Math.max(1, Math.floor(space.size / MAX_CLASSES));
  for (let n = 0; n < space.size && seen.size < MAX_CLASSES; n += stride) yield* emit(coordinates(space, n));
}

/** The concrete request that represents a class, as `side`'s principal makes it. */
export function representative(space: ClassSpace, coords: readonly number[], side: Side): Request {
  const context = new Map<string, ContextValue>(side.fixed);
  const spelling = new Map<string, string>(side.spelling);
  space.keys.forEach((d, i) => {
    const v = d.values[coords[i + 1]!];
    if (v !== undefined) {
      context.set(d.key, v);
      spelling.set(d.key, d.spelling);
    }
  });
  return { principal: side.principalArn, action: space.action, resource: space.resource.values[coords[0]!] as string, context, contextKeySpelling: spelling };
}

/**
 * Representatives of many classes without allocating one request each: the cursor keeps one request
 * and rewrites only its resource and the keys of the space. The request it returns is valid until the
 * next call (the engine reads it synchronously and keeps nothing).
 */
export class RequestCursor {
  private readonly context: Map<string, ContextValue>;
  private readonly request: { principal: string; action: string; resource: string; context: Map<string, ContextValue>; contextKeySpelling: Map<string, string> };
  constructor(
    private readonly space: ClassSpace,
    side: Side,
  ) {
    this.context = new Map(side.fixed);
    const spelling = new Map(side.spelling);
    for (const d of space.keys) spelling.set(d.key, d.spelling);
    this.request = { principal: side.principalArn, action: space.action, resource: '', context: this.context, contextKeySpelling: spelling };
  }
  at(coords: readonly number[]): Request {
    const { space, context } = this;
    this.request.resource = space.resource.values[coords[0]!] as string;
    for (let i = 0; i < space.keys.length; i++) {
      const d = space.keys[i]!;
      const v = d.values[coords[i + 1]!];
      if (v === undefined) context.delete(d.key);
      else context.set(d.key, v);
    }
    return this.request;
  }
}

/** The class a concrete request falls in: its id, `missing` when no class holds it, `outside` when it is not in the space. */
export function classify(space: ClassSpace, request: Request): ClassId | 'missing' | 'outside' {
  const coords = [space.resource.classify(request.resource), ...space.keys.map((d) => d.classify(request.context.get(d.key)))];
  if (coords.includes(-2)) return 'outside';
  if (coords.includes(-1)) return 'missing';
  return coords.join('.');
}

/** The request's context as a plain record (key spelling as written), for reports and `simulate` cases. */
export function contextRecord(request: Request): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {};
  for (const [k, v] of request.context) out[request.contextKeySpelling.get(k) ?? k] = v;
  return out;
}
