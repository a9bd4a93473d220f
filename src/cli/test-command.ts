import { existsSync, readFileSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import { loadPolicyStore } from '../load';
import type { PolicyStore } from '../load/store-types';
import { parseCoverageThreshold } from '../reports';
import { cucumberApi, environment, planRun, type RunPlan } from './cucumber-run';
import { EXIT, UsageError, write, type CliIo, type ExitCode } from './io';
import { describeStore, locate, type Locations } from './locations';
import { writeRunReports } from './run-reports';
import { reportStoreDiagnostics } from './store-diagnostics';
import { verdictOf } from './test-outcome';

export interface TestOptions {
  /** Cucumber's own options and feature paths, in order, `--` removed. */
  readonly cucumberArgs: string[];
  readonly coverageThreshold?: number;
  readonly watch: boolean;
  readonly locations: Locations;
}

/** Options `mq-policy test` keeps for itself; everything else goes to Cucumber, with or without `--` before it. */
export function parseTestArgs(all: readonly string[], io: Pick<CliIo, 'env' | 'cwd'>): TestOptions {
  const { locations, rest } = locate(all, io.env, io.cwd, ['store', 'features', 'steps', 'out'], 'test');
  const cucumberArgs: string[] = [];
  let coverageThreshold: number | undefined;
  let watch = false;
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
    else cucumberArgs.push(a);
  }
  return { cucumberArgs, watch, locations, ...(coverageThreshold !== undefined ? { coverageThreshold } : {}) };
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
  const store = await validStore(options.locations, io);
  if (!store) return EXIT.invalidInput;
  const plan = await planRun(options.locations, options.cucumberArgs, io);
  return runOnce(plan, store, options, io);
}

/** One Cucumber run of a plan, its reports and its exit code. `support` reuses loaded step files (watch). */
export async function runOnce(plan: RunPlan, store: PolicyStore, options: TestOptions, io: CliIo, support?: unknown): Promise<ExitCode> {
  const api = cucumberApi();
  rmSync(plan.messages, { force: true });
  let success: boolean;
  try {
    const { runConfiguration } = await api.loadConfiguration({ file: false, provided: plan.configuration }, environment(io));
    const result = await api.runCucumber(support !== undefined ? { ...runConfiguration, support: support as never } : runConfiguration, environment(io));
    success = result.success;
    lastSupport = result.support;
  } catch (err) {
    await write(io.stderr, `mq-policy test: cannot run the scenarios: ${firstLine(err)}\n`);
    return EXIT.usage;
  }
  const { gatePassed } = await writeRunReports({ store, root: options.locations.store, outDir: options.locations.out, ...(options.coverageThreshold !== undefined ? { coverageThreshold: options.coverageThreshold } : {}) }, io);
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

/** The support code of the last run, for watch mode to reuse. */
export let lastSupport: unknown;

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.trim().split('\n').map((l) => l.trim()).filter((l) => l !== '').slice(0, 3).join(' ');
}
