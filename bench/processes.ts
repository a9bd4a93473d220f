/** Whole-process timings: simulate end to end against the JSON.parse floor (workload 2), and start-up (workload 5). */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fixedStore, randomOwnPoliciesCase, randomRequest, seededRandom } from './workload';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'bin', 'mq-policy.js');
const FLOOR = join(__dirname, 'json-floor.js');

const TIME = '/usr/bin/time';
const HAVE_TIME = existsSync(TIME);

export interface RunTimes {
  /** Median wall-clock milliseconds. */
  readonly wall: number;
  /**
   * Median CPU milliseconds (user + system, all threads) when /usr/bin/time is there. Wall time on a
   * machine shared with other jobs mostly measures the queue for a core; CPU time measures the work.
   */
  readonly cpu?: number;
  /** Fastest run, wall clock and CPU: on a shared machine the least disturbed one. */
  readonly wallMin: number;
  readonly cpuMin?: number;
}

/** Medians of `runs` runs of a node command (stdin from a file, stdout discarded). */
export function medianRun(args: readonly string[], runs: number, stdinFile?: string, okStatuses: readonly number[] = [0, 3]): RunTimes {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) oneRun(args, walls, cpus, stdinFile, okStatuses);
  return summary(walls, cpus, runs);
}

function summary(walls: number[], cpus: number[], runs: number): RunTimes {
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const complete = cpus.length === runs;
  return { wall: median(walls), wallMin: Math.min(...walls), ...(complete ? { cpu: median(cpus), cpuMin: Math.min(...cpus) } : {}) };
}

/** Runs two commands alternately, `runs` times each, so a change in the machine's load hits both alike. */
export function pairedRuns(a: readonly string[], b: readonly string[], runs: number, stdinFile: string): [RunTimes, RunTimes] {
  const times = [{ walls: [] as number[], cpus: [] as number[] }, { walls: [] as number[], cpus: [] as number[] }];
  for (let i = 0; i < runs; i++) {
    oneRun(a, times[0]!.walls, times[0]!.cpus, stdinFile, [0, 3]);
    oneRun(b, times[1]!.walls, times[1]!.cpus, stdinFile, [0, 3]);
  }
  return [summary(times[0]!.walls, times[0]!.cpus, runs), summary(times[1]!.walls, times[1]!.cpus, runs)];
}

function oneRun(args: readonly string[], walls: number[], cpus: number[], stdinFile: string | undefined, okStatuses: readonly number[]): void {
  const fd = stdinFile ? openSync(stdinFile, 'r') : 'ignore';
  const start = process.hrtime.bigint();
  const r = HAVE_TIME
    ? spawnSync(TIME, ['-f', '@cpu %U %S', process.execPath, ...args], { stdio: [fd, 'ignore', 'pipe'], cwd: ROOT })
    : spawnSync(process.execPath, args, { stdio: [fd, 'ignore', 'pipe'], cwd: ROOT });
  walls.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (typeof fd === 'number') closeSync(fd);
  const stderr = r.stderr?.toString() ?? '';
  const cpu = /@cpu ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
  if (cpu) cpus.push((Number(cpu[1]) + Number(cpu[2])) * 1000);
  // /usr/bin/time exits with the command's status.
  if (r.status === null || !okStatuses.includes(r.status)) throw new Error(`${args.join(' ')} exited ${r.status}: ${stderr.slice(0, 300)}`);
}

/** Median wall-clock milliseconds of `runs` runs of a command. */
export function medianMillis(args: readonly string[], runs: number, stdinFile?: string, okStatuses: readonly number[] = [0, 3]): number {
  return medianRun(args, runs, stdinFile, okStatuses).wall;
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
  /** The same in CPU time (all threads), when measurable: the work, whatever else the machine runs. */
  readonly cpuMillis?: number;
  readonly floorCpuMillis?: number;
  readonly cpuRatio?: number;
  /** Answers that were decisions (the rest were error answers): proves the workload is decided, not refused. */
  readonly decided: number;
  readonly runs: number;
  /** The fastest runs (each command's least disturbed one), and their ratio. */
  readonly minMillis: number;
  readonly floorMinMillis: number;
  readonly minRatio: number;
  readonly cpuMinMillis?: number;
  readonly floorCpuMinMillis?: number;
  readonly cpuMinRatio?: number;
  /** One-minute load average before and after these runs: the machine is shared, read every figure with it. */
  readonly loadAverage: readonly [number, number];
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
  const loadBefore = loadavg()[0]!;
  const [ours, floor] = pairedRuns([CLI, 'simulate'], [FLOOR], runs, file);
  const loadAverage: [number, number] = [loadBefore, loadavg()[0]!];
  const cpu =
    ours.cpu !== undefined && floor.cpu !== undefined
      ? { cpuMillis: ours.cpu, floorCpuMillis: floor.cpu, cpuRatio: ours.cpu / floor.cpu, cpuMinMillis: ours.cpuMin!, floorCpuMinMillis: floor.cpuMin!, cpuMinRatio: ours.cpuMin! / floor.cpuMin! }
      : {};
  return { cases, bytes, millis: ours.wall, casesPerSecond: cases / (ours.wall / 1000), floorMillis: floor.wall, ratio: ours.wall / floor.wall, decided, runs, minMillis: ours.wallMin, floorMinMillis: floor.wallMin, minRatio: ours.wallMin / floor.wallMin, loadAverage, ...cpu };
}

