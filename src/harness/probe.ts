import type { Policy } from '../model';
import { parsePolicy } from '../parse';
import type { PolicyStore, StoredPrincipal } from '../load/store-types';
import { HarnessInputError } from './harness-error';

/**
 * A store with one more user whose only identity policy is written by the scenario, for questions
 * about a single permission ("which permission does this REST operation need?"). It keeps the
 * store's SCPs, so it is asked in a Region the SCPs allow.
 */
export function withProbe(store: PolicyStore, name: string, document: unknown): { store: PolicyStore; principal: StoredPrincipal } {
  const parsed = parsePolicy(document, { name, kind: 'identity' });
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (!parsed.policy || errors.length > 0) throw new HarnessInputError(`probe policy is invalid: ${errors.map((d) => d.message).join('; ')}`);
  const policy: Policy = parsed.policy;
  const arn = `arn:aws:iam::${store.account}:user/probe/${name}`;
  const principal: StoredPrincipal = {
    name,
    type: 'user',
    arn,
    principalArn: arn,
    account: store.account,
    userId: 'AIDAEXAMPLEPROBE000001',
    userName: name,
    tags: {},
    identityPolicies: [name],
    sessionPolicies: [],
    temporaryCredentials: false,
    mfa: false,
    sourceIp: '203.0.113.10',
    source: { policy: name, pointer: '' },
  };
  return {
    store: { ...store, policies: new Map([...store.policies, [name, policy]]), principals: new Map([...store.principals, [name, principal]]) },
    principal,
  };
}

/** An identity policy that allows exactly `actions` on `resource` (every resource by default). */
export function allowOnly(actions: readonly string[], resource = '*'): unknown {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [...actions], Resource: resource }] };
}
