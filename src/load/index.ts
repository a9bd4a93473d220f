export { readDocument, formatOf, type DocumentReadResult } from './read-document';
export { readPolicyFile, type PolicyFileInput } from './read-policy-file';
