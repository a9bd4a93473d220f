import { isMultivaluedKey } from '../catalog';
import { readBool, splitArn, type AuthorizationResult, type CannotDecide, type ConditionTest, type Request, type Statement, type Template } from '../model';
import { decideWithUnknowns, determiningOf, type LayerHits, type StatementDetermining } from './combine';
import { evaluateCondition, tokensText } from './conditions';
import { crossAccountOf } from './cross-account';
import { evaluateStatement } from './evaluate-statement';
import { textTokens, type GlobToken } from './glob';
import { policyLayers, refOf, type Layer, type PolicySet } from './interpret';
import { actionMatcher } from './match-action';
import { matchResource } from './match-resource';
import { comparisonOf, type Match } from './operator-tests';
import { principalKind, type PrincipalKind } from './principal';
import { compileResourcePattern, matchResourcePattern, type ResourcePattern } from './resource-pattern';
import { MultivaluedVariable, substitute } from './variables';

/**
 * One decision, without a trace, for a policy set that is asked once (a `mq-policy simulate` case with
 * policies of its own): compiling the set would cost more than it saves, and the reference interpreter
 * builds the outcome of every statement and condition that only `--explain` shows.
 *
 * The answer is the interpreter's, value for value (`interpret(request, policies)`; the laws and the
 * case corpus check it): the same statements apply, the same missing keys are reported in the same
 * order, and the same reasons make a decision impossible. It gets there doing less:
 * - a condition's comparison (the policy values parsed: dates, networks, ARN patterns, base-64) and a
 *   resource pattern's compiled form are kept by their text, so cases that write the same condition or
 *   resource reuse them;
 * - once a statement cannot apply, its remaining conditions are only asked which keys they read;
 * - anything out of the ordinary (policy variables, an escape, a test whose answer cannot be known) is
 *   handed to the interpreter's own function for that one test, which defines the semantics.
 */
export function decideOnce(request: Request, policies: PolicySet): AuthorizationResult {
  const plan = policyLayers(callerKind(request.principal), policies);
  const ask: Asked = { request, actionLower: request.action.toLowerCase(), resourceIsArn: request.resource !== '*' && splitArn(request.resource) !== undefined, keys: [], missing: new Map() };
  const hits: LayerHits[] = plan.layers.map((layer) => {
    const allows: StatementDetermining[] = [];
    const denies: StatementDetermining[] = [];
    const unknownAllows: CannotDecide[] = [];
    const unknownDenies: CannotDecide[] = [];
    for (const policy of layer.policies) {
      const statements = policy.statements;
      for (let i = 0; i < statements.length; i++) {
        const statement = statements[i]!;
        const outcome = statementOutcome(statement, ask);
        const deny = statement.effect === 'Deny';
        if (outcome === true) (deny ? denies : allows).push(determiningOf(refOf(policy, i, layer)));
        else if (outcome !== false) (deny ? unknownDenies : unknownAllows).push(outcome);
      }
    }
    return { layer, allows, denies, unknownAllows, unknownDenies };
  });
  return decideWithUnknowns(hits, plan, [...ask.missing.values()], crossAccountOf(request));
}

/** The request, prepared once, and the missing keys found so far (lower-cased → as written, first spelling wins). */
interface Asked {
  readonly request: Request;
  readonly actionLower: string;
  readonly resourceIsArn: boolean;
  /** The current statement's missing keys, in the interpreter's order, before they are merged into `missing`. */
  readonly keys: string[];
  readonly missing: Map<string, string>;
}

