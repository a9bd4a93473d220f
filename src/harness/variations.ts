import type { ContextValue, DecisionRecord } from '../model';
import type { PolicyStore } from '../load/store-types';
import type { Evaluation } from './evaluate';
import { policySetFor } from './evaluate';
import { requestContext } from './request-context';
import { DEFAULT_SETTINGS } from './scenario-settings';

const show = (v: ContextValue | undefined): string => (v === undefined ? 'absent' : typeof v === 'string' ? v : `[${v.join(', ')}]`);

function namesOf(set: Evaluation['policies']): string[] {
  return [...set.identity, ...(set.boundary ?? []), ...(set.session ?? [])].map((p) => p.name);
}

/**
 * How an evaluation's request departs from the one the access matrix makes for the same principal,
 * action and resource: the store's own policies and the default context (DEFAULT_SETTINGS, no request
 * tags). Computed by the same functions the matrix uses, so "no variation" means the same request.
 */
export function variationsFrom(store: PolicyStore, evaluation: Evaluation): Pick<DecisionRecord, 'variations' | 'scenarioPolicies'> {
  const principal = store.principals.get(evaluation.principal.name);
  const written = namesOf(evaluation.policies).filter((n) => !store.policies.has(n));
  if (!principal || principal.arn !== evaluation.principal.arn) {
    return { variations: [`${evaluation.principal.name} is written by the scenario, not a principal of the store`], ...(written.length > 0 ? { scenarioPolicies: written } : {}) };
  }
  const out: string[] = [];
  const usual = namesOf(policySetFor(store, principal, DEFAULT_SETTINGS));
  const actual = namesOf(evaluation.policies);
  usual.forEach((name, i) => {
    if (actual[i] !== name) out.push(`${actual[i] ?? 'nothing'} in place of ${name}`);
  });
  const { action, resource } = evaluation.call;
  const expected = requestContext(principal, { action, resource }, DEFAULT_SETTINGS);
  const lower = (r: Readonly<Record<string, ContextValue>>): Map<string, [string, ContextValue]> => new Map(Object.entries(r).map(([k, v]) => [k.toLowerCase(), [k, v]]));
  const want = lower(expected);
  const got = lower(evaluation.context);
  for (const key of new Set([...want.keys(), ...got.keys()])) {
    const w = want.get(key);
    const g = got.get(key);
    if (show(w?.[1]) === show(g?.[1])) continue;
    out.push(`${(g ?? w)![0]} is ${show(g?.[1])}, not ${show(w?.[1])}`);
  }
  return { variations: out, ...(written.length > 0 ? { scenarioPolicies: written } : {}) };
}
