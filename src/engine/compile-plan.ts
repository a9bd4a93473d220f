import type { Request } from '../model';
import type { InlineCondition } from './compile-condition';
import { matchResourcePattern, type ResourcePattern } from './resource-pattern';

/**
 * Generated code for the statements one action can meet (issue 16): one straight-line function per
 * action plan that checks each candidate's resource and conditions inline, so a decision makes no
 * call per statement or per condition through a closure the engine cannot inline, and allocates
 * nothing. It computes exactly what the closure path (`statementApplies` in compiled-set.ts) computes:
 * the bits of the candidates that applied, with the same missing keys recorded in the same order, or
 * `TAKE_GENERAL_PATH` where that path would meet a statement it cannot decide.
 *
 * Safety: the source text is built from this file's own fragments and decimal numbers only. Every
 * policy string (keys, values, ARN patterns) and every helper reaches the code as an element of the
 * constants array, never as text: no policy can change what the code does. The code is pure and
 * deterministic, like the rest of the engine.
 */

/** The candidate statement as the generator needs it. */
export interface PlanStatement {
  /** The statement needs the closure path for its resource (policy variables): `applies` is called. */
  readonly general: boolean;
  readonly applies: (request: Request, scratch: RecordSink) => boolean | object;
  readonly anyResource: boolean;
  readonly resources: readonly (ResourcePattern | 'star' | undefined)[];
  readonly resourceNegated: boolean;
  readonly conditions: readonly PlanCondition[];
}

/** A condition inline, or (with variables) its compiled `evaluate`. */
export type PlanCondition = { readonly inline: InlineCondition } | { readonly evaluate: (request: Request, scratch: RecordSink) => boolean | object };

export interface RecordSink {
  record(readId: number): void;
}

/** Applied bits (one per candidate, candidate 0 the lowest), or this: decide this request the general way. */
export const TAKE_GENERAL_PATH = -1;

export type PlanEvaluator = (request: Request, scratch: RecordSink) => number;

/** The most candidates one evaluator handles: their bits must fit one small integer. */
export const MAX_GENERATED_CANDIDATES = 30;

/** The generated source and its constants, separately, so a test can read what was generated. */
export interface GeneratedPlan {
  readonly source: string;
  readonly constants: readonly unknown[];
}

export function generatePlan(candidates: readonly PlanStatement[]): GeneratedPlan | undefined {
  if (candidates.length > MAX_GENERATED_CANDIDATES) return undefined;
  const constants: unknown[] = [];
  const constant = (value: unknown): string => {
    constants.push(value);
    return `c${constants.length - 1}`;
  };
  const matchPattern = constant(matchResourcePattern);
  // Each key the inline conditions read is looked up once, all at the start: the look-ups are independent, so
  // the processor overlaps their cache misses (a request's context is rarely in cache). Missing keys are still
  // recorded where each condition stands, in the order the interpreter meets them.
  const keyNames = new Map<string, string>();
  const lookup = (key: string): string => {
    let name = keyNames.get(key);
    if (name === undefined) keyNames.set(key, (name = `x${keyNames.size}`));
    return name;
  };
  const body: string[] = [];
  candidates.forEach((s, i) => {
    const bit = String(2 ** i);
    if (s.general) {
      body.push(`r = ${constant(s.applies)}(request, scratch);`, `if (r === true) applied |= ${bit}; else if (r !== false) return ${TAKE_GENERAL_PATH};`);
      return;
    }
    const inner: string[] = [];
    if (s.conditions.length === 0) inner.push(`applied |= ${bit};`);
    else {
      inner.push('f = false;', 'u = false;');
      for (const c of s.conditions) inner.push(...conditionCode(c, constant, lookup));
      inner.push(`if (!f) { if (u) return ${TAKE_GENERAL_PATH}; applied |= ${bit}; }`);
    }
    if (s.anyResource) body.push(...inner);
    else body.push(`if (${resourceTest(s, constant, matchPattern)}) {`, ...inner.map((l) => `  ${l}`), '}');
  });
  const lookups = [...keyNames].map(([key, name]) => `  const ${name} = context.get(${constant(key)});`);
  const names = constants.map((_, i) => `c${i}`);
  const source = [
    `const [${names.join(', ')}] = constants;`,
    'return function evaluatePlan(request, scratch) {',
    '  const context = request.context;',
    '  const resource = request.resource;',
    "  const resourceIsArn = resource !== '*';",
    ...lookups,
    '  let applied = 0, v, m, r, f, u;',
    ...body.map((l) => `  ${l}`),
    '  return applied;',
    '};',
  ].join('\n');
  return { source, constants };
}

