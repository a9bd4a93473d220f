import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readWaivers } from '../lint/waivers';
import { readDocumentBytes } from '../load';
import type { PolicyStore } from '../load/store-types';
import { computeMatrix, resourceClass } from '../matrix/compute';
import { DEFAULT_SETTINGS } from '../harness/scenario-settings';
import { benchmarkSummary, parseNdjson, readMessages, type AccessDiff, type ExtraCase, type MutationEvidence, type ReportInput, type ReportMeta, type StoredStatement, type StoreAnalysis, type Waiver } from '../reports';
import { baselineAccessDiff } from './baseline-diff';
import { mutationOfRun, NOT_COMPUTED, sha256 } from './mutation-evidence';
import { storeAnalysis } from './store-analysis';
import type { Baseline } from './baseline';
import { reportMeta, writeReports } from './report';
import { REPORT_FILES } from './report-files';
import { storeHashes } from './store-hash';
import { write, type CliIo } from './io';

/** Every statement of the store as coverage names it (same kind/level/policy/index as the engine records). */
export function storedStatements(store: PolicyStore): StoredStatement[] {
  const levelOf = new Map<string, number>();
  store.scpLevels.forEach((l, i) => l.policies.forEach((p) => levelOf.set(p.name, i)));
  return [...store.policies.values()].flatMap((policy) =>
    policy.statements.map((s) => {
      const level = levelOf.get(policy.name);
      return {
        policy: policy.name,
        kind: policy.kind,
        ...(level !== undefined ? { level } : {}),
        ...(s.source.file !== undefined ? { file: s.source.file } : {}),
        ...(s.source.line !== undefined ? { line: s.source.line } : {}),
        statementIndex: s.index,
        ...(s.sid !== undefined ? { sid: s.sid } : {}),
        effect: s.effect,
        conditions: s.conditions.map((c) => ({ operator: c.operator, key: c.key, ...(c.source.line !== undefined ? { line: c.source.line } : {}) })),
      };
    }),
  );
}

/** Lint's waivers as the living document lists them. */
function storeWaivers(root: string): Waiver[] {
  const file = join(root, 'waivers.yaml');
  if (!existsSync(file)) return [];
  const doc = readDocumentBytes(readFileSync(file), 'yaml');
  if (!doc.ok) return [];
  return readWaivers('policies/waivers.yaml', doc.value, doc.positions).waivers.map((w) => ({
    code: w.code,
    location: `${w.file}${w.sid !== undefined ? ` (Sid ${w.sid})` : w.statement !== undefined ? ` (statement ${w.statement})` : ''}`,
    owner: w.owner,
    reason: w.reason,
    expires: w.expires,
  }));
}

/** What the reports take from the store itself: its statements (coverage), the matrix, the waivers, resource classes. */
export function storeReportInputs(store: PolicyStore, root: string): Pick<ReportInput, 'statements' | 'matrixCells' | 'waivers' | 'classMembers'> {
  return { statements: storedStatements(store), matrixCells: computeMatrix(store).cells, waivers: storeWaivers(root), classMembers: classMembers(store) };
}

/** Resource class → the ARNs it stands for, with the class key the matrix uses. */
export function classMembers(store: PolicyStore, classKey = 'environment'): Map<string, string[]> {
  const members = new Map<string, string[]>([['*', ['*']]]);
  for (const r of store.resources.values()) {
    const label = resourceClass(r, classKey);
    members.set(label, [...(members.get(label) ?? []), r.arn]);
  }
  return members;
}

/** Why every scenario's request has one fixed time: written into every report. */
export const CLOCK_REASON =
  'the request clock is fixed so that the same scenario builds the same request on every run and every machine (conditions on aws:CurrentTime, aws:EpochTime and aws:TokenIssueTime give the same answer); scenarios about time set their own';

