import { diffMatrix, matrixCsv, matrixJson, type MatrixChange } from './access-matrix';
import { failureCauses, type FailureCause } from './causes';
import { claimViews, type ClaimView } from './claims';
import { buildCoverage, coverageGate, coverageJson, type Coverage } from './coverage';
import { linkEvidence, type ClassMembers } from './evidence';
import type { Contradiction, MatrixCell, ReportMeta, StoredStatement, Waiver } from './inputs';
import { junitXml, type ExtraCase } from './junit';
import { isExpired, livingDocument } from './living-doc';
import { matrixChangesMarkdown } from './matrix-changes';
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
  /** A matrix to compare with (the store at a git revision, or a matrix file), for the access changes. */
  readonly baseline?: { readonly label: string; readonly cells: readonly MatrixCell[] };
  /** Statement keys (statementKey) that differ from the baseline: preferred as failure causes. */
  readonly changedStatements?: readonly string[];
  readonly coverageThreshold?: number;
  /** Resource class → the ARNs it stands for, so a cell is asserted only when every one of them was decided. */
  readonly classMembers?: ClassMembers;
  /** Test cases outside the scenarios (store warnings, a harness error), for junit.xml and the banner. */
  readonly extraCases?: readonly ExtraCase[];
}

export interface BuiltReports {
  /** File name (relative to the output folder) → content. */
  readonly files: Readonly<Record<string, string>>;
  readonly run: ReadRun;
  readonly coverage: Coverage;
  readonly cells: readonly MatrixCell[];
  readonly gate?: { readonly pass: boolean; readonly message: string };
  readonly contradictions: readonly Contradiction[];
  readonly causes: readonly FailureCause[];
  readonly claims: readonly ClaimView[];
  readonly changes?: readonly MatrixChange[];
}

/** `the policy files of commit abc (sha256 1f2e…, 17 files)`. */
export function testedLine(meta: ReportMeta | undefined): string | undefined {
  if (!meta?.store) return meta?.commit !== undefined ? `the policy files of commit ${meta.commit}` : undefined;
  return `the policy files in \`${meta.store.root}\` of commit ${meta.commit ?? 'unknown'} (content sha256 ${meta.store.sha256.slice(0, 16)}…, ${meta.store.files.length} files)`;
}

/** Builds every report file from one run; pure, so the CLI only writes what this returns. */
export function buildReports(input: ReportInput): BuiltReports {
  const run = readMessages(input.envelopes);
  const records = allDecisions(run.features).map((d) => d.record);
  const coverage = buildCoverage(input.statements, records);
  const linked = input.matrixCells ? linkEvidence(input.matrixCells, run.features, input.classMembers) : { cells: [], contradictions: [] };
  const cells = linked.cells;
  const gate = input.coverageThreshold !== undefined ? coverageGate(coverage, input.coverageThreshold) : undefined;
  const asOf = input.meta?.asOf ?? run.run.startedAt ?? '';
  const expiredWaivers = (input.waivers ?? []).filter((w) => isExpired(w, asOf)).length;
  const causes = failureCauses(run, new Set(input.changedStatements ?? []));
  const claims = claimViews(run);
  const changes = input.baseline && input.matrixCells ? diffMatrix(input.baseline.cells, cells) : undefined;
  const extra: ExtraCase[] = [...(input.extraCases ?? [])];
  if (gate) extra.push({ suite: 'mq-policy coverage gate', name: 'decisive-statement coverage meets the threshold', ...(gate.pass ? {} : { failure: { message: gate.message } }) });
  // A scenario whose expectation contradicts the matrix is already a failed test case; a decision that differs
  // from the matrix for the same request (the evaluators disagree) is a failed case of its own. A run without
  // one adds no case, so JUnit counts exactly the scenarios (and the gate, when one was set).
  const bad = linked.contradictions.filter((c) => c.engineDisagrees);
  if (bad.length > 0) {
    extra.push({
      suite: 'mq-policy access matrix',
      name: 'every scenario agrees with the access matrix',
      ...(bad[0]!.uri !== undefined ? { file: bad[0]!.uri } : {}),
      ...(bad[0]!.line !== undefined ? { line: bad[0]!.line } : {}),
      failure: { message: `${bad.length} scenario decision(s) differ from the access matrix for the same request`, detail: bad.map((c) => `${c.uri ?? ''}:${c.line ?? ''} ${c.scenario}: ${c.cell.principal} ${c.cell.action} ${c.resource}: ${c.why}`).join('\n') },
    });
  }
  const tested = testedLine(input.meta);
  const fullChangesFile = 'matrix-changes.md';
  const files: Record<string, string> = {
    'index.html': livingDocument({
      run,
      coverage,
      cells,
      causes,
      claims,
      contradictions: linked.contradictions,
      ...(gate ? { gate } : {}),
      ...(changes ? { changes, baselineLabel: input.baseline!.label } : {}),
      ...(input.extraCases ? { extraCases: input.extraCases } : {}),
      ...(input.waivers ? { waivers: input.waivers } : {}),
      ...(input.statements ? { statements: input.statements } : {}),
      ...(input.meta ? { meta: input.meta } : {}),
    }),
    'summary.md': summaryMarkdown({
      run,
      coverage,
      causes,
      claims,
      // A scenario whose expectation fails already counts as failed; the verdict line adds only evaluators that disagree.
      contradictions: linked.contradictions.filter((c) => c.engineDisagrees).length,
      ...(changes ? { matrixChanges: changes, baselineLabel: input.baseline!.label, fullChangesFile: `reports/${fullChangesFile}` } : {}),
      ...(gate ? { gate } : {}),
      ...(tested !== undefined ? { tested } : {}),
      ...(input.meta?.catalogVersion !== undefined ? { catalogVersion: input.meta.catalogVersion } : {}),
      expiredWaivers,
      waivedWarnings: input.meta?.waivedWarnings?.length ?? 0,
    }),
    'coverage.json': coverageJson(coverage),
    'junit.xml': junitXml(run, extra),
  };
  if (changes) files[fullChangesFile] = matrixChangesMarkdown(changes, input.baseline!.label);
  if (input.matrixCells) {
    files['access-matrix.csv'] = matrixCsv(cells);
    files['access-matrix.json'] = matrixJson(cells);
  }
  return { files, run, coverage, cells, contradictions: linked.contradictions, causes, claims, ...(changes ? { changes } : {}), ...(gate ? { gate } : {}) };
}

