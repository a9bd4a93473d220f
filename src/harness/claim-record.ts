import type { ClaimRecord } from '../model';
import type { PolicyStore, StoredResource } from '../load/store-types';
import { evaluate, type Evaluation } from './evaluate';
import { nearMatches } from './near-misses';
import type { ScenarioSettings } from './scenario-settings';
import { variationsFrom } from './variations';
import type { AccessCheck, OnlyCanResult } from './who-can';

const isAllowed = (e: Evaluation): boolean => e.result.kind === 'decision' && e.result.decision === 'Allowed';

/** An `only … can` result as checks: the named principals are expected allowed, everyone else denied. */
export function onlyCanChecks(allowed: readonly string[], result: OnlyCanResult): AccessCheck[] {
  return result.evaluations.map((evaluation) => {
    const should = allowed.includes(evaluation.principal.name);
    return { evaluation, expected: should ? 'allowed' : 'denied', passed: isAllowed(evaluation) === should };
  });
}

/** What a claim sentence checked, in its own words; claimRecord turns it into the recorded claim. */
export interface ClaimInput {
  readonly kind: ClaimRecord['kind'];
  /** The claim in the scenario's words. */
  readonly text: string;
  /** Every decision the claim made, with what it expected of each. */
  readonly checks: readonly AccessCheck[];
  /** `all`: the claim ranges over every principal (less `excluded`); `named`: over the principals it names. */
  readonly principalScope: 'all' | 'named';
  /** Principals a `nobody except …` claim leaves unchecked. */
  readonly excluded?: readonly string[];
  /** The resource selector as written (`brokers tagged environment=production`, `*`). */
  readonly selector: string;
  readonly resources: readonly (StoredResource | '*')[];
}

/**
 * The claim as data: what it covered (principals, the selected resources, the context), its verdict, and the
 * resources its tag selector nearly matched, with who the engine allows on them under the claim's settings.
 */
export function claimRecord(store: PolicyStore, input: ClaimInput, settings: ScenarioSettings): ClaimRecord {
  const actions = [...new Set(input.checks.map((c) => c.evaluation.call.action))];
  const principals = [...new Set(input.checks.map((c) => c.evaluation.principal.name))];
  const first = input.checks[0]?.evaluation;
  const variations = first ? variationsFrom(store, first).variations ?? [] : [];
  // A claim over every principal includes scenario-built sessions (plain role sessions): that is not a variation of the request.
  const context = variations.filter((v) => !v.includes('written by the scenario'));
  const everyone = [...store.principals.values()];
  const nearMisses = nearMatches(store, input.selector).map(({ resource, reason }) => ({
    resource: resource.name,
    arn: resource.arn,
    tags: resource.tags,
    reason,
    // One entry per principal allowed any of the claim's actions there; with several actions, which ones.
    allowed: everyone.flatMap((p) => {
      const yes = actions.filter((action) => isAllowed(evaluate(store, p, { action, resource }, settings)));
      return yes.length === 0 ? [] : [actions.length === 1 ? p.name : `${p.name} (${yes.join(', ')})`];
    }),
  }));
  const failed = input.checks.filter((c) => !c.passed);
  return {
    kind: input.kind,
    text: input.text,
    action: actions.join(', '),
    allowed: [...new Set(input.checks.filter((c) => c.expected === 'allowed').map((c) => c.evaluation.principal.name))],
    principals: { scope: input.principalScope, names: principals, ...(input.excluded && input.excluded.length > 0 ? { excluded: [...input.excluded] } : {}) },
    resources: { selector: input.selector, names: input.resources.map((r) => (r === '*' ? '*' : r.name)), arns: input.resources.map((r) => (r === '*' ? '*' : r.arn)) },
    context,
    passed: failed.length === 0,
    decisions: input.checks.length,
    violations: failed.map((c) => `${c.evaluation.principal.name} ${c.evaluation.call.action}${c.evaluation.call.resource === '*' ? '' : ` on ${'name' in c.evaluation.call.resource ? c.evaluation.call.resource.name : c.evaluation.call.resource.arn}`}: expected ${c.expected}`),
    nearMisses,
  };
}
