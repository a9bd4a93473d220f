import { authorize } from '../../src/engine';
import type { AuthorizationResult } from '../../src/model';
import { toPolicySet, type PolicySetDoc } from './arbitraries/policy';
import { toRequest, type RequestDoc } from './arbitraries/request';

export type Outcome = 'Allowed' | 'ExplicitDeny' | 'ImplicitDeny' | 'CannotDecide';

/** Parses both documents with the real parser and asks the engine. */
export function evaluate(policies: PolicySetDoc, request: RequestDoc): AuthorizationResult {
  return authorize(toRequest(request), toPolicySet(policies));
}

export function decide(policies: PolicySetDoc, request: RequestDoc): Outcome {
  const r = evaluate(policies, request);
  return r.kind === 'decision' ? r.decision : 'CannotDecide';
}

export const isDeny = (o: Outcome): boolean => o === 'ExplicitDeny' || o === 'ImplicitDeny';
