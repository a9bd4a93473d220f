import type { AnalyzeResult } from '../analysis/analyze';
import type { DiffDocument } from '../analysis/diff-report';
import type { MutationReport } from '../analysis/mutate';

/**
 * What analysis over every request adds to a run's reports. The CLI computes these (they need the engine
 * and the stores); the report builders only render them, with what each one covered.
 */

/** `mq-policy test --baseline REV`: every request class whose decision changed since REV (`mq-policy diff`). */
export interface AccessDiff {
  /** How the baseline is named (`main`, `origin/main`). */
  readonly label: string;
  readonly doc: DiffDocument;
  /** Problems with policies/accepted-changes.yaml: such a file accepts nothing until it is fixed. */
  readonly invalidAcceptances: readonly string[];
}

/**
 * The mutation score, when it was computed for exactly this run's expectations and this store; otherwise
 * why it is not shown (never an old score presented as this run's).
 */
export type MutationEvidence =
  | {
      readonly kind: 'computed';
      readonly report: MutationReport;
      /** What was mutated and re-decided, in one line. */
      readonly scope: string;
      /** Content hash of the store folder it mutated (as the reports' provenance names it). */
      readonly storeSha256?: string;
      /** SHA-256 of the recorded run (cucumber.ndjson) whose expectations it re-decided. */
      readonly runSha256?: string;
    }
  | { readonly kind: 'absent' | 'stale'; readonly why: string };

/** `mq-policy analyze` over the store this run tested: what each statement does over every request. */
export interface StoreAnalysis {
  readonly result: AnalyzeResult;
}
