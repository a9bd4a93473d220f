import type { SourceRef } from './source';

/** The only two versions AWS accepts; `undefined` when the document has no Version (2008 semantics). */
export type PolicyVersion = '2012-10-17' | '2008-10-17';

export type Effect = 'Allow' | 'Deny';

/** The layer a policy belongs to; it decides how the policy's answer is combined. */
export type PolicyKind = 'identity' | 'boundary' | 'scp' | 'session';

/**
 * A policy string split into its parts. Policy variables exist only under Version 2012-10-17;
 * under any other version a string is one `text` part.
 */
export type TemplatePart =
  /** Text in which `*` and `?` are wildcards where the operator allows them. */
  | { readonly kind: 'text'; readonly text: string }
  /** `${*}`, `${?}` or `${$}`: a character that never acts as a wildcard. */
  | { readonly kind: 'escaped'; readonly char: '*' | '?' | '$' }
  /** `${key}` or `${key, 'default'}`; `key` is lower-cased because key names ignore case, `name` as written. */
  | { readonly kind: 'variable'; readonly key: string; readonly name: string; readonly raw: string; readonly default?: string };

export interface Template {
  /** The string as written in the policy. */
  readonly raw: string;
  readonly parts: readonly TemplatePart[];
  readonly hasVariables: boolean;
}

export interface ActionBlock {
  readonly negated: boolean; // NotAction
  readonly patterns: readonly string[];
}

export interface ResourceBlock {
  readonly negated: boolean; // NotResource
  readonly patterns: readonly Template[];
}

export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

/** One key test of a Condition block: `"ForAnyValue:StringLikeIfExists": {"aws:TagKeys": [...]}`. */
export interface ConditionTest {
  /** The operator exactly as written, for explanations. */
  readonly operator: string;
  /** Operator without qualifier and IfExists, e.g. `StringNotLike`. */
  readonly baseOperator: string;
  readonly family: OperatorFamily;
  readonly negated: boolean;
  readonly ifExists: boolean;
  readonly setQualifier?: 'ForAllValues' | 'ForAnyValue';
  /** Key as written, and lower-cased for look-up (key names ignore case). */
  readonly key: string;
  readonly keyLower: string;
  /** Values as canonical strings (`true`, `10`), each split into template parts. */
  readonly values: readonly Template[];
  readonly source: SourceRef;
}

export interface Statement {
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly action: ActionBlock;
  readonly resource: ResourceBlock;
  readonly conditions: readonly ConditionTest[];
  readonly source: SourceRef;
}

/** A validated policy document. Only `src/parse` builds these. */
export interface Policy {
  readonly name: string;
  readonly kind: PolicyKind;
  readonly version?: PolicyVersion;
  readonly statements: readonly Statement[];
  readonly source: SourceRef;
}
