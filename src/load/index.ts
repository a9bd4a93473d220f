export { readDocument, formatOf, type DocumentReadResult } from './read-document';
export { readPolicyFile, type PolicyFileInput } from './read-policy-file';
export { loadPolicyStore } from './store';
export { mergeTags } from './merge-tags';
export type { PolicyStore, StoreDiagnostic, StoreLoadResult, StoredPrincipal, StoredResource, StoredRole, Tags } from './store-types';
export { diskStoreFiles, memoryStoreFiles, type StoreFiles } from './store-files';
export { readPolicyBytes, policyNameOf } from './read-policy-file';
export { gitStoreFiles, GitRevisionError } from './git-store-files';
