import { diffMatrix, matrixCsv, matrixJson, withAssertions } from './access-matrix';
import { buildCoverage, coverageGate, coverageJson, type Coverage } from './coverage';
import type { DecisionRecord } from '../model';
import type { MatrixCell, ReportMeta, StoredStatement, Waiver } from './inputs';
import { isExpired, livingDocument } from './living-doc';
import { allDecisions, readMessages, type ReadRun } from './read-messages';
import { summaryMarkdown } from './summary';

/** Everything one report run needs; only `envelopes` is required. */
export interface ReportInput {
  /** Parsed Cucumber message envelopes (reports/cucumber.ndjson). */
  readonly envelopes: readonly unknown[];
  /** Every statement of the policy store, so coverage can name dead statements. */
  readonly statements?: readonly StoredStatement[];
  /** Access-matrix cells computed from the store and the engine; linked to this run's scenarios here. */
  readonly matrixCells?: readonly MatrixCell[];
  readonly waivers?: readonly Waiver[];
  readonly meta?: ReportMeta;
  /** The previous run's matrix, for the "matrix changes" part of summary.md. */
  readonly previousMatrix?: readonly MatrixCell[];
  readonly coverageThreshold?: number;
  /** Puts a decision's resource in a matrix resource class, so scenarios on any broker of a class assert its cells. */
  readonly classOf?: (record: DecisionRecord) => string | undefined;
}

export interface BuiltReports {
  /** File name (relative to the output folder) → content. */
  readonly files: Readonly<Record<string, string>>;
  readonly run: ReadRun;
  readonly coverage: Coverage;
  readonly cells: readonly MatrixCell[];
  readonly gate?: { readonly pass: boolean; readonly message: string };
}

/** Builds every report file from one run; pure, so the CLI only writes what this returns. */
export function buildReports(input: ReportInput): BuiltReports {
  const run = readMessages(input.envelopes);
  const records = allDecisions(run.features).map((d) => d.record);
  const coverage = buildCoverage(input.statements, records);
  const cells = input.matrixCells ? withAssertions(input.matrixCells, run.features, input.classOf) : [];
  const gate = input.coverageThreshold !== undefined ? coverageGate(coverage, input.coverageThreshold) : undefined;
  const asOf = input.meta?.asOf ?? run.run.startedAt ?? '';
  const expiredWaivers = (input.waivers ?? []).filter((w) => isExpired(w, asOf)).length;
  const files: Record<string, string> = {
    'index.html': livingDocument({
      run,
      coverage,
      cells,
      ...(input.waivers ? { waivers: input.waivers } : {}),
      ...(input.statements ? { statements: input.statements } : {}),
      ...(input.meta ? { meta: input.meta } : {}),
    }),
    'summary.md': summaryMarkdown({
      run,
      coverage,
      ...(input.previousMatrix && input.matrixCells ? { matrixChanges: diffMatrix(input.previousMatrix, cells) } : {}),
      ...(gate ? { gate } : {}),
      expiredWaivers,
    }),
    'coverage.json': coverageJson(coverage),
  };
  if (input.matrixCells) {
    files['access-matrix.csv'] = matrixCsv(cells);
    files['access-matrix.json'] = matrixJson(cells);
  }
  return { files, run, coverage, cells, ...(gate ? { gate } : {}) };
}
