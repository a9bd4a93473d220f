import type { PolicyStore, StoredResource } from '../load/store-types';
import type { StoredPrincipal } from '../load/store-types';
import type { ActionOnResource } from './action-selection';
import { evaluate, type Evaluation } from './evaluate';
import { everyPrincipal } from './principal-selection';
import type { ScenarioSettings } from './scenario-settings';

export interface OnlyCanResult {
  readonly passed: boolean;
  /** Every evaluation made (principal × resource), for the reports. */
  readonly evaluations: readonly Evaluation[];
  /** Evaluations that contradict the claim: someone else allowed, or a named principal not allowed. */
  readonly violations: readonly Evaluation[];
}

const isAllowed = (e: Evaluation): boolean => e.result.kind === 'decision' && e.result.decision === 'Allowed';

/**
 * "Only <principals> can <action> on <resources>", checked over every principal (users, sessions and each
 * role assumed plainly): the named principals are allowed on every resource, and no one else is allowed on any.
 */
export function onlyCan(store: PolicyStore, allowed: readonly string[], action: string, resources: readonly (StoredResource | '*')[], settings: ScenarioSettings): OnlyCanResult {
  const evaluations: Evaluation[] = [];
  const violations: Evaluation[] = [];
  for (const principal of everyPrincipal(store)) {
    const shouldBeAllowed = allowed.includes(principal.name);
    for (const resource of resources) {
      const e = evaluate(store, principal, { action, resource }, settings);
      evaluations.push(e);
      if (isAllowed(e) !== shouldBeAllowed) violations.push(e);
    }
  }
  return { passed: violations.length === 0, evaluations, violations };
}

/** What a set sentence expects of one principal. */
export type AccessExpected = 'allowed' | 'denied';

/** One decision a set sentence checked: the evaluation, what was expected, and whether it held. */
export interface AccessCheck {
  readonly evaluation: Evaluation;
  readonly expected: AccessExpected;
  readonly passed: boolean;
}

/** The outcome of a set sentence; every check is kept for the reports, failures grouped by action. */
export interface AccessClaimResult {
  readonly passed: boolean;
  readonly checks: readonly AccessCheck[];
  /** Each action on its own, in the order checked: how many decisions, and which did not hold. */
  readonly byAction: readonly { readonly action: string; readonly checked: number; readonly failures: readonly AccessCheck[] }[];
}

/** Decides every (principal, action, resource) and compares it with what the sentence expects of the principal. */
export function claimAccess(store: PolicyStore, who: readonly { readonly principal: StoredPrincipal; readonly expected: AccessExpected }[], pairs: readonly ActionOnResource[], settings: ScenarioSettings): AccessClaimResult {
  const checks: AccessCheck[] = [];
  const byAction = new Map<string, { action: string; checked: number; failures: AccessCheck[] }>();
  for (const { action, resource } of pairs) {
    const entry = byAction.get(action) ?? { action, checked: 0, failures: [] };
    byAction.set(action, entry);
    for (const { principal, expected } of who) {
      const evaluation = evaluate(store, principal, { action, resource }, settings);
      const passed = isAllowed(evaluation) === (expected === 'allowed') && evaluation.result.kind === 'decision';
      const check = { evaluation, expected, passed };
      checks.push(check);
      entry.checked++;
      if (!passed) entry.failures.push(check);
    }
  }
  return { passed: checks.every((c) => c.passed), checks, byAction: [...byAction.values()] };
}

/** "Nobody except <principals> can …": everyone else is denied; the named principals are not checked. */
export function nobodyExcept(store: PolicyStore, except: readonly StoredPrincipal[], pairs: readonly ActionOnResource[], settings: ScenarioSettings): AccessClaimResult {
  const skip = new Set(except.map((p) => p.name));
  const who = everyPrincipal(store)
    .filter((p) => !skip.has(p.name))
    .map((principal) => ({ principal, expected: 'denied' as const }));
  return claimAccess(store, who, pairs, settings);
}

/** "<principal set> can …" / "cannot …": every member, every resource. */
export function membersCan(store: PolicyStore, members: readonly StoredPrincipal[], expected: AccessExpected, pairs: readonly ActionOnResource[], settings: ScenarioSettings): AccessClaimResult {
  return claimAccess(store, members.map((principal) => ({ principal, expected })), pairs, settings);
}
