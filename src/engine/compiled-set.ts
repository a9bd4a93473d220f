import { type AuthorizationResult, type CannotDecide, type LayerResult, type Policy, type PolicyKind, type Request, type Statement, type StatementRef } from '../model';
import type { PolicySet } from './interpret';
import { decideWithUnknowns, determiningOf, layerResults, planLayers, type LayerHits, type LayerPlan, type StatementDetermining } from './combine';
import { compileCondition, type CompiledCondition } from './compile-condition';
import { crossAccountOf } from './cross-account';
import { actionMatcher } from './match-action';
import { matchResource } from './match-resource';
import { principalKind, type PrincipalKind } from './principal';
import { MultivaluedVariable } from './variables';
import { templateTokens } from './glob';
import { compileResourcePattern, matchResourcePattern, type ResourcePattern } from './resource-pattern';

interface CompiledStatement {
  readonly deny: boolean;
  readonly determining: StatementDetermining;
  readonly statement: Statement;
  readonly actionMatches: (actionLower: string) => boolean;
  /** Literal patterns pre-tokenised; `undefined` marks a pattern with variables (resolved per request). */
  readonly resources: readonly (ResourcePattern | 'star' | undefined)[];
  readonly resourceNegated: boolean;
  readonly conditions: readonly CompiledCondition[];
}

interface CompiledLayer {
  readonly kind: PolicyKind;
  readonly level?: number;
  readonly results: readonly LayerResult[];
  readonly statements: readonly CompiledStatement[];
  /** Statements whose action part admits an action, memoised per action (the action universe is small). */
  readonly byAction: Map<string, readonly CompiledStatement[]>;
}

/**
 * A policy set compiled for repeated decisions: statements indexed by action, resource patterns and
 * condition values prepared once. It answers exactly what `authorize` answers (without the per-statement
 * explanation); `authorize` stays the reference and the explaining path.
 */
export interface CompiledPolicySet {
  decide(request: Request): AuthorizationResult;
}

function compileStatement(policy: Policy, statement: Statement, kind: PolicyKind, level: number | undefined): CompiledStatement {
  const patterns = statement.action.patterns.map(actionMatcher);
  const negated = statement.action.negated;
  return {
    deny: statement.effect === 'Deny',
    determining: determiningOf({
      policy: policy.name,
      kind,
      ...(level !== undefined ? { level } : {}),
      statementIndex: statement.index,
      ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
      effect: statement.effect,
      source: statement.source,
    }),
    statement,
    actionMatches: (a) => patterns.some((m) => m(a)) !== negated,
    resources: statement.resource.patterns.map((p) => (p.raw === '*' ? 'star' : p.hasVariables ? undefined : compileResourcePattern(templateTokens(p.parts)))),
    resourceNegated: statement.resource.negated,
    conditions: statement.conditions.map(compileCondition),
  };
}

export function compilePolicySet(set: PolicySet): CompiledPolicySet {
  const layer = (kind: PolicyKind, policies: readonly Policy[], level?: number): CompiledLayer => ({
    kind,
    ...(level !== undefined ? { level } : {}),
    results: layerResults(kind, level),
    statements: policies.flatMap((p) => p.statements.map((s) => compileStatement(p, s, kind, level))),
    byAction: new Map(),
  });
  const scp = (set.scp ?? []).map((level, i) => layer('scp', level, i));
  const identity = layer('identity', set.identity);
  const boundary = set.boundary && set.boundary.length > 0 ? layer('boundary', set.boundary) : undefined;
  const session = set.session && set.session.length > 0 ? layer('session', set.session) : undefined;
  const kinds = new Map<string, PrincipalKind | undefined>();
  const plans = new Map<PrincipalKind | undefined, LayerPlan<CompiledLayer>>();
  const planFor = (kind: PrincipalKind | undefined): LayerPlan<CompiledLayer> => {
    let p = plans.get(kind);
    if (!p) plans.set(kind, (p = planLayers(kind, scp, identity, boundary, session)));
    return p;
  };

  const scratch = new Scratch();
  return {
    decide(request: Request): AuthorizationResult {
      let kind = kinds.get(request.principal);
      if (kind === undefined && !kinds.has(request.principal)) kinds.set(request.principal, (kind = principalKind(request.principal)));
      const plan = planFor(kind);
      const actionLower = request.action.toLowerCase();
      scratch.begin();
      const hits: LayerHits[] = [];
      for (const l of plan.layers) {
        let candidates = l.byAction.get(actionLower);
        if (!candidates) l.byAction.set(actionLower, (candidates = l.statements.filter((s) => s.actionMatches(actionLower))));
        let allows: StatementDetermining[] | undefined;
        let denies: StatementDetermining[] | undefined;
        let unknownAllows: CannotDecide[] | undefined;
        let unknownDenies: CannotDecide[] | undefined;
        for (const s of candidates) {
          const r = statementApplies(s, request, scratch);
          if (r === true) {
            if (s.deny) (denies ??= []).push(s.determining);
            else (allows ??= []).push(s.determining);
          } else if (r !== false) {
            if (s.deny) (unknownDenies ??= []).push(r);
            else (unknownAllows ??= []).push(r);
          }
        }
        hits.push({ layer: l, allows: allows ?? NONE, denies: denies ?? NONE, unknownAllows: unknownAllows ?? NONE, unknownDenies: unknownDenies ?? NONE });
      }
      return decideWithUnknowns(hits, plan, scratch.missingKeys(), crossAccountOf(request));
    },
  };
}

/**
 * Per-decision working state, reused across decisions of one compiled set (decide is synchronous,
 * never re-entered), so the hot path allocates no closures.
 */
class Scratch {
  private missing: Map<string, string> | undefined;

  begin(): void {
    this.missing = undefined;
  }

  record(lower: string, written: string): void {
    if (!(this.missing ??= new Map()).has(lower)) this.missing.set(lower, written);
  }

  missingKeys(): readonly string[] {
    return this.missing ? [...this.missing.values()] : NO_KEYS;
  }
}

const NO_KEYS: readonly string[] = [];
const NONE: readonly never[] = [];

/** Resource, then conditions; every condition's keys are checked so missing keys match the interpreter. */
function statementApplies(s: CompiledStatement, request: Request, scratch: Scratch): boolean | CannotDecide {
  let listed = false;
  for (let i = 0; i < s.resources.length; i++) {
    const tokens = s.resources[i];
    if (tokens === 'star') listed = true;
    else if (tokens === undefined) {
      const m = matchResource(s.statement.resource.patterns[i]!, request);
      if (m instanceof MultivaluedVariable) {
        return { kind: 'cannot-decide', code: 'undefined-semantics', message: `policy variable \`${m.key}\` names a multivalued context key; AWS allows only single-valued keys as variables`, source: s.statement.source };
      }
      for (const k of m.missing) scratch.record(k.toLowerCase(), k);
      if (m.matched) listed = true;
    } else {
      if (request.resource !== '*' && matchResourcePattern(tokens, request.resource)) listed = true;
    }
  }
  if (listed === s.resourceNegated) return false;
  let failed = false;
  let unknown: CannotDecide | undefined;
  for (const c of s.conditions) {
    for (const [lower, written, variable] of c.reads) {
      const v = request.context.get(lower);
      if (v === undefined || (variable && typeof v !== 'string' && v.length === 0)) scratch.record(lower, written);
    }
    if (failed) continue;
    const r = c.evaluate(request);
    if (r === false) failed = true;
    else if (r !== true) unknown ??= r;
  }
  if (failed) return false;
  return unknown ?? true;
}

