/** Whole-process timings: simulate end to end (workload 2) and start-up (workload 5). */
import { spawnSync } from 'node:child_process';
import { openSync, closeSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomCase, seededRandom } from './workload';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'bin', 'mq-policy.js');

/** Median wall-clock milliseconds of `runs` runs of a command (stdin from a file, stdout discarded). */
export function medianMillis(args: readonly string[], runs: number, stdinFile?: string): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const fd = stdinFile ? openSync(stdinFile, 'r') : 'ignore';
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: [fd, 'ignore', 'inherit'], cwd: ROOT });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (typeof fd === 'number') closeSync(fd);
    if (r.status !== 0 && r.status !== 3) throw new Error(`${args.join(' ')} exited ${r.status}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export interface SimulateFigures {
  readonly cases: number;
  readonly bytes: number;
  readonly millis: number;
  readonly casesPerSecond: number;
  readonly explainMillis: number;
  readonly ratio: number;
}

/** 100,000 cases, each with its own small policy, through `mq-policy simulate`, process start included. */
export function benchSimulate(cases = 100_000): SimulateFigures {
  const dir = join(ROOT, '.tmp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'bench-cases.jsonl');
  const rand = seededRandom(7);
  let text = '';
  for (let i = 0; i < cases; i++) text += `${JSON.stringify(randomCase(rand, i))}\n`;
  writeFileSync(file, text);
  const millis = medianMillis([CLI, 'simulate'], 3, file);
  const explainMillis = medianMillis([CLI, 'simulate', '--explain'], 1, file);
  return { cases, bytes: text.length, millis, casesPerSecond: cases / (millis / 1000), explainMillis, ratio: explainMillis / millis };
}

export interface StartFigures {
  readonly versionMillis: number;
  readonly nodeMillis: number;
  readonly overheadMillis: number;
}

/** `mq-policy --version` against a bare `node -e 0` measured in the same run. */
export function benchStart(): StartFigures {
  const versionMillis = medianMillis([CLI, '--version'], 11);
  const nodeMillis = medianMillis(['-e', '0'], 11);
  return { versionMillis, nodeMillis, overheadMillis: versionMillis - nodeMillis };
}
