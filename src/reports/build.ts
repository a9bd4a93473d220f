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
import { accessDiffFullMarkdown, accessDiffGate } from './access-diff';
import type { AccessDiff, MutationEvidence, StoreAnalysis } from './analysis-inputs';

/** Everything one report run needs; only `envelopes` is required. */
export interface ReportInput {
  /** Parsed Cucumber message envelopes (reports/cucumber.ndjson). */
  readonly envelopes: readonly unknown[];
  /** Every statement of the policy store, so coverage can name the ones no scenario exercised. */
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
  /** `--baseline REV`: the access diff over every request class; a new allow nobody accepted fails the run. */
  readonly accessDiff?: AccessDiff;
  /** The mutation score of this run's expectations, or why it is not shown. */
  readonly mutation?: MutationEvidence;
  /** Analysis verdicts of every stored statement, shown beside coverage. */
  readonly analysis?: StoreAnalysis;
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
  /** The gate of the access diff, when `--baseline REV` computed one. */
  readonly accessDiffGate?: { readonly pass: boolean; readonly message: string };
}

/** Files of the analysis sections: the uncut access diff (Markdown and JSON) and the mutation result. */
export const ACCESS_DIFF_MD = 'access-diff.md';
export const ACCESS_DIFF_JSON = 'access-diff.json';
export const MUTATION_JSON = 'mutation.json';

/**
 * `mutation.json`: the mutation result with what it was computed on (the store's content hash, the recorded
 * run's hash), so a later `mq-policy report` shows it only for exactly that store and run.
 */
export function mutationJson(e: Extract<MutationEvidence, { kind: 'computed' }>): string {
  return `${JSON.stringify({ format: 'mq-policy-mutation/1', storeSha256: e.storeSha256 ?? null, runSha256: e.runSha256 ?? null, scope: e.scope, report: e.report }, null, 1)}\n`;
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
  const diffGate = input.accessDiff ? accessDiffGate(input.accessDiff) : undefined;
  const diffCase: ExtraCase | undefined = diffGate
    ? { suite: 'mq-policy diff', name: `nothing is newly allowed against ${input.accessDiff!.label} that accepted-changes.yaml does not accept`, ...(diffGate.pass ? {} : { failure: { message: diffGate.message, detail: 'see reports/access-diff.md: each new allow with its request, its deciding statements and the edit that opens it' } }) }
    : undefined;
  if (diffCase) extra.push(diffCase);
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
      ...(input.extraCases || diffCase ? { extraCases: [...(input.extraCases ?? []), ...(diffCase ? [diffCase] : [])] } : {}),
      ...(input.accessDiff ? { accessDiff: { diff: input.accessDiff, jsonFile: `reports/${ACCESS_DIFF_JSON}` } } : {}),
      ...(input.mutation ? { mutation: input.mutation } : {}),
      ...(input.analysis ? { analysis: input.analysis } : {}),
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
      ...(input.accessDiff ? { accessDiff: input.accessDiff, accessDiffFile: `reports/${ACCESS_DIFF_MD}` } : {}),
      failedChecks: (input.extraCases ?? []).flatMap((e) => (e.failure ? [e.failure.message] : [])),
      ...(input.mutation ? { mutation: input.mutation } : {}),
      ...(input.analysis ? { analysis: input.analysis } : {}),
    }),
    'coverage.json': coverageJson(coverage),
    'junit.xml': junitXml(run, extra),
  };
  if (changes) files[fullChangesFile] = matrixChangesMarkdown(changes, input.baseline!.label);
  if (input.accessDiff) {
    files[ACCESS_DIFF_MD] = accessDiffFullMarkdown(input.accessDiff);
    files[ACCESS_DIFF_JSON] = `${JSON.stringify({ ...input.accessDiff.doc, label: input.accessDiff.label, invalidAcceptances: input.accessDiff.invalidAcceptances }, null, 1)}\n`;
  }
  if (input.mutation?.kind === 'computed') files[MUTATION_JSON] = mutationJson(input.mutation);
  if (input.matrixCells) {
    files['access-matrix.csv'] = matrixCsv(cells);
    files['access-matrix.json'] = matrixJson(cells);
  }
  return { files, run, coverage, cells, contradictions: linked.contradictions, causes, claims, ...(changes ? { changes } : {}), ...(gate ? { gate } : {}), ...(diffGate ? { accessDiffGate: diffGate } : {}) };
}