/**
 * Compiled sources by text: the text holds only the plan's shape (constants are passed in), and policy sets
 * compiled side by side (the matrix's groups, a store and its mutants) repeat shapes, so one compiled function
 * serves them all, and its optimised code too. Bounded.
 */
const factories = new Map<string, (constants: readonly unknown[]) => PlanEvaluator>();
const MAX_FACTORIES = 512;

/** Builds the evaluator; undefined where code cannot be generated (too many candidates, or a host that forbids it). */
export function planEvaluator(candidates: readonly PlanStatement[]): PlanEvaluator | undefined {
  const plan = generatePlan(candidates);
  if (!plan) return undefined;
  let factory = factories.get(plan.source);
  if (!factory) {
    try {
      // The one place the engine builds code: see the safety note above (no policy text in the source).
      factory = new Function('constants', plan.source) as (constants: readonly unknown[]) => PlanEvaluator;
    } catch {
      return undefined; // e.g. --disallow-code-generation-from-strings: the closure path decides alike
    }
    if (factories.size < MAX_FACTORIES) factories.set(plan.source, factory);
  }
  return factory(plan.constants);
}

/** The statement's Resource (or NotResource) lets the request's resource through (R1–R9), as an expression. */
function resourceTest(s: PlanStatement, constant: (v: unknown) => string, matchPattern: string): string {
  const listed: string[] = [];
  for (const p of s.resources) {
    if (p === 'star') listed.push('true');
    else if (p === undefined) throw new Error('INVARIANT: a Resource entry with variables takes the general path');
    else if (p.kind === 'exact') listed.push(`(resourceIsArn && resource === ${constant(p.text)})`);
    else if (p.kind === 'prefix') listed.push(`(resourceIsArn && resource.startsWith(${constant(p.text)}))`);
    else listed.push(`(resourceIsArn && ${matchPattern}(${constant(p)}, resource))`);
  }
  const any = listed.length === 0 ? 'false' : listed.join(' || ');
  return s.resourceNegated ? `!(${any})` : `(${any})`;
}

/** One condition: sets `f` when it fails, `u` when its result cannot be known; records the missing key. */
function conditionCode(c: PlanCondition, constant: (v: unknown) => string, lookup: (key: string) => string): string[] {
  if (!('inline' in c)) return [`r = ${constant(c.evaluate)}(request, scratch);`, 'if (r === false) f = true; else if (r !== true) u = true;'];
  const t = c.inline;
  const lines = [`v = ${lookup(t.key)};`];
  if (t.kind === 'null') {
    // Absent, or an empty list (C12): "true" asks for that, "false" for a present key.
    const absent = t.whenAbsent ? '' : ' f = true;';
    const present = t.whenPresent ? '' : ' f = true;';
    lines.push(`if (v === undefined) { scratch.record(${t.keyRead});${absent} }`, `else if (typeof v === 'string' || v.length > 0) {${present} }`, `else {${absent} }`);
    return lines;
  }
  const keyRead = String(t.keyRead);
  lines.push(`if (v === undefined) { scratch.record(${keyRead});${t.absent ? '' : ' f = true;'} }`);
  const judge = constant(t.judge);
  const positive = constant(t.positive);
  const general = `{ r = ${judge}(v, ${positive}); if (r === false) f = true; else if (r !== true) u = true; }`;
  if (t.single) {
    // The positive comparison's answer m fails the test when it equals `negated`; anything not boolean is an invalid value.
    const compare = t.equals !== undefined ? `m = v === ${constant(t.equals)};` : `m = ${positive}(v);`;
    lines.push(`else if (typeof v === 'string') { ${compare} if (m === ${t.negated}) f = true; else if (m !== ${!t.negated}) u = true; }`);
  }
  lines.push(`else ${general}`);
  return lines;
}
