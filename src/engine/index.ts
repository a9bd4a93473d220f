export { authorize, type PolicySet, type AuthorizeOptions } from './authorize';
export { principalKind, type PrincipalKind } from './principal';
