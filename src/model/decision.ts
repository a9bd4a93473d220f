import type { Effect, PolicyKind } from './policy';
import type { SourceRef } from './source';

export type DecisionKind = 'Allowed' | 'ExplicitDeny' | 'ImplicitDeny';

/** Names one statement of one policy: what explanations, reports and coverage point at. */
export interface StatementRef {
  readonly policy: string;
  readonly kind: PolicyKind;
  /** SCP level (0 = root), only for SCPs. */
  readonly level?: number;
  readonly statementIndex: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly source: SourceRef;
}

/** Why one condition test came out as it did. */
export interface ConditionOutcome {
  readonly operator: string;
  readonly key: string;
  /** Policy values after variable substitution; `null` for a value whose variable had no value. */
  readonly expected: readonly (string | null)[];
  /** Request values, or `null` when the key is absent from the request context. */
  readonly actual: readonly string[] | null;
  readonly result: boolean;
  readonly source: SourceRef;
}

/** Why a statement did not apply. One statement can fail for several reasons. */
export type MismatchReason =
  | { readonly kind: 'action-not-matched'; readonly action: string; readonly patterns: readonly string[]; readonly negated: boolean }
  | { readonly kind: 'resource-not-matched'; readonly resource: string; readonly patterns: readonly string[]; readonly negated: boolean }
  | { readonly kind: 'condition-failed'; readonly condition: ConditionOutcome }
  | { readonly kind: 'context-key-missing'; readonly key: string; readonly condition: ConditionOutcome };

export interface StatementOutcome {
  readonly statement: StatementRef;
  readonly applies: boolean;
  /** Empty when the statement applies. */
  readonly reasons: readonly MismatchReason[];
  /** Every condition test that was evaluated (action and resource matched). */
  readonly conditions: readonly ConditionOutcome[];
}

/** The answer of one policy layer: whether it allowed, and whether it denied explicitly. */
export interface LayerResult {
  readonly layer: PolicyKind;
  readonly level?: number;
  readonly allows: boolean;
  readonly denies: boolean;
}

/**
 * A request whose resource belongs to another account (or partition) than the caller (reference E0).
 * Such a request needs the resource account to allow it too, which only a resource-based policy can.
 */
export interface CrossAccount {
  readonly principalAccount: string;
  readonly resourceAccount: string;
  /** Set only when the partitions differ (`aws` vs `aws-cn`). */
  readonly principalPartition?: string;
  readonly resourcePartition?: string;
  /** Service prefix of the action (`mq`). */
  readonly service: string;
  /** False when the service supports no resource-based policies (Amazon MQ): the request can never be allowed. */
  readonly resourcePolicies: boolean;
}

/** What decided the outcome: statements, or (for an implicit deny) the layer that did not allow. */
export type Determining =
  | { readonly type: 'statement'; readonly statement: StatementRef }
  | { readonly type: 'layer'; readonly layer: PolicyKind; readonly level?: number; readonly note?: string }
  /** Implicit deny of a cross-account request: no policy of the resource account can allow it (E0). */
  | { readonly type: 'cross-account'; readonly crossAccount: CrossAccount };

export interface Decision {
  readonly kind: 'decision';
  readonly decision: DecisionKind;
  readonly determining: readonly Determining[];
  readonly layers: readonly LayerResult[];
  /** Present when the engine was asked to explain. */
  readonly statements?: readonly StatementOutcome[];
  /** Keys a condition or policy variable read that the request context did not have (as written in the policy). */
  readonly missingContextKeys: readonly string[];
  /** Notes on rules applied that change the usual combination (root user, service-linked role…). */
  readonly notes: readonly string[];
}

/** The engine refuses to guess: the request touches a rule it does not implement or whose semantics are undefined. */
export interface CannotDecide {
  readonly kind: 'cannot-decide';
  readonly code: CannotDecideCode;
  readonly message: string;
  readonly source?: SourceRef;
}

export type CannotDecideCode =
  | 'undefined-semantics'
  | 'ambiguous-context-key'
  | 'invalid-context-value'
  | 'unsupported-feature';

export type AuthorizationResult = Decision | CannotDecide;