/** Whether the statement applies (true/false), or why that cannot be known; merges its missing keys into `ask.missing`. */
function statementOutcome(statement: Statement, ask: Asked): boolean | CannotDecide {
  const { request, keys } = ask;
  let listed = false;
  for (const p of statement.action.patterns) {
    if (actionMatcher(p)(ask.actionLower)) {
      listed = true;
      break;
    }
  }
  // A statement about other actions reads nothing from this request.
  if (listed === statement.action.negated) return false;

  keys.length = 0;
  let resourceListed = false;
  for (const pattern of statement.resource.patterns) {
    const m = resourceMatches(pattern, ask);
    if (m === true) resourceListed = true;
    else if (m !== false) {
      // The statement cannot be decided, and reports no missing keys: the interpreter says why.
      if (m instanceof MultivaluedVariable) return evaluateStatement(statement, request, ask.actionLower).unknown!;
      if (m.missing.length > 0) keys.push(...m.missing);
      if (m.matched) resourceListed = true;
    }
  }
  if (resourceListed === statement.resource.negated) {
    commit(ask);
    return false;
  }

  let holds = true;
  let unknown: CannotDecide | undefined;
  for (const test of statement.conditions) {
    const r = holds ? conditionOutcome(test, request, keys) : conditionKeys(test, request, keys);
    if (r === false) holds = false;
    else if (r !== true) unknown ??= r;
  }
  commit(ask);
  if (!holds) return false;
  return unknown ?? true;
}

function commit(ask: Asked): void {
  for (const key of ask.keys) {
    const lower = key.toLowerCase();
    if (!ask.missing.has(lower)) ask.missing.set(lower, key);
  }
}

/** true/false for a literal pattern; the interpreter's own answer for one with variables or escapes. */
function resourceMatches(pattern: Template, ask: Asked): boolean | ReturnType<typeof matchResource> {
  if (pattern.raw === '*') return true;
  if (!ask.resourceIsArn) return false;
  const compiled = literalResource(pattern);
  return compiled === undefined ? matchResource(pattern, ask.request) : matchResourcePattern(compiled, ask.request.resource);
}

/**
 * The answer of one condition when it decides the statement: true, false or why it cannot be known;
 * its missing keys go to `keys` exactly when the interpreter would report them.
 */
function conditionOutcome(test: ConditionTest, request: Request, keys: string[]): boolean | CannotDecide {
  const literal = literalComparison(test);
  if (literal === undefined) return viaInterpreter(test, request, keys);
  const v = request.context.get(test.keyLower);
  if (v === undefined) keys.push(test.key);
  const present = v !== undefined && (typeof v === 'string' || v.length > 0);
  if (test.family === 'Null') {
    for (const wantsAbsent of literal.nullWants!) if (wantsAbsent === !present) return true;
    return false;
  }
  if (!present) {
    if (test.ifExists) return true;
    if (test.setQualifier === 'ForAllValues') return true;
    if (test.setQualifier === 'ForAnyValue') return false;
    return test.negated;
  }
  if (test.setQualifier === undefined) {
    // One value under a plain operator; anything else (several values, a multivalued key, a value of the wrong type) the interpreter answers.
    if (typeof v !== 'string' || multivalued(test.key)) return viaInterpreter(test, request, keys);
    const m = literal.compare(v);
    if (typeof m !== 'boolean') return viaInterpreter(test, request, keys);
    return test.negated ? !m : m;
  }
  const values = typeof v === 'string' ? [v] : v!;
  const any = test.setQualifier === 'ForAnyValue';
  let result = !any;
  for (const value of values) {
    const m = literal.compare(value);
    if (typeof m !== 'boolean') return viaInterpreter(test, request, keys);
    const holds = test.negated ? !m : m;
    if (any && holds) result = true;
    else if (!any && !holds) result = false;
  }
  return result;
}

/**
 * A condition after the statement is known not to apply: only the keys it reports matter. A literal
 * test reports its key when the context lacks it and nothing else (it can be unknowable only when the
 * key is present, and then it reports nothing); a test with variables asks the interpreter.
 */
function conditionKeys(test: ConditionTest, request: Request, keys: string[]): boolean | CannotDecide {
  if (literalComparison(test) === undefined) return viaInterpreter(test, request, keys);
  if (request.context.get(test.keyLower) === undefined) keys.push(test.key);
  return false;
}

