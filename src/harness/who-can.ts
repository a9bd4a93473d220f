import type { ClaimRecord } from '../model';
import type { PolicyStore, StoredResource } from '../load/store-types';
import { evaluate, type Evaluation } from './evaluate';
import { nearMatches } from './near-misses';
import type { ScenarioSettings } from './scenario-settings';
import { variationsFrom } from './variations';

export interface OnlyCanResult {
  readonly passed: boolean;
  /** Every evaluation made (principal × resource), for the reports. */
  readonly evaluations: readonly Evaluation[];
  /** Evaluations that contradict the claim: someone else allowed, or a named principal not allowed. */
  readonly violations: readonly Evaluation[];
}

const isAllowed = (e: Evaluation): boolean => e.result.kind === 'decision' && e.result.decision === 'Allowed';

/**
 * "Only <principals> can <action> on <resources>", checked over every principal of the store:
 * the named principals are allowed on every resource, and no one else is allowed on any.
 */
export function onlyCan(store: PolicyStore, allowed: readonly string[], action: string, resources: readonly (StoredResource | '*')[], settings: ScenarioSettings): OnlyCanResult {
  const evaluations: Evaluation[] = [];
  const violations: Evaluation[] = [];
  for (const principal of store.principals.values()) {
    const shouldBeAllowed = allowed.includes(principal.name);
    for (const resource of resources) {
      const e = evaluate(store, principal, { action, resource }, settings);
      evaluations.push(e);
      if (isAllowed(e) !== shouldBeAllowed) violations.push(e);
    }
  }
  return { passed: violations.length === 0, evaluations, violations };
}

/** What each decision of a who-can check expected, in a scenario's words, so it is recorded as an assertion. */
export function onlyCanExpectation(allowed: readonly string[], evaluation: Evaluation): { expected: string; passed: boolean } {
  const should = allowed.includes(evaluation.principal.name);
  return { expected: should ? 'allowed' : 'denied', passed: isAllowed(evaluation) === should };
}

export interface ClaimInput {
  readonly kind: ClaimRecord['kind'];
  readonly text: string;
  readonly action: string;
  readonly allowed: readonly string[];
  /** The selector as written (`brokers tagged environment=production`, `*`). */
  readonly selector: string;
  readonly resources: readonly (StoredResource | '*')[];
  readonly result: OnlyCanResult;
  /** A one-line reason per violation (the step's own wording). */
  readonly violationLines: readonly string[];
}

/**
 * The claim as data: what it covered (every principal of the store, the selected resources, the
 * context), its verdict, and the resources its tag selector nearly matched with who is allowed on them.
 * The near misses are decided by the same engine under the same settings as the claim itself.
 */
export function claimRecord(store: PolicyStore, input: ClaimInput, settings: ScenarioSettings): ClaimRecord {
  const named = input.resources.filter((r): r is StoredResource => r !== '*');
  const first = input.result.evaluations[0];
  const context = first ? (variationsFrom(store, first).variations ?? []).filter((v) => !v.includes(' in place of ')) : [];
  const replaced = first ? (variationsFrom(store, first).variations ?? []).filter((v) => v.includes(' in place of ')) : [];
  const nearMisses = nearMatches(store, input.selector).map(({ resource, reason }) => ({
    resource: resource.name,
    arn: resource.arn,
    tags: resource.tags,
    reason,
    allowed: [...store.principals.values()].filter((p) => isAllowed(evaluate(store, p, { action: input.action, resource }, settings))).map((p) => p.name),
  }));
  return {
    kind: input.kind,
    text: input.text,
    action: input.action,
    allowed: [...input.allowed],
    principals: { scope: 'all', names: [...store.principals.keys()] },
    resources: { selector: input.selector, names: input.resources.map((r) => (r === '*' ? '*' : r.name)), arns: input.resources.map((r) => (r === '*' ? '*' : r.arn)) },
    context: [...replaced, ...context],
    passed: input.result.passed,
    decisions: input.result.evaluations.length,
    violations: [...input.violationLines],
    nearMisses: named.length > 0 || input.selector !== '*' ? nearMisses : [],
  };
}
