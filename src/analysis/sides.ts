import { catalogData } from '../catalog';
import type { ContextValue } from '../model';
import type { PolicyStore, StoredPrincipal } from '../load/store-types';
// The harness's modules, not its index: that one loads the property laws (and fast-check) as well.
import { policySetFor } from '../harness/evaluate';
import { requestContext } from '../harness/request-context';
import { DEFAULT_SETTINGS } from '../harness/scenario-settings';
import type { Hints, Side } from './request-classes';
import { isPrincipalKey } from './value-tests';

/** A principal as the analysis sees it: its policy set and its own attributes (principals.yaml). */
export function sideOf(store: PolicyStore, principal: StoredPrincipal): Side {
  const fixed = new Map<string, ContextValue>();
  const spelling = new Map<string, string>();
  // The same context the scenarios build, reduced to what the principal itself determines.
  for (const [k, v] of Object.entries(requestContext(principal, { action: 'mq:ListBrokers', resource: '*' }, DEFAULT_SETTINGS))) {
    if (!isPrincipalKey(k.toLowerCase())) continue;
    fixed.set(k.toLowerCase(), v);
    spelling.set(k.toLowerCase(), k);
  }
  return { principalArn: principal.arn, policies: policySetFor(store, principal, DEFAULT_SETTINGS), fixed, spelling };
}

/** Every action the catalog describes in full (Amazon MQ and the EC2, IAM, … actions it models), sorted. */
export function analysedActions(): string[] {
  return Object.entries(catalogData.services).flatMap(([service, s]) => Object.keys(s.actions).map((a) => `${service}:${a}`)).sort();
}

/** Readable witnesses from the store: inventory ARNs, tag values and Regions. */
export function storeHints(...stores: readonly PolicyStore[]): Hints {
  const hints = new Map<string, Set<string>>();
  const add = (key: string, value: string): void => {
    const set = hints.get(key) ?? new Set<string>();
    set.add(value);
    hints.set(key, set);
  };
  for (const store of stores) {
    for (const r of store.resources.values()) {
      add('resource', r.arn);
      add('aws:requestedregion', r.region);
      for (const [k, v] of Object.entries(r.tags)) {
        add(`aws:resourcetag/${k.toLowerCase()}`, v);
        add(`aws:requesttag/${k.toLowerCase()}`, v);
        add('aws:tagkeys', k);
      }
    }
    for (const p of store.principals.values()) add('aws:sourceip', p.sourceIp);
  }
  return new Map([...hints].map(([k, v]) => [k, [...v]]));
}
