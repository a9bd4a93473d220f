import type { SourceRef } from './source';

/** Stable codes: CI gates and waivers match on them, so they never change meaning. */
export type DiagnosticCode =
  | 'malformed-json'
  | 'malformed-yaml'
  | 'duplicate-key'
  | 'nesting-too-deep'
  | 'invalid-utf8'
  | 'yaml-too-many-aliases'
  | 'yaml-merge-key'
  | 'not-an-object'
  | 'unknown-element'
  | 'element-case'
  | 'missing-statement'
  | 'empty-statement'
  | 'invalid-version'
  | 'id-in-identity-policy'
  | 'principal-in-identity-policy'
  | 'invalid-sid'
  | 'duplicate-sid'
  | 'missing-effect'
  | 'invalid-effect'
  | 'action-and-notaction'
  | 'missing-action'
  | 'resource-and-notresource'
  | 'missing-resource'
  | 'invalid-type'
  | 'empty-array'
  | 'invalid-action'
  | 'invalid-resource'
  | 'invalid-condition'
  | 'unknown-condition-operator'
  | 'invalid-condition-value'
  | 'invalid-policy-variable'
  | 'unsupported-variable-position';

/** A problem found while reading a policy document; errors make the document unusable. */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: 'error' | 'warning';
  /** One lowercase line; user input in backticks. */
  readonly message: string;
  /** How to fix it, e.g. "did you mean `mq:RebootBroker`?". */
  readonly help?: string;
  readonly source: SourceRef;
}
