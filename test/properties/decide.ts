import assert from 'node:assert/strict';
import { authorize, decideOnce, interpret } from '../../src/engine';
import type { AuthorizationResult } from '../../src/model';
import { toPolicySet, type PolicySetDoc } from './arbitraries/policy';
import { toRequest, type RequestDoc } from './arbitraries/request';

export type Outcome = 'Allowed' | 'ExplicitDeny' | 'ImplicitDeny' | 'CannotDecide';

/**
 * Parses both documents with the real parser and asks the engine, through both evaluators: the compiled
 * path (what `authorize` runs), the one-shot path (what simulate runs for a case with policies of its own)
 * and the reference interpreter. Every law is thereby also a differential check.
 */
export function evaluate(policies: PolicySetDoc, request: RequestDoc): AuthorizationResult {
  const set = toPolicySet(policies);
  const req = toRequest(request);
  const compiled = authorize(req, set);
  // Twice: the compiled set memoises per action and per outcome; a repeated question must get the same answer.
  assert.deepEqual(authorize(req, set), compiled, 'the compiled path answered a repeated request differently');
  const reference = interpret(req, set);
  assert.deepEqual(compiled, reference, 'the compiled path disagrees with the reference interpreter');
  assert.deepEqual(decideOnce(req, set), reference, 'the one-shot path disagrees with the reference interpreter');
  return compiled;
}

export function decide(policies: PolicySetDoc, request: RequestDoc): Outcome {
  const r = evaluate(policies, request);
  return r.kind === 'decision' ? r.decision : 'CannotDecide';
}

export const isDeny = (o: Outcome): boolean => o === 'ExplicitDeny' || o === 'ImplicitDeny';
