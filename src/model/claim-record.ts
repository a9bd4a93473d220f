/** Media type of the claim JSON that `only … can`, `nobody can` and who-can steps attach to their scenario. */
export const CLAIM_MEDIA_TYPE = 'application/vnd.mq-policy.claim+json';

/** A resource that nearly matches a claim's tag selector, and who the engine allows the claim's action on it. */
export interface NearMiss {
  readonly resource: string;
  readonly arn: string;
  readonly tags: Readonly<Record<string, string>>;
  /** `tag key Environment differs only in letter case`, `no environment tag; its name suggests production`. */
  readonly reason: string;
  /** Principals allowed the claim's action on it, decided under the claim's own settings. */
  readonly allowed: readonly string[];
}

/**
 * One claim a scenario checked over a set of principals and resources ("only break-glass can call
 * mq:DeleteBroker on brokers tagged environment=production"), with exactly what it covered. Every
 * decision it made is recorded separately as a DecisionRecord; this says what they add up to.
 */
export interface ClaimRecord {
  readonly kind: 'only-can' | 'nobody-can' | 'who-can';
  /** The claim in the scenario's words. */
  readonly text: string;
  /** The action, or the actions (comma-separated) of a claim over several. */
  readonly action: string;
  /** Principals the claim says are allowed (empty for `nobody`). */
  readonly allowed: readonly string[];
  /** Principals checked: `all` = every principal of the store. */
  readonly principals: { readonly scope: 'all' | 'named'; readonly names: readonly string[]; readonly excluded?: readonly string[] };
  /** The selector as written and the resources it selected. */
  readonly resources: { readonly selector: string; readonly names: readonly string[]; readonly arns: readonly string[] };
  /** `the default context`, or how this scenario's context differs from it. */
  readonly context: readonly string[];
  readonly passed: boolean;
  readonly decisions: number;
  /** One line per principal × resource that broke the claim. */
  readonly violations: readonly string[];
  readonly nearMisses: readonly NearMiss[];
}
