import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { diskStoreFiles, loadPolicyStore } from '../load';
import { describeSource } from '../model';
import type { PolicyStore } from '../load/store-types';
import { parseCoverageThreshold } from '../reports';
import { planRun, runCucumberOnce, type RunPlan } from './cucumber-run';
import { EXIT, UsageError, write, type CliIo, type ExitCode } from './io';
import { describeStore, locate, type Locations } from './locations';
import { writeRunReports, type RunReportOptions } from './run-reports';
import { reportStoreDiagnostics } from './store-diagnostics';
import { verdictOf } from './test-outcome';
import { runParallel, takeParallel, type ParallelRun } from './parallel';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readSourceStore, takeSourceOptions, type SourceRequest } from './sources';
import { printSummary } from './import';
import { BaselineUsageError, loadBaseline, takeBaselineOption, type BaselineChoice } from './baseline';
import { invalidStoreFailure, writeFailureReports } from './failure-reports';
import { removeStaleReports, runMeta } from './run-reports';
import { splitWaived, type WaivedWarning } from './waived-diagnostics';

export interface TestOptions {
  /** Cucumber's own options and feature paths, in order, `--` removed. */
  readonly cucumberArgs: string[];
  readonly coverageThreshold?: number;
  readonly watch: boolean;
  readonly locations: Locations;
  /** `--parallel N`: processes to shard the run over (see parallel.ts); 0 or 1 runs in this process. */
  readonly parallel: number;
  /** Internal: this process is one shard of a `--parallel` run; it writes its messages only. */
  readonly shardWorker: boolean;
  /** Internal, with shardWorker: a JSON file listing the feature files this shard runs (sharded by file). */
  readonly shardPaths?: string;
  /** `--baseline REV|none`: the store revision whose access matrix the reports compare with. */
  readonly baseline: BaselineChoice;
  /** `--analyze` / `--mutate`: analysis verdicts beside coverage; the mutation score of this run (see run-reports.ts). */
  readonly analyze?: boolean;
  readonly mutate?: boolean;
}

/** Options `mq-policy test` keeps for itself; everything else goes to Cucumber, with or without `--` before it. */
export function parseTestArgs(all: readonly string[], io: Pick<CliIo, 'env' | 'cwd'>): TestOptions {
  const { locations, rest: withBaseline } = locate(all, io.env, io.cwd, ['store', 'features', 'steps', 'out'], 'test');
  let taken;
  try {
    taken = takeBaselineOption(withBaseline);
  } catch (err) {
    if (err instanceof BaselineUsageError) throw new UsageError(`test: ${err.message}`);
    throw err;
  }
  const rest = taken.args;
  const cucumberArgs: string[] = [];
  let coverageThreshold: number | undefined;
  let watch = false;
  let shardWorker = false;
  let shardPaths: string | undefined;
  let analyze = false;
  let mutate = false;
  let separated = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--' && !separated) {
      separated = true;
      continue;
    }
    const inline = a.startsWith('--coverage-threshold=') ? a.slice('--coverage-threshold='.length) : undefined;
    if (a === '--coverage-threshold' || inline !== undefined) {
      const parsed = parseCoverageThreshold(inline ?? rest[++i] ?? '');
      if (typeof parsed === 'string') throw new UsageError(`test: ${parsed}`);
      coverageThreshold = parsed;
    } else if (a === '--watch') watch = true;
    else if (a === '--shard-worker') shardWorker = true;
    else if (a === '--shard-paths') shardPaths = rest[++i];
    else if (a === '--analyze') analyze = true;
    else if (a === '--mutate') mutate = true;
    else cucumberArgs.push(a);
  }
  const { count, rest: withoutParallel } = takeParallel(cucumberArgs);
  return { cucumberArgs: withoutParallel, watch, shardWorker, ...(shardPaths !== undefined ? { shardPaths } : {}), parallel: count ?? 0, locations, baseline: taken.choice, ...(analyze ? { analyze } : {}), ...(mutate ? { mutate } : {}), ...(coverageThreshold !== undefined ? { coverageThreshold } : {}) };
}

/**
 * Loads and validates the store; prints every problem except warnings a waiver accepts (those are counted).
 * Undefined when it is invalid; with `reportsTo`, the failure is then written to every report of that folder.
 */