export interface SimulateFigures {
  /** (a) 20,000 cases, each with policies of its own. */
  readonly ownPolicies: SimulateWorkload;
  /** (b) 10,000 cases sharing one policy set (the fixed store of workload 1). */
  readonly sharedPolicies: SimulateWorkload;
  /** (a) again with `--workers 2`: whether two worker threads help on this machine (wall and CPU medians). */
  readonly ownPoliciesTwoWorkers: RunTimes;
  /** `--explain` on (a), once, against the plain run. */
  readonly explainMillis: number;
  readonly explainRatio: number;
}

export function benchSimulate(ownCases = 20_000, sharedCases = 10_000, runs = 5): SimulateFigures {
  const dir = join(ROOT, '.tmp');
  mkdirSync(dir, { recursive: true });
  const ownFile = join(dir, 'bench-own-policies.jsonl');
  const sharedFile = join(dir, 'bench-shared-policies.jsonl');
  const ownBytes = writeCases(ownFile, ownCases, randomOwnPoliciesCase);
  const store = fixedStore();
  const sharedBytes = writeCases(sharedFile, sharedCases, (rand, i) => ({ id: `c${i}`, policies: store, request: randomRequest(rand) }));
  const ownPolicies = measure(ownFile, ownCases, ownBytes, runs);
  const sharedPolicies = measure(sharedFile, sharedCases, sharedBytes, runs);
  const ownPoliciesTwoWorkers = medianRun([CLI, 'simulate', '--workers', '2'], runs, ownFile);
  const explainMillis = medianMillis([CLI, 'simulate', '--explain'], 1, ownFile);
  return { ownPolicies, sharedPolicies, ownPoliciesTwoWorkers, explainMillis, explainRatio: explainMillis / ownPolicies.millis };
}

export interface StartFigures {
  /** Median start-up of each command on a trivial input, in milliseconds (wall clock). */
  readonly commands: Readonly<Record<string, number>>;
  /** The same in CPU time, when measurable (see RunTimes). */
  readonly commandsCpu?: Readonly<Record<string, number>>;
  /** Each command's target in milliseconds: 150 for --version, 300 for every other. */
  readonly targets: Readonly<Record<string, number>>;
  /** Commands whose median is over their target. */
  readonly overTarget: readonly string[];
  readonly nodeCpuMillis?: number;
  readonly versionMillis: number;
  readonly nodeMillis: number;
  readonly overheadMillis: number;
  readonly slowest: string;
  /** 1-minute load average when the figures were taken. */
  readonly loadAverage: number;
}

export const START_TARGET_MILLIS = 300;
export const VERSION_TARGET_MILLIS = 150;

/**
 * Every command's start-up, and `--version`, against a bare `node -e 0` measured in the same run: the
 * fastest meaningful invocation of each: an unknown option, which a command rejects (exit 1) after loading its
 * own modules and parsing its options, which is what start-up costs (`--help` answers before any of that).
 */
export function benchStart(runs = 7): StartFigures {
  const small = join(ROOT, 'policies', 'identity', 'mq-describe-read-only.json');
  const empty = join(ROOT, '.tmp', 'empty.jsonl');
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  writeFileSync(empty, '');
  const runs2 = runs * 2 - 1;
  const usage = [0, 1];
  const measured: Record<string, RunTimes> = {
    '--version': medianRun([CLI, '--version'], runs2),
    '--help': medianRun([CLI, '--help'], runs),
    'simulate (empty input)': medianRun([CLI, 'simulate'], runs, empty),
    'lint (one file)': medianRun([CLI, 'lint', small], runs),
    'matrix (options parsed)': medianRun([CLI, 'matrix', '--no-such-option'], runs, undefined, usage),
    'report (options parsed)': medianRun([CLI, 'report', '--no-such-option'], runs, undefined, usage),
    'test --help': medianRun([CLI, 'test', '--help'], runs, undefined, usage),
    'init --help': medianRun([CLI, 'init', '--help'], runs, undefined, usage),
    'import (options parsed)': medianRun([CLI, 'import', '--no-such-option'], runs, undefined, usage),
    'diff (options parsed)': medianRun([CLI, 'diff', '--no-such-option'], runs, undefined, usage),
    'mutate (options parsed)': medianRun([CLI, 'mutate', '--no-such-option'], runs, undefined, usage),
    'analyze (options parsed)': medianRun([CLI, 'analyze', '--no-such-option'], runs, undefined, usage),
  };
  const node = medianRun(['-e', '0'], runs2);
  const commands = Object.fromEntries(Object.entries(measured).map(([k, v]) => [k, v.wall]));
  const targets = Object.fromEntries(Object.keys(measured).map((k) => [k, k === '--version' ? VERSION_TARGET_MILLIS : START_TARGET_MILLIS]));
  const cpu = Object.values(measured).every((v) => v.cpu !== undefined) && node.cpu !== undefined ? { commandsCpu: Object.fromEntries(Object.entries(measured).map(([k, v]) => [k, v.cpu!])), nodeCpuMillis: node.cpu } : {};
  const nodeMillis = node.wall;
  const versionMillis = commands['--version']!;
  const slowest = Object.entries(commands).sort((a, b) => b[1] - a[1])[0]![0];
  const overTarget = Object.entries(commands).filter(([k, v]) => v >= targets[k]!).map(([k]) => k);
  return { commands, ...cpu, targets, overTarget, versionMillis, nodeMillis, overheadMillis: versionMillis - nodeMillis, slowest, loadAverage: loadavg()[0]! };
}