function viaInterpreter(test: ConditionTest, request: Request, keys: string[]): boolean | CannotDecide {
  const r = evaluateCondition(test, request);
  if ('kind' in r) return r;
  for (const k of r.missingKeys) keys.push(k);
  return r.outcome.result;
}

/** The comparison of a literal test (no variables, no escapes), with Null's wanted presence, kept by its text. */
interface LiteralComparison {
  readonly compare: (value: string) => Match;
  readonly nullWants?: readonly (boolean | undefined)[];
}

/**
 * INVARIANT: each table holds at most MAX_KEPT entries (emptied when full) and keys of at most
 * MAX_KEY_LENGTH characters; longer ones are prepared every time. Entries hold parsed policy values
 * only, never request values, so memory stays bounded whatever the batch holds (a few tens of MB at
 * worst, a few MB for real batches).
 */
const MAX_KEPT = 8192;
const MAX_KEY_LENGTH = 256;

const comparisons = new Map<string, LiteralComparison>();

function literalComparison(test: ConditionTest): LiteralComparison | undefined {
  let key = test.baseOperator;
  for (const v of test.values) {
    if (v.hasVariables || v.raw.includes('${')) return undefined;
    key += `\u0000${v.raw.length}:${v.raw}`;
  }
  let c = key.length <= MAX_KEY_LENGTH ? comparisons.get(key) : undefined;
  if (c === undefined) {
    c = prepare(test);
    if (key.length <= MAX_KEY_LENGTH) {
      if (comparisons.size >= MAX_KEPT) comparisons.clear();
      comparisons.set(key, c);
    }
  }
  return c;
}

/** What the interpreter computes for this test on every request, once: the same substitution, the same comparison. */
function prepare(test: ConditionTest): LiteralComparison {
  const wildcards = test.baseOperator.includes('Like') || test.family === 'Arn';
  const expected = test.values.map((value) => {
    const tokens: GlobToken[] = [];
    for (const part of value.parts) if (part.kind === 'text') textTokens(part.text, wildcards, tokens);
    return { tokens, text: tokensText(tokens) };
  });
  if (test.family === 'Null') return { compare: () => false, nullWants: expected.map((e) => readBool(e.text)) };
  return { compare: comparisonOf(test, expected) };
}

const resources = new Map<string, ResourcePattern>();

/** The compiled form of a pattern without variables or escapes (its whole text is one text part), or undefined. */
function literalResource(pattern: Template): ResourcePattern | undefined {
  const raw = pattern.raw;
  if (pattern.hasVariables || raw.includes('${')) return undefined;
  let compiled = resources.get(raw);
  if (compiled === undefined) {
    const tokens: GlobToken[] = [];
    for (const part of pattern.parts) if (part.kind === 'text') textTokens(part.text, true, tokens);
    compiled = compileResourcePattern(tokens);
    if (raw.length <= MAX_KEY_LENGTH) {
      if (resources.size >= MAX_KEPT) resources.clear();
      resources.set(raw, compiled);
    }
  }
  return compiled;
}

const multivaluedKeys = new Map<string, boolean>();

function multivalued(key: string): boolean {
  let m = multivaluedKeys.get(key);
  if (m === undefined) {
    m = isMultivaluedKey(key);
    if (key.length <= MAX_KEY_LENGTH) {
      if (multivaluedKeys.size >= MAX_KEPT) multivaluedKeys.clear();
      multivaluedKeys.set(key, m);
    }
  }
  return m;
}

const callerKinds = new Map<string, PrincipalKind | undefined>();

/** principalKind, remembered: batches name the same few callers case after case. */
function callerKind(arn: string): PrincipalKind | undefined {
  if (callerKinds.has(arn)) return callerKinds.get(arn);
  const kind = principalKind(arn);
  if (arn.length <= MAX_KEY_LENGTH) {
    if (callerKinds.size >= MAX_KEPT) callerKinds.clear();
    callerKinds.set(arn, kind);
  }
  return kind;
}
