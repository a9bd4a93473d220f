export { readDocument, readDocumentBytes, formatOf, MAX_YAML_ALIASES, type DocumentReadResult, type DocumentReadCode } from './read-document';
export { decodeUtf8, locateInvalidUtf8, isValidUtf8, type Utf8Problem, type Utf8Decoded } from './utf8';
export { readPolicyFile, type PolicyFileInput } from './read-policy-file';
export { loadPolicyStore } from './store';
export { mergeTags } from './merge-tags';
export type { PolicyStore, StoreDiagnostic, StoreLoadResult, StoredPrincipal, StoredResource, StoredRole, Tags } from './store-types';
export { diskStoreFiles, memoryStoreFiles, type StoreFiles } from './store-files';
export { readPolicyBytes, policyNameOf } from './read-policy-file';
export { gitStoreFiles, GitRevisionError } from './git-store-files';
