/**
 * Workload 4: 2,000 generated scenarios through Cucumber with `--parallel 2`, against the shipped
 * store and step library. Expected outcomes come from `mq-policy matrix`, so the run also checks that
 * the scenario path and the matrix path agree. Baseline: the same scenarios without --parallel.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const WORDS: Record<string, string> = { Allowed: 'allowed', ExplicitDeny: 'explicitly denied', ImplicitDeny: 'implicitly denied' };

interface Cell {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly outcome: string;
}

export function writeScenarios(dir: string, count: number): number {
  const matrixFile = join(dir, 'matrix.json');
  const m = spawnSync(process.execPath, [join(ROOT, 'bin', 'mq-policy.js'), 'matrix', '--format', 'json', '--out', matrixFile], { cwd: ROOT, encoding: 'utf8' });
  if (m.status !== 0) throw new Error(`matrix failed: ${m.stderr}`);
  const cells = (JSON.parse(readFileSync(matrixFile, 'utf8')) as { cells: Cell[] }).cells.filter((c) => WORDS[c.outcome] !== undefined);
  const inventory = readFileSync(join(ROOT, 'policies', 'inventory.yaml'), 'utf8');
  const nameOf = (arn: string): string | undefined => {
    const id = arn.split(':').pop()!;
    const m2 = new RegExp(`\\n  ([\\w-]+):\\n    id: ${id}\\b`).exec(inventory);
    return m2?.[1];
  };
  let text = 'Feature: Generated access checks (benchmark)\n';
  for (let i = 0; i < count; i++) {
    const c = cells[i % cells.length]!;
    const target = c.resource === '*' ? '' : ` on ${nameOf(c.resource) ?? c.resource}`;
    text += `\n  Scenario: generated ${i + 1}: ${c.principal} ${c.action}${target}\n    Given the ${c.principal}\n    When they call ${c.action}${target}\n    Then it is ${WORDS[c.outcome]}\n`;
  }
  writeFileSync(join(dir, 'generated.feature'), text);
  return count;
}

/** The same scenarios in files of `perFile` (real suites hold many small feature files, not one of 2,000). */
export function splitScenarios(dir: string, into: string, perFile: number): void {
  const [head, ...scenarios] = readFileSync(join(dir, 'generated.feature'), 'utf8').split('\n  Scenario:');
  mkdirSync(into, { recursive: true });
  for (let i = 0; i < scenarios.length; i += perFile) {
    writeFileSync(join(into, `generated-${String(i / perFile).padStart(3, '0')}.feature`), head + scenarios.slice(i, i + perFile).map((x) => `\n  Scenario:${x}`).join(''));
  }
}

const TIME = '/usr/bin/time';
const HAVE_TIME = existsSync(TIME);

/**
 * `mq-policy test` end to end (compiled: what an installed package runs), reports included. CPU time is
 * the run's and its shard processes' together (user + system), when /usr/bin/time is there.
 */