export async function checkStore(locations: Locations, io: CliIo, warnings = true, reportsTo?: string): Promise<{ store: PolicyStore; waived: readonly WaivedWarning[] } | undefined> {
  if (!existsSync(locations.store)) {
    const message = `no policy store at ${describeStore(locations)}; name it with --store DIR (or MQ_POLICY_STORE), or start one with \`mq-policy init\``;
    if (reportsTo !== undefined) writeFailureReports(reportsTo, { kind: 'invalid-store', headline: 'there is no policy store; no scenario was run', problems: [{ name: 'policy store', message }] }, {}, io);
    await write(io.stderr, `mq-policy test: ${message}\n`);
    return undefined;
  }
  const loaded = loadPolicyStore(diskStoreFiles(locations.store, io.cwd));
  const { shown, waived } = splitWaived(locations.store, loaded.diagnostics, new Date().toISOString().slice(0, 10));
  const errors = await reportStoreDiagnostics({ ...loaded, diagnostics: warnings ? shown : shown.filter((d) => d.severity === 'error') }, io);
  if (warnings && waived.length > 0) await write(io.stderr, `mq-policy test: ${waived.length} store warning${waived.length === 1 ? ' is' : 's are'} waived in waivers.yaml (listed in the reports)\n`);
  if (!loaded.store || errors > 0) {
    if (reportsTo !== undefined) writeFailureReports(reportsTo, invalidStoreFailure(loaded.diagnostics), runMeta(io.cwd, io.env, locations.store), io);
    await write(io.stderr, `mq-policy test: the policy store is invalid (${errors} error${errors === 1 ? '' : 's'}); no scenario was run${reportsTo !== undefined ? '; the reports say so' : ''}\n`);
    return undefined;
  }
  return { store: loaded.store, waived };
}

/** Loads and validates the store; prints every problem. Undefined when it is invalid. */
export async function validStore(locations: Locations, io: CliIo, warnings = true): Promise<PolicyStore | undefined> {
  return (await checkStore(locations, io, warnings))?.store;
}

/**
 * `mq-policy test [features…] [--store D] [--features P…] [--steps P…] [--out D] [--watch] [cucumber options]`:
 * validates the policy store first (exit 3, every problem listed, before any scenario runs), then runs the
 * features with the built-in steps and the user's own, in this process, and writes the reports.
 * `--coverage-threshold N` fails the run (exit 2) when fewer than N % of the stored statements were ever decisive.
 * Exit 0 all passed, 2 an expectation failed, 1 harness error.
 */
export async function runTests(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const { request: source, rest: allArgs } = takeSourceOptions(argv, 'test');
  if (source) return runTestsOnSource(source, allArgs, io);
  const options = parseTestArgs(allArgs, io);
  if (options.watch) return (await import('./watch')).watchTests(options, io);
  if (options.shardWorker) return runShard(options, io);
  // Reports of an earlier run never survive this one, whatever happens next.
  removeStaleReports(options.locations.out);
  const valid = await checkStore(options.locations, io, true, options.locations.out);
  if (!valid) return EXIT.invalidInput;
  const { store } = valid;
  const plan = await planRun(options.locations, options.cucumberArgs, io);
  rmSync(plan.messages, { force: true });
  const ran: ParallelRun = options.parallel > 1 ? await runParallel(options.parallel, options, plan, io) : await runCucumberOnce(plan.configuration, io);
  if (typeof ran === 'number') {
    if (!existsSync(plan.messages)) harnessFailure(options, io, `the scenarios could not be run (exit ${ran}); see the messages above`);
    return ran;
  }
  return finish(plan, ran.success, { store, waived: valid.waived }, options, io, ran.envelopes);
}

/**
 * One shard of a `--parallel` run (parallel.ts), in its own process: the parent validated the store already
 * and builds every report, so this runs its scenarios (its own files, or Cucumber's `--shard i/N`) and writes
 * only their messages.
 */
async function runShard(options: TestOptions, io: CliIo): Promise<ExitCode> {
  const plan = await planRun(options.locations, options.cucumberArgs, io);
  rmSync(plan.messages, { force: true });
  const paths = options.shardPaths !== undefined ? (JSON.parse(readFileSync(options.shardPaths, 'utf8')) as string[]) : undefined;
  const ran = await runCucumberOnce({ ...plan.configuration, format: [['message', plan.messages]], ...(paths ? { paths } : {}) }, io);
  return typeof ran === 'number' ? ran : ran.success ? EXIT.ok : EXIT.expectationFailed;
}

/** A run that stopped before it recorded anything still fails every report, saying why. */
function harnessFailure(options: TestOptions, io: CliIo, why: string): void {
  writeFailureReports(options.locations.out, { kind: 'harness-error', headline: `harness error: ${why}`, problems: [{ name: 'the scenarios ran', message: why }] }, runMeta(io.cwd, io.env, options.locations.store), io);
}

