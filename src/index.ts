/**
 * The public API: what steps/, the CLI and tests use from outside a module. Steps import only this file.
 */
export * from './model';
export { loadPolicyStore, type PolicyStore, type StoreDiagnostic, type StoreLoadResult, type StoredPrincipal, type StoredResource, type StoredRole, type Tags } from './load';
export { authorize, type PolicySet } from './engine';
export { explainText, statementPlace } from './explain';
export * from './harness';