function runTest(features: string, out: string, parallel: number): { millis: number; cpuMillis?: number; status: number | null; stdout: string; tail: string } {
  const args = [join(ROOT, 'bin', 'mq-policy.js'), 'test', '--features', features, '--out', out, '--format', 'summary', ...(parallel > 0 ? ['--parallel', String(parallel)] : [])];
  const start = process.hrtime.bigint();
  const r = HAVE_TIME
    ? spawnSync(TIME, ['-f', '@cpu %U %S', process.execPath, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  const millis = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = /@cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { millis, ...(cpu ? { cpuMillis: (Number(cpu[1]) + Number(cpu[2])) * 1000 } : {}), status: r.status, stdout: r.stdout, tail: `${r.stdout}${r.stderr}`.trim().split('\n').slice(-4).join(' | ') };
}

/** Cucumber's own parallel mode on the same compiled steps (what `--parallel` did before it sharded). */
function runCucumberParallel(features: string, dir: string, parallel: number): number {
  const config = join(dir, 'cucumber.bench.js');
  writeFileSync(config, `module.exports = { default: { paths: [${JSON.stringify(features)}], require: [${JSON.stringify(join(ROOT, 'dist', 'steps', '**', '*.js'))}], format: ['summary'], parallel: ${parallel}, worldParameters: { store: ${JSON.stringify(join(ROOT, 'policies'))} } } };\n`);
  const start = process.hrtime.bigint();
  // Cucumber joins --config onto the working directory, absolute or not: give it a relative path.
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js'), '--config', relative(ROOT, config)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`cucumber --parallel ${parallel} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

type Mode = 'serial' | 'parallel1' | 'parallel2' | 'parallel4';
const MODES: readonly (readonly [Mode, number])[] = [['serial', 0], ['parallel1', 1], ['parallel2', 2], ['parallel4', 4]];

/** One workload's figures over several rounds; each round runs every mode once, in turn. */
export interface WorkloadFigures extends Readonly<Record<Mode, number>> {
  /** Median wall-clock milliseconds per mode (the fields above), and each mode's minimum. */
  readonly min: Readonly<Record<Mode, number>>;
  /** Median CPU milliseconds (all processes of the run) per mode, when measurable. */
  readonly cpu?: Readonly<Record<Mode, number>>;
  /** serial / --parallel 2 within each round (the same machine state), median and minimum over rounds. */
  readonly ratio: number;
  readonly ratioMin: number;
  readonly ratios: readonly number[];
  /** How the --parallel 2 run split the work, as it said. */
  readonly split: string;
  /** 1-minute load average before each round: on a shared machine, figures are comparable only within a round. */
  readonly loadAverages: readonly number[];
  /** --parallel 2 at most as long as the serial run (median of the rounds' ratios ≥ 1). */
  readonly meetsTarget: boolean;
}

export interface ScenarioFigures {
  readonly scenarios: number;
  readonly rounds: number;
  /** --parallel 2 on the 100 files of 20 (kept under these names for reports/bench.json readers). */
  readonly parallelMillis: number;
  readonly serialMillis: number;
  readonly ratio: number;
  /** Serial and --parallel 1/2/4, on the one 2,000-scenario file and on the same scenarios in files of 20. */
  readonly oneFile: WorkloadFigures;
  readonly filesOf20: WorkloadFigures;
  /** Cucumber's own --parallel 2 on the one file, steps compiled, no reports: the cost this replaced. */
  readonly cucumberParallel2Millis: number;
  readonly target: string;
  /** Load average when the figures were taken: on a shared machine, wall times are only comparable within a run. */
  readonly loadAverage: number;
  readonly summary: string;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function benchScenarios(count = 2000, rounds = 3): ScenarioFigures {
  const dir = join(ROOT, '.tmp', 'bench-features');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeScenarios(dir, count);
  splitScenarios(dir, join(dir, 'split'), 20);
  const measure = (features: string): WorkloadFigures => {
    const walls = Object.fromEntries(MODES.map(([m]) => [m, [] as number[]])) as Record<Mode, number[]>;
    const cpus = Object.fromEntries(MODES.map(([m]) => [m, [] as number[]])) as Record<Mode, number[]>;
    const ratios: number[] = [];
    const loadAverages: number[] = [];
    let split = '';
    for (let round = 0; round < rounds; round++) {
      loadAverages.push(loadavg()[0]!);
      for (const [name, parallel] of MODES) {
        const r = runTest(features, join(dir, `out-${name}`), parallel);
        if (r.status !== 0) throw new Error(`generated scenarios failed (${name}): ${r.tail}`);
        // The figure is of the real sharded path: a run that fell back to one process would say so and not count.
        if (parallel > 1) {
          const how = new RegExp(`^${count} scenarios \\(${count} passed\\) in (${parallel} processes, .*)$`, 'm').exec(r.stdout);
          if (!how) throw new Error(`--parallel ${parallel} did not run ${count} scenarios in ${parallel} processes: ${r.tail}`);
          if (parallel === 2) split = how[1]!;
        }
        walls[name].push(r.millis);
        if (r.cpuMillis !== undefined) cpus[name].push(r.cpuMillis);
      }
      ratios.push(walls.serial[round]! / walls.parallel2[round]!);
    }
    const per = (xs: Record<Mode, number[]>, f: (v: number[]) => number): Record<Mode, number> => Object.fromEntries(MODES.map(([m]) => [m, f(xs[m])])) as Record<Mode, number>;
    const cpu = MODES.every(([m]) => cpus[m].length === rounds) ? { cpu: per(cpus, median) } : {};
    const ratio = median(ratios);
    return { ...per(walls, median), min: per(walls, (v) => Math.min(...v)), ...cpu, ratio, ratioMin: Math.min(...ratios), ratios, split, loadAverages, meetsTarget: ratio >= 1 };
  };
  const oneFile = measure(join(dir, 'generated.feature'));
  const filesOf20 = measure(join(dir, 'split'));
  const cucumberParallel2Millis = runCucumberParallel(join(dir, 'generated.feature'), dir, 2);
  return {
    scenarios: count,
    rounds,
    parallelMillis: filesOf20.parallel2,
    serialMillis: filesOf20.serial,
    ratio: filesOf20.ratio,
    oneFile,
    filesOf20,
    cucumberParallel2Millis,
    target: '--parallel 2 at most as long as the serial run (serial/parallel-2 ≥ 1), faster on more cores',
    loadAverage: loadavg()[0]!,
    summary: '',
  };
}

if (require.main === module) console.log(JSON.stringify(benchScenarios(Number(process.argv[2] ?? 2000), Number(process.argv[3] ?? 3)), null, 2));