/** Everything a report states about what was tested: commit, catalog, store file hashes, the fixed clock. */
export function runMeta(cwd: string, env: CliIo['env'], root: string): ReportMeta {
  return { ...reportMeta(cwd, env), store: storeHashes(root, cwd), clock: { currentTime: DEFAULT_SETTINGS.currentTime, why: CLOCK_REASON } };
}

export function removeStaleReports(outDir: string): void {
  for (const f of REPORT_FILES) rmSync(join(outDir, f), { force: true });
}

export interface RunReportOptions {
  readonly store: PolicyStore;
  readonly root: string;
  readonly outDir: string;
  readonly coverageThreshold?: number;
  /** The run's messages when the caller holds them already (a merged parallel run), so they are not read again. */
  readonly envelopes?: ReturnType<typeof parseNdjson>['envelopes'];
  readonly baseline?: Baseline;
  /** Test cases outside the scenarios (a harness error), for junit.xml and the failure banner. */
  readonly extraCases?: readonly ExtraCase[];
  /** Store warnings a waiver accepts: not printed, listed in the reports. */
  readonly waivedWarnings?: NonNullable<ReportMeta['waivedWarnings']>;
  /** `--analyze`: analysis verdicts of every statement beside coverage. */
  readonly analyze?: boolean;
  /** `--mutate`: the mutation score of this run's expectations. */
  readonly mutate?: boolean;
  /**
   * `--baseline REV` named a revision that could not be read (unknown to git, an invalid store there): the
   * access diff the user asked for was not computed, so the run fails (exit 1) and every report says why.
   */
  readonly baselineProblem?: string;
}

export interface RunReportsResult {
  readonly gatePassed: boolean;
  /** Scenario decisions of exactly a matrix cell's request that got another outcome: the evaluators disagree. */
  readonly engineDisagreements: number;
  readonly contradictions: number;
  /** accepted-changes.yaml could not be read (exit 3, as `mq-policy diff` does): it accepts nothing. */
  readonly invalidAcceptances: boolean;
  /** The named baseline could not be read, so the access diff was not computed. */
  readonly baselineUnread: boolean;
}

/**
 * After a run: the living document, summary, JUnit, coverage and access matrix, all from the recorded
 * messages plus the store (statements for coverage, matrix computed by the engine, baseline matrix).
 */
