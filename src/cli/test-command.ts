import { existsSync, readFileSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import { loadPolicyStore } from '../load';
import type { PolicyStore } from '../load/store-types';
import { parseCoverageThreshold } from '../reports';
import { cucumberApi, environment, planRun, type RunPlan } from './cucumber-run';
import { EXIT, UsageError, write, type CliIo, type ExitCode } from './io';
import { describeStore, locate, type Locations } from './locations';
import { writeRunReports, type RunReportOptions } from './run-reports';
import { reportStoreDiagnostics } from './store-diagnostics';
import { verdictOf } from './test-outcome';
import { runShards, takeParallel } from './parallel';

export interface TestOptions {
  /** Cucumber's own options and feature paths, in order, `--` removed. */
  readonly cucumberArgs: string[];
  readonly coverageThreshold?: number;
  readonly watch: boolean;
  readonly locations: Locations;
  /** `--parallel N`: processes to shard the run over (see parallel.ts); 0 or 1 runs in this process. */
  readonly parallel: number;
  /** Internal: this process is one shard of a `--parallel` run; it writes messages and JUnit only. */
  readonly shardWorker: boolean;
}

/** Options `mq-policy test` keeps for itself; everything else goes to Cucumber, with or without `--` before it. */
export function parseTestArgs(all: readonly string[], io: Pick<CliIo, 'env' | 'cwd'>): TestOptions {
  const { locations, rest } = locate(all, io.env, io.cwd, ['store', 'features', 'steps', 'out'], 'test');
  const cucumberArgs: string[] = [];
  let coverageThreshold: number | undefined;
  let watch = false;
  let shardWorker = false;
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
    else cucumberArgs.push(a);
  }
  const { count, rest: withoutParallel } = takeParallel(cucumberArgs);
  return { cucumberArgs: withoutParallel, watch, shardWorker, parallel: count ?? 0, locations, ...(coverageThreshold !== undefined ? { coverageThreshold } : {}) };
}

/** Loads and validates the store; prints every problem. Undefined when it is invalid. */
export async function validStore(locations: Locations, io: CliIo, warnings = true): Promise<PolicyStore | undefined> {
  if (!existsSync(locations.store)) {
    await write(io.stderr, `mq-policy test: no policy store at ${describeStore(locations)}; name it with --store DIR (or MQ_POLICY_STORE), or start one with \`mq-policy init\`\n`);
    return undefined;
  }
  const loaded = loadPolicyStore(locations.store);
  const errors = await reportStoreDiagnostics(warnings ? loaded : { ...loaded, diagnostics: loaded.diagnostics.filter((d) => d.severity === 'error') }, io);
  if (!loaded.store || errors > 0) {
    await write(io.stderr, `mq-policy test: the policy store is invalid (${errors} error${errors === 1 ? '' : 's'}); no scenario was run\n`);
    return undefined;
  }
  return loaded.store;
}

/**
 * `mq-policy test [features…] [--store D] [--features P…] [--steps P…] [--out D] [--watch] [cucumber options]`:
 * validates the policy store first (exit 3, every problem listed, before any scenario runs), then runs the
 * features with the built-in steps and the user's own, in this process, and writes the reports.
 * `--coverage-threshold N` fails the run (exit 2) when fewer than N % of the stored statements were ever decisive.
 * Exit 0 all passed, 2 an expectation failed, 1 harness error.
 */
export async function runTests(allArgs: readonly string[], io: CliIo): Promise<ExitCode> {
  const options = parseTestArgs(allArgs, io);
  if (options.watch) return (await import('./watch')).watchTests(options, io);
  const store = await validStore(options.locations, io, !options.shardWorker);
  if (!store) return EXIT.invalidInput;
  const plan = await planRun(options.locations, options.cucumberArgs, io);
  rmSync(plan.messages, { force: true });
  if (options.shardWorker) {
    const own: RunPlan = { ...plan, configuration: { ...plan.configuration, format: (plan.configuration.format ?? []).filter((f) => Array.isArray(f) && (f[0] === 'message' || f[0] === 'junit')) } };
    const ran = await runOnce(own, io);
    return typeof ran === 'number' ? ran : ran.success ? EXIT.ok : EXIT.expectationFailed;
  }
  const ran: { success: boolean; envelopes?: unknown[] } | ExitCode = options.parallel > 1 ? await runShards(options.parallel, options, options.cucumberArgs, io) : await runOnce(plan, io);
  if (typeof ran === 'number') return ran;
  return finish(plan, ran.success, store, options, io, ran.envelopes);
}

/** One Cucumber run of a plan in this process. */
async function runOnce(plan: RunPlan, io: CliIo): Promise<{ success: boolean } | ExitCode> {
  const api = cucumberApi();
  try {
    const { runConfiguration } = await api.loadConfiguration({ file: false, provided: plan.configuration }, environment(io));
    return { success: (await api.runCucumber(runConfiguration, environment(io))).success };
  } catch (err) {
    await write(io.stderr, `mq-policy test: cannot run the scenarios: ${firstLine(err)}\n`);
    return EXIT.usage;
  }
}

/** After a run (in this process or sharded): the reports, and the exit code from the recorded messages. */
async function finish(plan: RunPlan, success: boolean, store: PolicyStore, options: TestOptions, io: CliIo, envelopes?: RunReportOptions['envelopes']): Promise<ExitCode> {
  const { gatePassed } = await writeRunReports({ store, root: options.locations.store, outDir: options.locations.out, ...(envelopes ? { envelopes } : {}), ...(options.coverageThreshold !== undefined ? { coverageThreshold: options.coverageThreshold } : {}) }, io);
  if (success) return gatePassed ? EXIT.ok : EXIT.expectationFailed;
  if (!existsSync(plan.messages)) {
    await write(io.stderr, `mq-policy test: cucumber stopped without writing ${relative(io.cwd, plan.messages)}\n`);
    return EXIT.usage;
  }
  const verdict = verdictOf(readFileSync(plan.messages, 'utf8'));
  if (verdict.kind === 'expectation-failed') {
    const files = verdict.policyFiles.length > 0 ? `; policies involved: ${verdict.policyFiles.join(', ')}` : '';
    await write(io.stderr, `mq-policy test: an expected outcome did not hold${files}\n`);
    return EXIT.expectationFailed;
  }
  await write(io.stderr, `mq-policy test: harness error${verdict.reasons.length > 0 ? `: ${verdict.reasons.join('; ')}` : ''}\n`);
  return EXIT.usage;
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.trim().split('\n').map((l) => l.trim()).filter((l) => l !== '').slice(0, 3).join(' ');
}
