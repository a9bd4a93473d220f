import fc from 'fast-check';
import { policySetDoc, type PolicySetDoc } from './policy';
import { requestDoc, type RequestDoc } from './request';

export interface Scenario {
  readonly request: RequestDoc;
  readonly policies: PolicySetDoc;
}

/** A request and a policy set whose statements are biased towards it, so that they often apply. */
export function scenarioOf(request: fc.Arbitrary<RequestDoc> = requestDoc): fc.Arbitrary<Scenario> {
  return request.chain((r) => policySetDoc(r).map((policies) => ({ request: r, policies })));
}

export const scenario: fc.Arbitrary<Scenario> = scenarioOf();
