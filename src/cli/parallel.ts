import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNdjson } from '../reports';
import { EXIT, UsageError, write, type CliIo, type ExitCode } from './io';
import { runCucumberOnce, type RunPlan } from './cucumber-run';
import { mergeShardMessages } from './merge-shards';
import { PACKAGE_ROOT } from './package-root';
import type { TestOptions } from './test-command';
import { minParallelScenarios, planShards } from './shard-plan';
import { RunRecorder } from './watch-state';

/**
 * `--parallel N`, the count of processes to use. Cucumber's own parallel mode sends every scenario to a
 * worker with its whole feature document and relays each of its messages one by one: for many short
 * scenarios that costs more than running them (2,000 scenarios of one file: 35 s against 2 s serially).
 * Here each process runs its shard start to end, serially, writing its messages to a file (shard-plan.ts
 * says how the work is split); the shards' messages are then merged into one run.
 */
export function takeParallel(args: readonly string[]): { count: number | undefined; rest: string[] } {
  const rest: string[] = [];
  let count: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const inline = a.startsWith('--parallel=') ? a.slice('--parallel='.length) : undefined;
    if (a !== '--parallel' && inline === undefined) {
      rest.push(a);
      continue;
    }
    const text = inline ?? args[++i] ?? '';
    const n = Number(text);
    if (!/^\d+$/.test(text)) throw new UsageError(`test: \`--parallel\` takes a number of processes, not \`${text}\``);
    count = n;
  }
  if (count !== undefined && count > 1 && rest.some((a) => a === '--shard' || a.startsWith('--shard='))) throw new UsageError('test: `--parallel` shards the run itself; give `--parallel` or `--shard`, not both');
  return { count, rest };
}

/** A finished run: its verdict, and the merged messages when it was sharded (so they are not read again). */
export type ParallelRun = { readonly success: boolean; readonly envelopes?: ReturnType<typeof parseNdjson>['envelopes'] } | ExitCode;

/**
 * `--parallel N`: runs the first shard in this process (it has Cucumber and the store loaded already) and
 * the others in N-1 processes at the same time, then leaves one merged message stream in `out`, as a
 * serial run would. Too few scenarios to pay for a second process run here alone, saying so.
 */
export async function runParallel(count: number, options: TestOptions, plan: RunPlan, io: CliIo): Promise<ParallelRun> {
  const { locations } = options;
  const shardPlan = await planShards(plan.configuration.paths ?? [], count, io.cwd, minParallelScenarios(io.env));
  if (shardPlan.kind === 'serial') {
    await write(io.stderr, `mq-policy test: --parallel ${count}: ${shardPlan.why}; running them in this process\n`);
    return runCucumberOnce(plan.configuration, io);
  }
  const shardCount = shardPlan.kind === 'by-file' ? shardPlan.shards.length : shardPlan.shards;
  mkdirSync(locations.out, { recursive: true });
  const scratch = mkdtempSync(join(locations.out, '.shards-'));
  try {
    const bin = join(PACKAGE_ROOT, 'bin', 'mq-policy.js');
    const shardArgs = (i: number): string[] => {
      const own = join(scratch, `${i}.paths.json`);
      if (shardPlan.kind === 'by-file') writeFileSync(own, JSON.stringify(shardPlan.shards[i - 1]));
      return [
        bin,
        'test',
        '--shard-worker',
        ...(shardPlan.kind === 'by-file' ? ['--shard-paths', own] : []),
        '--store',
        locations.store,
        ...(locations.featuresGiven ? ['--features', ...locations.features] : []),
        ...(locations.steps.length > 0 ? ['--steps', ...locations.steps] : []),
        '--out',
        join(scratch, String(i)),
        ...options.cucumberArgs,
        ...(shardPlan.kind === 'by-pickle' ? ['--shard', `${i}/${count}`] : []),
      ];
    };
    // Node options such as --max-old-space-size (or a profiler) apply to every process of the run; a debugger's port is this process's own.
    const nodeOptions = process.execArgv.filter((a) => !/^--inspect/.test(a));
    const children = Array.from({ length: shardCount - 1 }, (_, k) => {
      const child = spawn(process.execPath, [...nodeOptions, ...shardArgs(k + 2)], { cwd: io.cwd, env: { ...io.env }, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      return new Promise<{ code: number; stderr: string }>((resolve) => {
        child.on('error', (err) => resolve({ code: -1, stderr: err.message }));
        child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
      });
    });
    const first = join(scratch, '1');
    const here: RunPlan['configuration'] = { ...plan.configuration, format: [['message', join(first, 'cucumber.ndjson')]], ...(shardPlan.kind === 'by-file' ? { paths: [...shardPlan.shards[0]!] } : { shard: `1/${count}` }) };
    const ranHere = await runCucumberOnce(here, io);
    const codes = [{ code: typeof ranHere === 'number' ? ranHere : 0, stderr: '' }, ...(await Promise.all(children))];
    const shards = codes.map((_, k) => join(scratch, String(k + 1)));
    const missing = shards.findIndex((dir) => !existsSync(join(dir, 'cucumber.ndjson')));
    if (missing >= 0) {
      await write(io.stderr, `mq-policy test: shard ${missing + 1} of ${shardCount} stopped (exit ${codes[missing]!.code}) without a run${codes[missing]!.stderr.trim() !== '' ? `: ${codes[missing]!.stderr.trim().split('\n').slice(-3).join(' ')}` : ''}\n`);
      return EXIT.usage;
    }
    const merged = mergeShardMessages(shards.map((dir) => readFileSync(join(dir, 'cucumber.ndjson'), 'utf8')));
    if (!merged.ok) {
      await write(io.stderr, `mq-policy test: cannot merge the shards: ${merged.error}\n`);
      return EXIT.usage;
    }
    writeFileSync(join(locations.out, 'cucumber.ndjson'), merged.ndjson);
    rmSync(join(locations.out, 'cucumber.html'), { force: true }); // Cucumber's own HTML cannot be merged; index.html covers the run
    const { envelopes } = parseNdjson(merged.ndjson);
    await write(io.stdout, summaryOf(envelopes as unknown as Record<string, unknown>[], `${shardCount} processes, ${shardPlan.kind === 'by-file' ? 'split by feature file' : `split scenario by scenario (${shardPlan.why})`}`));
    return { success: merged.success, envelopes };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The failures (with their explanations) and the counts, as Cucumber's summary prints them. */
function summaryOf(envelopes: readonly Record<string, unknown>[], how: string): string {
  const recorder = new RunRecorder();
  for (const e of envelopes) recorder.onMessage(e);
  const failed = recorder.scenarios.filter((s) => !s.passed);
  const failures = failed.map((s, i) => `${i + 1}) Scenario: ${s.name} # ${s.key}\n${(s.failure ?? '').replace(/^/gm, '   ')}\n`).join('\n');
  const counts = `${recorder.scenarios.length} scenario${recorder.scenarios.length === 1 ? '' : 's'} (${failed.length > 0 ? `${failed.length} failed, ` : ''}${recorder.scenarios.length - failed.length} passed) in ${how}\n`;
  return `${failures !== '' ? `Failures:\n\n${failures}\n` : ''}${counts}`;
}
