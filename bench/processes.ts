/** Whole-process timings: simulate end to end against the JSON.parse floor (workload 2), and start-up (workload 5). */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedStore, randomOwnPoliciesCase, randomRequest, seededRandom } from './workload';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'bin', 'mq-policy.js');
const FLOOR = join(__dirname, 'json-floor.js');

/** Median wall-clock milliseconds of `runs` runs of a command (stdin from a file, stdout discarded). */
export function medianMillis(args: readonly string[], runs: number, stdinFile?: string, okStatuses: readonly number[] = [0, 3]): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const fd = stdinFile ? openSync(stdinFile, 'r') : 'ignore';
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: [fd, 'ignore', 'pipe'], cwd: ROOT });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (typeof fd === 'number') closeSync(fd);
    if (r.status === null || !okStatuses.includes(r.status)) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr?.toString().slice(0, 300)}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export interface SimulateWorkload {
  readonly cases: number;
  readonly bytes: number;
  /** Median end-to-end time of `mq-policy simulate`, process start included. */
  readonly millis: number;
  readonly casesPerSecond: number;
  /** Median time of bench/json-floor.js on the same file: a node process that only JSON.parse's each line. */
  readonly floorMillis: number;
  /** millis / floorMillis (target ≤ 2). */
  readonly ratio: number;
  /** Answers that were decisions (the rest were error answers): proves the workload is decided, not refused. */
  readonly decided: number;
}

function writeCases(file: string, cases: number, make: (rand: () => number, i: number) => unknown): number {
  const rand = seededRandom(7);
  const lines: string[] = [];
  for (let i = 0; i < cases; i++) lines.push(JSON.stringify(make(rand, i)));
  const text = `${lines.join('\n')}\n`;
  writeFileSync(file, text);
  return Buffer.byteLength(text);
}

function measure(file: string, cases: number, bytes: number, runs: number): SimulateWorkload {
  const check = spawnSync(process.execPath, [CLI, 'simulate'], { stdio: [openSync(file, 'r'), 'pipe', 'pipe'], cwd: ROOT, maxBuffer: 1 << 30 });
  const answers = check.stdout.toString().split('\n').filter(Boolean);
  if (answers.length !== cases) throw new Error(`simulate answered ${answers.length} of ${cases} cases: ${check.stderr.toString().slice(0, 300)}`);
  const decided = answers.filter((a) => a.includes('"decision":')).length;
  const millis = medianMillis([CLI, 'simulate'], runs, file);
  const floorMillis = medianMillis([FLOOR], runs, file);
  return { cases, bytes, millis, casesPerSecond: cases / (millis / 1000), floorMillis, ratio: millis / floorMillis, decided };
}

export interface SimulateFigures {
  /** (a) 20,000 cases, each with policies of its own. */
  readonly ownPolicies: SimulateWorkload;
  /** (b) 10,000 cases sharing one policy set (the fixed store of workload 1). */
  readonly sharedPolicies: SimulateWorkload;
  /** `--explain` on (a), once, against the plain run. */
  readonly explainMillis: number;
  readonly explainRatio: number;
}

export function benchSimulate(ownCases = 20_000, sharedCases = 10_000, runs = 3): SimulateFigures {
  const dir = join(ROOT, '.tmp');
  mkdirSync(dir, { recursive: true });
  const ownFile = join(dir, 'bench-own-policies.jsonl');
  const sharedFile = join(dir, 'bench-shared-policies.jsonl');
  const ownBytes = writeCases(ownFile, ownCases, randomOwnPoliciesCase);
  const store = fixedStore();
  const sharedBytes = writeCases(sharedFile, sharedCases, (rand, i) => ({ id: `c${i}`, policies: store, request: randomRequest(rand) }));
  const ownPolicies = measure(ownFile, ownCases, ownBytes, runs);
  const sharedPolicies = measure(sharedFile, sharedCases, sharedBytes, runs);
  const explainMillis = medianMillis([CLI, 'simulate', '--explain'], 1, ownFile);
  return { ownPolicies, sharedPolicies, explainMillis, explainRatio: explainMillis / ownPolicies.millis };
}

export interface StartFigures {
  /** Median start-up of each command on a trivial input, in milliseconds. */
  readonly commands: Readonly<Record<string, number>>;
  readonly versionMillis: number;
  readonly nodeMillis: number;
  readonly overheadMillis: number;
  readonly slowest: string;
}

/** Every command's start-up on a trivial input, and `--version`, against a bare `node -e 0` measured in the same run. */
export function benchStart(runs = 7): StartFigures {
  const small = join(ROOT, 'policies', 'identity', 'mq-describe-read-only.json');
  const empty = join(ROOT, '.tmp', 'empty.jsonl');
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  writeFileSync(empty, '');
  const commands: Record<string, number> = {
    '--version': medianMillis([CLI, '--version'], runs * 2 - 1),
    '--help': medianMillis([CLI, '--help'], runs),
    'simulate (empty input)': medianMillis([CLI, 'simulate'], runs, empty),
    'lint (one file)': medianMillis([CLI, 'lint', small], runs),
    'matrix --help': medianMillis([CLI, 'matrix', '--help'], runs, undefined, [0, 1]),
    'report --help': medianMillis([CLI, 'report', '--help'], runs, undefined, [0, 1]),
    'test --help': medianMillis([CLI, 'test', '--help'], runs, undefined, [0, 1]),
  };
  const nodeMillis = medianMillis(['-e', '0'], runs * 2 - 1);
  const versionMillis = commands['--version']!;
  const slowest = Object.entries(commands).sort((a, b) => b[1] - a[1])[0]![0];
  return { commands, versionMillis, nodeMillis, overheadMillis: versionMillis - nodeMillis, slowest };
}
