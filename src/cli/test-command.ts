import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicyStore } from '../load';
import { EXIT, write, type CliIo, type ExitCode } from './io';
import { verdictOf } from './test-outcome';
import { writeRunReports } from './run-reports';
import { reportStoreDiagnostics } from './store-diagnostics';
import { parseCoverageThreshold } from '../reports';
import { UsageError } from './io';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, relative } from 'node:path';
import { readSourceStore, takeSourceOptions, type SourceRequest } from './sources';
import { printSummary } from './import';

/** Options `mq-policy test` keeps for itself; everything else goes to Cucumber. */
function ownOptions(all: readonly string[]): { args: string[]; coverageThreshold?: number } {
  const args: string[] = [];
  let coverageThreshold: number | undefined;
  for (let i = 0; i < all.length; i++) {
    const a = all[i]!;
    const inline = a.startsWith('--coverage-threshold=') ? a.slice('--coverage-threshold='.length) : undefined;
    if (a === '--coverage-threshold' || inline !== undefined) {
      const text = inline ?? all[++i];
      const parsed = parseCoverageThreshold(text ?? '');
      if (typeof parsed === 'string') throw new UsageError(`test: ${parsed}`);
      coverageThreshold = parsed;
    } else args.push(a);
  }
  return { args, ...(coverageThreshold !== undefined ? { coverageThreshold } : {}) };
}

const MESSAGES = join('reports', 'cucumber.ndjson');

/**
 * `mq-policy test [cucumber options]`: validates the policy store first (exit 3, every problem listed,
 * before any scenario runs), then runs Cucumber with the options passed through (--tags, --parallel,
 * --shard…) and writes the reports. `--coverage-threshold N` fails the run (exit 2) when fewer than N % of
 * the stored statements were ever decisive. Exit 0 all passed, 2 an expectation failed, 1 harness error.
 */
export async function runTests(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const { request: source, rest: allArgs } = takeSourceOptions(argv, 'test');
  if (source) return runTestsOnSource(source, allArgs, io);
  const { args, coverageThreshold } = ownOptions(allArgs);
  const root = join(io.cwd, io.env.MQ_POLICY_STORE ?? 'policies');
  const loaded = loadPolicyStore(root);
  const { store } = loaded;
  const errors = await reportStoreDiagnostics(loaded, io);
  if (!store || errors > 0) {
    await write(io.stderr, `mq-policy test: the policy store is invalid (${errors} error${errors === 1 ? '' : 's'}); no scenario was run\n`);
    return EXIT.invalidInput;
  }

  const messages = join(io.cwd, MESSAGES);
  rmSync(messages, { force: true });
  const cli = join(require.resolve('@cucumber/cucumber/package.json'), '..', 'bin', 'cucumber.js');
  const child = spawn(process.execPath, [cli, ...args], { cwd: io.cwd, stdio: 'inherit', env: { ...io.env } });
  const code = await new Promise<number>((resolve) => {
    child.on('error', () => resolve(-1));
    child.on('close', (c) => resolve(c ?? -1));
  });
  const { gatePassed } = await writeRunReports({ store, root, outDir: join(io.cwd, 'reports'), ...(coverageThreshold !== undefined ? { coverageThreshold } : {}) }, io);
  if (code === 0) return gatePassed ? EXIT.ok : EXIT.expectationFailed;
  if (!existsSync(messages)) {
    await write(io.stderr, `mq-policy test: cucumber stopped (exit ${code}) without writing ${MESSAGES}\n`);
    return EXIT.usage;
  }
  const verdict = verdictOf(readFileSync(messages, 'utf8'));
  if (verdict.kind === 'expectation-failed') {
    const files = verdict.policyFiles.length > 0 ? `; policies involved: ${verdict.policyFiles.join(', ')}` : '';
    await write(io.stderr, `mq-policy test: an expected outcome did not hold${files}\n`);
    return EXIT.expectationFailed;
  }
  await write(io.stderr, `mq-policy test: harness error${verdict.reasons.length > 0 ? `: ${verdict.reasons.join('; ')}` : ` (cucumber exit ${code})`}\n`);
  return EXIT.usage;
}

/**
 * `mq-policy test --source KIND:FILE…`: validates the source's store from memory (diagnostics at source
 * locations), then runs the features on it. Cucumber runs in its own process, which reads a store folder:
 * the same store files are written to a temporary folder for it and removed afterwards.
 */
async function runTestsOnSource(source: SourceRequest, args: readonly string[], io: CliIo): Promise<ExitCode> {
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
    return await runTests(args, { ...io, env: { ...io.env, MQ_POLICY_STORE: relative(io.cwd, dir) } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