export async function writeRunReports(options: RunReportOptions, io: CliIo): Promise<RunReportsResult> {
  const messages = join(options.outDir, 'cucumber.ndjson');
  if (!options.envelopes && !existsSync(messages)) return { gatePassed: true, engineDisagreements: 0, contradictions: 0, invalidAcceptances: false, baselineUnread: options.baselineProblem !== undefined };
  const messagesText = options.envelopes ? undefined : readFileSync(messages, 'utf8');
  const { envelopes, problems } = options.envelopes ? { envelopes: options.envelopes, problems: [] as string[] } : parseNdjson(messagesText!);
  const benchFile = join(options.outDir, 'bench.json');
  let benchmark: ReturnType<typeof benchmarkSummary>;
  try {
    benchmark = existsSync(benchFile) ? benchmarkSummary(JSON.parse(readFileSync(benchFile, 'utf8'))) : undefined;
  } catch {
    benchmark = undefined; // a half-written or foreign bench.json is simply not shown
  }
  const meta = runMeta(io.cwd, io.env, options.root);
  // A merged parallel run hands its envelopes in; its messages file (when written) is still what mutation.json names.
  const analyses = await runAnalyses(options, envelopes, meta, messagesText ?? (options.mutate && existsSync(messages) ? readFileSync(messages, 'utf8') : undefined), io);
  const built = writeReports({
    envelopes,
    outDir: options.outDir,
    env: io.env,
    meta: { ...meta, ...(benchmark ? { benchmark } : {}), ...(options.waivedWarnings ? { waivedWarnings: options.waivedWarnings } : {}) },
    ...analyses,
    ...storeReportInputs(options.store, options.root),
    ...(options.baseline ? { baseline: { label: options.baseline.label, cells: options.baseline.cells }, changedStatements: options.baseline.changedStatements } : {}),
    ...(options.extraCases || options.baselineProblem !== undefined ? { extraCases: [...(options.extraCases ?? []), ...baselineCase(options.baselineProblem)] } : {}),
    ...(options.coverageThreshold !== undefined ? { coverageThreshold: options.coverageThreshold } : {}),
  });
  for (const p of [...problems, ...built.run.problems]) await write(io.stderr, `mq-policy test: warning: ${p}\n`);
  for (const c of built.contradictions.filter((x) => x.engineDisagrees)) {
    await write(io.stderr, `mq-policy test: ${c.uri ?? ''}${c.line !== undefined ? `:${c.line}` : ''}: ${c.scenario}: ${c.cell.principal} ${c.cell.action} ${c.resource} differs from the access matrix: ${c.why}\n`);
  }
  const allows = built.changes?.filter((c) => c.after === 'Allowed').length;
  if (built.changes) await write(io.stdout, `access changes against ${options.baseline!.label}: ${built.changes.length} (${allows} new allow${allows === 1 ? '' : 's'})\n`);
  await write(io.stdout, `reports: ${built.written.map((f) => f.replace(`${io.cwd}/`, '')).join(', ')}\n`);
  if (built.gate) await write(built.gate.pass ? io.stdout : io.stderr, `${built.gate.message}\n`);
  if (analyses.accessDiff) {
    for (const p of analyses.accessDiff.invalidAcceptances) await write(io.stderr, `mq-policy test: error: ${p}\n`);
    const g = built.accessDiffGate!;
    await write(g.pass ? io.stdout : io.stderr, `mq-policy test: ${g.pass ? '' : 'failed: '}${g.message} (over every request class; reports/access-diff.md)\n`);
  }
  if (analyses.mutation?.kind === 'computed') await write(io.stdout, `mq-policy test: mutation score ${analyses.mutation.report.score.toFixed(1)}% (${analyses.mutation.report.surviving} surviving mutants; reports/mutation.json)\n`);
  return {
    gatePassed: (built.gate?.pass ?? true) && (built.accessDiffGate?.pass ?? true),
    engineDisagreements: built.contradictions.filter((c) => c.engineDisagrees).length,
    contradictions: built.contradictions.length,
    invalidAcceptances: (analyses.accessDiff?.invalidAcceptances.length ?? 0) > 0,
    baselineUnread: options.baselineProblem !== undefined,
  };
}

/** A named baseline that could not be read is a failed check of its own: the reports never look green without the diff. */
function baselineCase(problem: string | undefined): ExtraCase[] {
  if (problem === undefined) return [];
  return [{ suite: 'mq-policy diff', name: 'the baseline named with --baseline could be read', failure: { message: `${problem}; the access diff over every request was not computed` } }];
}

/**
 * The analyses a run asked for, each computed once: the access diff against an explicit `--baseline REV`
 * (from the baseline store already read for the matrix), the analysis verdicts (`--analyze`), the mutation
 * score of this run's expectations (`--mutate`; otherwise the reports say it was not computed).
 */
async function runAnalyses(options: RunReportOptions, envelopes: readonly unknown[], meta: ReportMeta, messagesText: string | undefined, io: CliIo): Promise<{ accessDiff?: AccessDiff; analysis?: StoreAnalysis; mutation: MutationEvidence }> {
  const b = options.baseline;
  const accessDiff = b?.explicit ? await baselineAccessDiff(b.store, options.store, options.root, b.rev, b.label, io.cwd, new Date().toISOString().slice(0, 10)) : undefined;
  const analysis = options.analyze ? await storeAnalysis(options.store, options.root) : undefined;
  const mutation = options.mutate ? mutationOfRun(options.store, readMessages(envelopes), meta.store?.root ?? options.root, meta.store?.sha256, messagesText !== undefined ? sha256(messagesText) : undefined) : NOT_COMPUTED;
  return { ...(accessDiff ? { accessDiff } : {}), ...(analysis ? { analysis } : {}), mutation };
}
