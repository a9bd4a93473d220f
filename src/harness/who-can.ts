import type { PolicyStore, StoredResource } from '../load/store-types';
import { evaluate, type Evaluation } from './evaluate';
import type { ScenarioSettings } from './scenario-settings';

export interface OnlyCanResult {
  readonly passed: boolean;
  /** Every evaluation made (principal × resource), for the reports. */
  readonly evaluations: readonly Evaluation[];
  /** Evaluations that contradict the claim: someone else allowed, or a named principal not allowed. */
  readonly violations: readonly Evaluation[];
}

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
      const isAllowed = e.result.kind === 'decision' && e.result.decision === 'Allowed';
      if (isAllowed !== shouldBeAllowed) violations.push(e);
    }
  }
  return { passed: violations.length === 0, evaluations, violations };
}
