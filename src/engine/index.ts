export { authorize, compiledFor, type PolicySet, type AuthorizeOptions } from './authorize';
export { interpret } from './interpret';
export { decideOnce } from './decide-once';
export { compilePolicySet, type CompiledPolicySet } from './compiled-set';
export { principalKind, type PrincipalKind } from './principal';
export { actionMatcher } from './match-action';
