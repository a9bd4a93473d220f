import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { diskStoreFiles, loadPolicyStore } from '../load';
import { EXIT, write, type CliIo, type ExitCode } from './io';
import { verdictOf } from './test-outcome';
import { removeStaleReports, runMeta, writeRunReports } from './run-reports';
import { reportStoreDiagnostics } from './store-diagnostics';
import { parseCoverageThreshold } from '../reports';
import { UsageError } from './io';
import { BaselineUsageError, loadBaseline, takeBaselineOption, type BaselineChoice } from './baseline';
import { invalidStoreFailure, writeFailureReports } from './failure-reports';
import { splitWaived } from './waived-diagnostics';
import { describeSource } from '../model';

/** Options `mq-policy test` keeps for itself; everything else goes to Cucumber. */
function ownOptions(all: readonly string[]): { args: string[]; coverageThreshold?: number; baseline: BaselineChoice } {
  let taken;
  try {
    taken = takeBaselineOption(all);
  } catch (err) {
    if (err instanceof BaselineUsageError) throw new UsageError(`test: ${err.message}`);
    throw err;
  }
  const args: string[] = [];
  let coverageThreshold: number | undefined;
  for (let i = 0; i < taken.args.length; i++) {
    const a = taken.args[i]!;
    const inline = a.startsWith('--coverage-threshold=') ? a.slice('--coverage-threshold='.length) : undefined;
    if (a === '--coverage-threshold' || inline !== undefined) {
      const text = inline ?? taken.args[++i];
      const parsed = parseCoverageThreshold(text ?? '');
      if (typeof parsed === 'string') throw new UsageError(`test: ${parsed}`);
      coverageThreshold = parsed;
    } else args.push(a);
  }
  return { args, baseline: taken.choice, ...(coverageThreshold !== undefined ? { coverageThreshold } : {}) };
}

const MESSAGES = join('reports', 'cucumber.ndjson');

/**
 * `mq-policy test [--baseline REV|none] [--coverage-threshold N] [cucumber options]`: validates the policy
 * store first (exit 3, every problem listed, before any scenario runs), then runs Cucumber with the options
 * passed through (--tags, --parallel, --shard…) and writes the reports. Every outcome writes every report:
 * an invalid store or a harness error writes a failing junit.xml, a red summary.md and an index.html that
 * says what failed; reports of an earlier run are removed first. `--coverage-threshold N` fails the run
 * (exit 2) when fewer than N % of the stored statements were ever decisive. `--baseline` compares the
 * access matrix with the store at a git revision (default: the merge base with the default branch).
 * Exit 0 all passed, 2 an expectation failed, 1 harness error, 3 invalid store.
 */
export async function runTests(allArgs: readonly string[], io: CliIo): Promise<ExitCode> {
  const { args, coverageThreshold, baseline: baselineChoice } = ownOptions(allArgs);
  const root = join(io.cwd, io.env.MQ_POLICY_STORE ?? 'policies');
  const outDir = join(io.cwd, 'reports');
  removeStaleReports(outDir);
  const loaded = loadPolicyStore(diskStoreFiles(root, io.cwd));
  const { store } = loaded;
  const { shown, waived } = splitWaived(root, loaded.diagnostics, new Date().toISOString().slice(0, 10));
  const errors = await reportStoreDiagnostics({ ...loaded, diagnostics: shown }, io);
  if (waived.length > 0) await write(io.stderr, `mq-policy test: ${waived.length} store warning${waived.length === 1 ? ' is' : 's are'} waived in waivers.yaml (listed in the reports)\n`);
  const waivedWarnings = waived.map((w) => ({ code: w.diagnostic.code, location: describeSource(w.diagnostic.source), message: w.diagnostic.message, owner: w.owner, expires: w.expires }));
  if (!store || errors > 0) {
    writeFailureReports(outDir, invalidStoreFailure(loaded.diagnostics), runMeta(io.cwd, io.env, root), io);
    await write(io.stderr, `mq-policy test: the policy store is invalid (${errors} error${errors === 1 ? '' : 's'}); no scenario was run; reports/junit.xml and reports/summary.md say so\n`);
    return EXIT.invalidInput;
  }
  const baseline = loadBaseline(baselineChoice, root, io.cwd, store);
  if (baseline && 'problem' in baseline) await write(io.stderr, `mq-policy test: ${baseline.problem}\n`);
  if (!baseline && baselineChoice.kind === 'default') await write(io.stdout, 'mq-policy test: no default branch to compare the access matrix with; pass --baseline REV to list access changes\n');

  const messages = join(io.cwd, MESSAGES);
  rmSync(messages, { force: true });
  const cli = join(require.resolve('@cucumber/cucumber/package.json'), '..', 'bin', 'cucumber.js');
  const child = spawn(process.execPath, [cli, ...args], { cwd: io.cwd, stdio: 'inherit', env: { ...io.env } });
  const code = await new Promise<number>((resolve) => {
    child.on('error', () => resolve(-1));
    child.on('close', (c) => resolve(c ?? -1));
  });
  if (!existsSync(messages)) {
    const headline = `harness error: cucumber stopped (exit ${code}) without writing ${MESSAGES}`;
    writeFailureReports(outDir, { kind: 'harness-error', headline, problems: [{ name: 'cucumber run', message: headline }] }, runMeta(io.cwd, io.env, root), io);
    await write(io.stderr, `mq-policy test: ${headline}\n`);
    return EXIT.usage;
  }
  const verdict = verdictOf(readFileSync(messages, 'utf8'));
  const harnessCases = verdict.kind === 'harness-error' ? [{ suite: 'mq-policy harness', name: 'the run finished without a harness error', failure: { message: verdict.reasons.join('; ') || `cucumber exit ${code}` } }] : [];
  const written = await writeRunReports({ store, root, outDir, ...(coverageThreshold !== undefined ? { coverageThreshold } : {}), ...(baseline && !('problem' in baseline) ? { baseline } : {}), extraCases: harnessCases, waivedWarnings }, io);
  if (written.engineDisagreements > 0) {
    await write(io.stderr, `mq-policy test: harness error: ${written.engineDisagreements} scenario decision(s) differ from the access matrix for the same request\n`);
    return EXIT.usage;
  }
  if (code === 0 && verdict.kind === 'passed') return written.gatePassed && written.contradictions === 0 ? EXIT.ok : EXIT.expectationFailed;
  if (verdict.kind === 'expectation-failed') {
    const files = verdict.policyFiles.length > 0 ? `; policies involved: ${verdict.policyFiles.join(', ')}` : '';
    await write(io.stderr, `mq-policy test: an expected outcome did not hold${files}\n`);
    return EXIT.expectationFailed;
  }
  await write(io.stderr, `mq-policy test: harness error${verdict.reasons.length > 0 ? `: ${verdict.reasons.join('; ')}` : ` (cucumber exit ${code})`}\n`);
  return EXIT.usage;
}
