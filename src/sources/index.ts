export { buildStore, describeOrigin, IMPORTED_SESSION_NAME, type BuiltStore, type ImportReport, type StoredPolicyOrigin } from './build-store';
export { SOURCE_KINDS, type Estate, type SourceKind, type SourceOptions } from './estate';
export { mergeEstates } from './merge';
export { toSourceLocation } from './source-locations';
export { readTerraformPlan, TERRAFORM_RESOURCE_TYPES } from './terraform/read-plan';
export { readAccountSnapshot, type SourceText } from './aws-account/read-snapshot';
export { readCloudFormationTemplate, CLOUDFORMATION_RESOURCE_TYPES } from './cloudformation/read-template';
