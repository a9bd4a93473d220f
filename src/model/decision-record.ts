import type { DecisionKind } from './decision';

/** Media type of the decision JSON that every decision step attaches to its scenario. */
export const DECISION_MEDIA_TYPE = 'application/vnd.mq-policy.decision+json';

/** A statement as reports show it: enough to link to the policy file and line. */
export interface RecordedStatement {
  readonly policy: string;
  readonly kind: string;
  readonly level?: number;
  readonly file?: string;
  readonly line?: number;
  readonly statementIndex: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
}

/**
 * One decision as recorded in the Cucumber messages of a run. Reports (living document, access
 * matrix cells, policy coverage) are built from these records alone, never by re-evaluating.
 */
export interface DecisionRecord {
  /** Principal as named in the store (`operator`), and its ARN. */
  readonly principal: string;
  readonly principalArn: string;
  readonly action: string;
  /** Resource ARN or `*`, and its inventory name when it has one (`orders-prod`). */
  readonly resource: string;
  readonly resourceName?: string;
  readonly resourceTags?: Readonly<Record<string, string>>;
  readonly context: Readonly<Record<string, string | readonly string[]>>;
  /** What the scenario expected, in its own words (`allowed`, `explicitly denied`…), when it asserted. */
  readonly expected?: string;
  readonly outcome: DecisionKind | 'CannotDecide';
  readonly passed?: boolean;
  /** Statements that decided it, or the layers that did not allow (implicit deny). */
  readonly determining: readonly (RecordedStatement | { readonly layer: string; readonly level?: number; readonly note?: string })[];
  /** Statements whose action and resource matched the request (their conditions were evaluated). */
  readonly exercised: readonly (RecordedStatement & { readonly applied: boolean })[];
  readonly missingContextKeys: readonly string[];
  /** The rendered explanation, as a failing step prints it. */
  readonly explanation: string;
  /**
   * How this request differs from the one the access matrix decides for the same principal, action and
   * resource (the store's own policies, the default context), one plain line each: `aws:MultiFactorAuthPresent
   * is false, not true`, `deny-production-changes-documented in place of deny-production-changes`. Empty or
   * absent: the same request, so the decision is evidence for the matrix cell.
   */
  readonly variations?: readonly string[];
  /** Policies the scenario wrote itself (probe users): not part of the store, so coverage does not count them. */
  readonly scenarioPolicies?: readonly string[];
}
