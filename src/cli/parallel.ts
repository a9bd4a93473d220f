import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNdjson } from '../reports';
import { EXIT, UsageError, write, type CliIo, type ExitCode } from './io';
import { mergeJunit, mergeShardMessages } from './merge-shards';
import { PACKAGE_ROOT } from './package-root';
import type { TestOptions } from './test-command';
import { RunRecorder } from './watch-state';

/**
 * `--parallel N`, the count of processes to use. Cucumber's own parallel mode sends every scenario to a
 * worker with its whole feature document and relays each of its messages one by one: for many short
 * scenarios that costs more than running them (2,000 scenarios of one file: 35 s against 2 s serially).
 * Here each process runs its shard (`--shard i/N`) start to end, serially, writing its messages to a file;
 * the shards' messages and JUnit are then merged into one run.
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

/** Runs N shard processes and leaves one merged message stream (and JUnit) in `out`, as a serial run would. */
export async function runShards(count: number, options: TestOptions, cucumberArgs: readonly string[], io: CliIo): Promise<{ success: boolean; envelopes: ReturnType<typeof parseNdjson>['envelopes'] } | ExitCode> {
  const { locations } = options;
  mkdirSync(locations.out, { recursive: true });
  const scratch = mkdtempSync(join(locations.out, '.shards-'));
  try {
    const bin = join(PACKAGE_ROOT, 'bin', 'mq-policy.js');
    const shardArgs = (i: number): string[] => [
      bin,
      'test',
      '--shard-worker',
      '--store',
      locations.store,
      ...(locations.featuresGiven ? ['--features', ...locations.features] : []),
      ...(locations.steps.length > 0 ? ['--steps', ...locations.steps] : []),
      '--out',
      join(scratch, String(i)),
      ...cucumberArgs,
      '--shard',
      `${i}/${count}`,
    ];
    const codes = await Promise.all(
      Array.from({ length: count }, (_, k) => {
        const child = spawn(process.execPath, shardArgs(k + 1), { cwd: io.cwd, env: { ...io.env }, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
        return new Promise<{ code: number; stderr: string }>((resolve) => {
          child.on('error', (err) => resolve({ code: -1, stderr: err.message }));
          child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
        });
      }),
    );
    const shards = codes.map((_, k) => join(scratch, String(k + 1)));
    const missing = shards.findIndex((dir) => !existsSync(join(dir, 'cucumber.ndjson')));
    if (missing >= 0) {
      await write(io.stderr, `mq-policy test: shard ${missing + 1} of ${count} stopped (exit ${codes[missing]!.code}) without a run: ${codes[missing]!.stderr.trim().split('\n').slice(-3).join(' ')}\n`);
      return EXIT.usage;
    }
    const merged = mergeShardMessages(shards.map((dir) => readFileSync(join(dir, 'cucumber.ndjson'), 'utf8')));
    if (!merged.ok) {
      await write(io.stderr, `mq-policy test: cannot merge the shards: ${merged.error}\n`);
      return EXIT.usage;
    }
    writeFileSync(join(locations.out, 'cucumber.ndjson'), merged.ndjson);
    writeFileSync(join(locations.out, 'junit.xml'), mergeJunit(shards.map((dir) => (existsSync(join(dir, 'junit.xml')) ? readFileSync(join(dir, 'junit.xml'), 'utf8') : ''))));
    rmSync(join(locations.out, 'cucumber.html'), { force: true }); // Cucumber's own HTML cannot be merged; index.html covers the run
    const { envelopes } = parseNdjson(merged.ndjson);
    await write(io.stdout, summaryOf(envelopes as unknown as Record<string, unknown>[], count));
    return { success: merged.success, envelopes };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The failures (with their explanations) and the counts, as Cucumber's summary prints them. */
function summaryOf(envelopes: readonly Record<string, unknown>[], count: number): string {
  const recorder = new RunRecorder();
  for (const e of envelopes) recorder.onMessage(e);
  const failed = recorder.scenarios.filter((s) => !s.passed);
  const failures = failed.map((s, i) => `${i + 1}) Scenario: ${s.name} # ${s.key}\n${(s.failure ?? '').replace(/^/gm, '   ')}\n`).join('\n');
  const counts = `${recorder.scenarios.length} scenario${recorder.scenarios.length === 1 ? '' : 's'} (${failed.length > 0 ? `${failed.length} failed, ` : ''}${recorder.scenarios.length - failed.length} passed) in ${count} processes\n`;
  return `${failures !== '' ? `Failures:\n\n${failures}\n` : ''}${counts}`;
}
