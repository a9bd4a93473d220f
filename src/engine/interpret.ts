import type { AuthorizationResult, CannotDecide, Policy, PolicyKind, Request, StatementOutcome, StatementRef } from '../model';
import { decideWithUnknowns, determiningOf, planLayers, type LayerHits, type LayerPlan, type StatementDetermining } from './combine';
import { crossAccountOf } from './cross-account';
import { evaluateStatement } from './evaluate-statement';
import { principalKind, type PrincipalKind } from './principal';

/** The policies in force for one request, grouped by layer. */
export interface PolicySet {
  readonly identity: readonly Policy[];
  /** Permissions boundary; absent or empty = no boundary. */
  readonly boundary?: readonly Policy[];
  /** SCP levels, root first; each level needs an Allow. Absent or empty = SCPs not in scope. */
  readonly scp?: readonly (readonly Policy[])[];
  /** Session policies; absent or empty = none. */
  readonly session?: readonly Policy[];
}

export interface Layer {
  readonly kind: PolicyKind;
  readonly level?: number;
  readonly policies: readonly Policy[];
}

/** How a statement is named in a decision (shared with decide-once.ts, so both name it alike). */
export function refOf(policy: Policy, index: number, layer: { readonly level?: number }): StatementRef {
  const s = policy.statements[index]!;
  return {
    policy: policy.name,
    kind: policy.kind,
    ...(layer.level !== undefined ? { level: layer.level } : {}),
    statementIndex: s.index,
    ...(s.sid !== undefined ? { sid: s.sid } : {}),
    effect: s.effect,
    source: s.source,
  };
}

/** The layers of a policy set that apply to this kind of caller, in the order the evaluators walk them. */
export function policyLayers(kind: PrincipalKind | undefined, policies: PolicySet): LayerPlan<Layer> {
  const has = (docs: readonly Policy[] | undefined): docs is readonly Policy[] => docs !== undefined && docs.length > 0;
  return planLayers<Layer>(
    kind,
    (policies.scp ?? []).map((level, i) => ({ kind: 'scp', level: i, policies: level })),
    { kind: 'identity', policies: policies.identity },
    has(policies.boundary) ? { kind: 'boundary', policies: policies.boundary } : undefined,
    has(policies.session) ? { kind: 'session', policies: policies.session } : undefined,
  );
}

/**
 * The reference evaluator: walks every statement of every layer and records why each did or did not
 * apply. It defines the semantics; the compiled path must agree with it, and `--explain` uses it.
 */
export function interpret(request: Request, policies: PolicySet, options: { readonly explain?: boolean } = {}): AuthorizationResult {
  const plan = policyLayers(principalKind(request.principal), policies);
  const actionLower = request.action.toLowerCase();
  const outcomes: StatementOutcome[] = [];
  const missing = new Map<string, string>();
  const hits: LayerHits[] = plan.layers.map((layer) => {
    const allows: StatementDetermining[] = [];
    const denies: StatementDetermining[] = [];
    const unknownAllows: CannotDecide[] = [];
    const unknownDenies: CannotDecide[] = [];
    for (const policy of layer.policies) {
      policy.statements.forEach((statement, i) => {
        const e = evaluateStatement(statement, request, actionLower);
        for (const key of e.missingKeys) if (!missing.has(key.toLowerCase())) missing.set(key.toLowerCase(), key);
        const deny = statement.effect === 'Deny';
        if (e.applies) (deny ? denies : allows).push(determiningOf(refOf(policy, i, layer)));
        else if (e.unknown) (deny ? unknownDenies : unknownAllows).push(e.unknown);
        if (options.explain) outcomes.push({ statement: refOf(policy, i, layer), applies: e.applies, reasons: e.reasons, conditions: e.conditions });
      });
    }
    return { layer, allows, denies, unknownAllows, unknownDenies };
  });
  const result = decideWithUnknowns(hits, plan, [...missing.values()], crossAccountOf(request));
  return result.kind === 'decision' && options.explain ? { ...result, statements: outcomes } : result;
}
