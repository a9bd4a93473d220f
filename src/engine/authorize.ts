import type { AuthorizationResult, Request } from '../model';
import { compilePolicySet, type CompiledPolicySet } from './compiled-set';
import { interpret, type PolicySet } from './interpret';

export type { PolicySet } from './interpret';

export interface AuthorizeOptions {
  /** Build the outcome of every statement (for explanations and coverage): uses the reference evaluator. */
  readonly explain?: boolean;
}

const compiled = new WeakMap<PolicySet, CompiledPolicySet>();

/** The compiled form of a policy set, built once per set object. */
export function compiledFor(policies: PolicySet): CompiledPolicySet {
  let c = compiled.get(policies);
  if (!c) compiled.set(policies, (c = compilePolicySet(policies)));
  return c;
}

/**
 * Decides a request the way AWS IAM does for an identity-based, same-account request (E3).
 * Without `explain` it runs the policy set's compiled form (built once per set object); with it,
 * the reference evaluator, which also reports every statement's outcome. Both give the same answer.
 */
export function authorize(request: Request, policies: PolicySet, options: AuthorizeOptions = {}): AuthorizationResult {
  return options.explain ? interpret(request, policies, options) : compiledFor(policies).decide(request);
}