/** After a run (in this process or sharded): the reports, and the exit code from the recorded messages. */
async function finish(plan: RunPlan, success: boolean, valid: { store: PolicyStore; waived: readonly WaivedWarning[] }, options: TestOptions, io: CliIo, envelopes?: RunReportOptions['envelopes']): Promise<ExitCode> {
  if (!envelopes && !existsSync(plan.messages)) {
    const why = `cucumber stopped without writing ${relative(io.cwd, plan.messages)}`;
    harnessFailure(options, io, why);
    await write(io.stderr, `mq-policy test: ${why}\n`);
    return EXIT.usage;
  }
  const baseline = loadBaseline(options.baseline, options.locations.store, io.cwd, valid.store);
  if (baseline && 'problem' in baseline) await write(io.stderr, `mq-policy test: ${baseline.problem}\n`);
  if (!baseline && options.baseline.kind === 'default') await write(io.stdout, 'mq-policy test: no default branch to compare the access matrix with; pass --baseline REV to list access changes\n');
  const verdict = existsSync(plan.messages) ? verdictOf(readFileSync(plan.messages, 'utf8')) : { kind: success ? ('passed' as const) : ('expectation-failed' as const), policyFiles: [], reasons: [] };
  const harnessCases = verdict.kind === 'harness-error' ? [{ suite: 'mq-policy harness', name: 'the run finished without a harness error', failure: { message: verdict.reasons.join('; ') || 'the Cucumber run did not succeed' } }] : [];
  const waivedWarnings = valid.waived.map((w) => ({ code: w.diagnostic.code, location: describeSource(w.diagnostic.source), message: w.diagnostic.message, owner: w.owner, expires: w.expires }));
  const written = await writeRunReports(
    { store: valid.store, root: options.locations.store, outDir: options.locations.out, ...(envelopes ? { envelopes } : {}), ...(options.coverageThreshold !== undefined ? { coverageThreshold: options.coverageThreshold } : {}), ...(baseline && !('problem' in baseline) ? { baseline } : {}), extraCases: harnessCases, waivedWarnings, ...(baseline && 'problem' in baseline && options.baseline.kind === 'revision' ? { baselineProblem: baseline.problem } : {}), ...(options.analyze ? { analyze: true } : {}), ...(options.mutate ? { mutate: true } : {}) },
    io,
  );
  if (written.engineDisagreements > 0) {
    await write(io.stderr, `mq-policy test: harness error: ${written.engineDisagreements} scenario decision(s) differ from the access matrix for the same request\n`);
    return EXIT.usage;
  }
  if (written.invalidAcceptances) return EXIT.invalidInput;
  if (written.baselineUnread) return EXIT.usage;
  if (success) return written.gatePassed && written.contradictions === 0 ? EXIT.ok : EXIT.expectationFailed;
  if (verdict.kind === 'expectation-failed') {
    const files = verdict.policyFiles.length > 0 ? `; policies involved: ${verdict.policyFiles.join(', ')}` : '';
    await write(io.stderr, `mq-policy test: an expected outcome did not hold${files}\n`);
    return EXIT.expectationFailed;
  }
  await write(io.stderr, `mq-policy test: harness error${verdict.reasons.length > 0 ? `: ${verdict.reasons.join('; ')}` : ''}\n`);
  return EXIT.usage;
}

/**
 * `mq-policy test --source KIND:FILE…`: validates the source's store from memory (diagnostics at source
 * locations), then runs the features on the same store files, written to a temporary store folder (Cucumber's
 * shards and the reports read a store folder) that is removed afterwards.
 */
async function runTestsOnSource(source: SourceRequest, args: readonly string[], io: CliIo): Promise<ExitCode> {
  if (args.some((a) => a === '--store' || a.startsWith('--store='))) throw new UsageError('test: give `--store` or `--source`, not both');
  const read = readSourceStore(source, io.cwd);
  await printSummary(read, io);
  const { report } = read.built;
  const errors = read.load.diagnostics.filter((d) => d.severity === 'error').length;
  if (report.errors.length > 0 || errors > 0 || !read.load.store || (!report.complete && !source.allowUnresolved)) {
    await write(io.stderr, `mq-policy test: the source could not be read into a valid, complete store (see above${report.complete ? '' : '; --allow-unresolved accepts unresolved values'}); no scenario was run\n`);
    return EXIT.invalidInput;
  }
  const dir = mkdtempSync(join(tmpdir(), 'mq-policy-source-'));
  try {
    for (const [path, text] of read.built.files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return await runTests(['--store', dir, ...args], io);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
