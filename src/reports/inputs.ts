import type { DecisionRecord, RecordedStatement } from '../model';

/**
 * What the CLI hands the report builders besides the Cucumber messages. All of it is plain data the CLI
 * computed from the policy store and the engine; the builders never read files or evaluate policies.
 */

/** One statement of the policy store, so coverage can list the ones no scenario ever reached. */
export interface StoredStatement extends RecordedStatement {
  /** Each key test of the statement's Condition element, as written (`StringEquals` / `aws:ResourceTag/environment`). */
  readonly conditions: readonly { readonly operator: string; readonly key: string; readonly line?: number }[];
  /** The statement's source text, shown next to decisions it decided; keep it short (a few lines). */
  readonly excerpt?: string;
}

/** A scenario that asserts a matrix cell (its decision record has the same principal, action and resource). */
export interface AssertionRef {
  readonly scenario: string;
  /** Anchor of the scenario in the living document (`sc-3`), when the cell was linked from this run. */
  readonly anchor?: string;
  readonly passed?: boolean;
}

/** One cell of the access matrix: what the engine decides for a principal, an action and a resource class. */
export interface MatrixCell {
  readonly principal: string;
  readonly action: string;
  /** Class of resources the cell stands for, e.g. `brokers environment=production`, or `*`. */
  readonly resourceClass: string;
  /** The resource actually decided: a representative ARN of the class, or `*`. */
  readonly resource: string;
  readonly outcome: DecisionRecord['outcome'];
  readonly determining: DecisionRecord['determining'];
  /**
   * Scenarios that assert this cell: they decided the same request (same principal and action, every
   * resource the cell stands for, the store's own policies, the default context) with the same outcome.
   * Empty = no scenario asserts it.
   */
  readonly assertedBy: readonly AssertionRef[];
  /** Scenarios that decided a nearby request (other context, a swapped policy, part of the class), with how it differs. Never a tick. */
  readonly related?: readonly RelatedEvidence[];
}

/** A scenario whose decision is about this cell's question but not the same request. */
export interface RelatedEvidence {
  readonly scenario: string;
  readonly anchor?: string;
  readonly outcome: DecisionRecord['outcome'];
  /** One line each: what differs from the cell's request. */
  readonly differences: readonly string[];
}

/** A scenario whose decision of exactly the cell's request disagrees with the cell: an error in the run. */
export interface Contradiction {
  readonly scenario: string;
  readonly anchor?: string;
  readonly uri?: string;
  readonly line?: number;
  readonly cell: Pick<MatrixCell, 'principal' | 'action' | 'resourceClass' | 'outcome'>;
  readonly resource: string;
  /** `the scenario expected allowed`, or `the scenario's decision was implicitly denied` (the evaluators disagree). */
  readonly why: string;
  /** True when the recorded outcome itself differs from the matrix (two evaluations of one request disagree). */
  readonly engineDisagrees: boolean;
}

/** A lint waiver as the policy store records it (`policies/waivers.yaml`). */
export interface Waiver {
  /** Finding code, e.g. `wildcard-resource`. */
  readonly code: string;
  /** Where the waived finding is: `policies/identity/operator.json:12` or a policy/statement name. */
  readonly location: string;
  readonly owner: string;
  readonly reason: string;
  /** ISO date (`2026-03-31`); the waiver is expired from the day after. */
  readonly expires: string;
}

/** Facts about the run that are not in the messages; the CLI fills them in. */
export interface ReportMeta {
  readonly title?: string;
  /** Git commit of the policies and scenarios; falls back to the revision Cucumber recorded in CI. */
  readonly commit?: string;
  readonly catalogVersion?: string;
  /** Date waivers are checked against (ISO); defaults to the run's start. */
  readonly asOf?: string;
  /** The last `npm run bench` results (reports/bench.json), shown as measured, with machine and date. */
  readonly benchmark?: BenchmarkSummary;
  /** What the run tested: the store folder, a hash over all its files, and each file's SHA-256. */
  readonly store?: { readonly root: string; readonly sha256: string; readonly files: readonly { readonly path: string; readonly sha256: string }[] };
  /** The request clock every scenario uses (aws:CurrentTime), and why it is fixed. */
  readonly clock?: { readonly currentTime: string; readonly why: string };
  /** Store warnings that a live waiver accepts: counted and listed instead of printed on every run. */
  readonly waivedWarnings?: readonly { readonly code: string; readonly location: string; readonly message: string; readonly owner: string; readonly expires: string }[];
}

export interface BenchmarkSummary {
  readonly measuredAt: string;
  readonly machine: string;
  readonly rows: readonly { readonly workload: string; readonly figure: string; readonly target: string }[];
}
