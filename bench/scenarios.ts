/**
 * Workload 4: 2,000 generated scenarios through Cucumber with `--parallel 2`, against the shipped
 * store and step library. Expected outcomes come from `mq-policy matrix`, so the run also checks that
 * the scenario path and the matrix path agree. Baseline: the same scenarios without --parallel.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** `mq-policy test` end to end (compiled: what an installed package runs), reports included. */
function runTest(features: string, out: string, parallel: number): { millis: number; status: number | null; tail: string } {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'mq-policy.js'), 'test', '--features', features, '--out', out, '--format', 'summary', ...(parallel > 0 ? ['--parallel', String(parallel)] : [])], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { millis: Number(process.hrtime.bigint() - start) / 1e6, status: r.status, tail: `${r.stdout}${r.stderr}`.trim().split('\n').slice(-4).join(' | ') };
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

export interface ScenarioFigures {
  readonly scenarios: number;
  /** --parallel 2 on the one generated file (kept under this name for reports/bench.json readers). */
  readonly parallelMillis: number;
  readonly serialMillis: number;
  readonly ratio: number;
  /** Serial and --parallel 1/2/4, on the one 2,000-scenario file and on the same scenarios in files of 20. */
  readonly oneFile: Readonly<Record<'serial' | 'parallel1' | 'parallel2' | 'parallel4', number>>;
  readonly filesOf20: Readonly<Record<'serial' | 'parallel1' | 'parallel2' | 'parallel4', number>>;
  /** Cucumber's own --parallel 2 on the one file, steps compiled, no reports: the cost this replaced. */
  readonly cucumberParallel2Millis: number;
  /** Load average when the figures were taken: on a shared machine, wall times are only comparable within a run. */
  readonly loadAverage: number;
  readonly summary: string;
}

export function benchScenarios(count = 2000): ScenarioFigures {
  const dir = join(ROOT, '.tmp', 'bench-features');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeScenarios(dir, count);
  splitScenarios(dir, join(dir, 'split'), 20);
  const measure = (features: string): Record<'serial' | 'parallel1' | 'parallel2' | 'parallel4', number> => {
    const figures = {} as Record<'serial' | 'parallel1' | 'parallel2' | 'parallel4', number>;
    for (const [name, parallel] of [['serial', 0], ['parallel1', 1], ['parallel2', 2], ['parallel4', 4]] as const) {
      const r = runTest(features, join(dir, `out-${name}`), parallel);
      if (r.status !== 0) throw new Error(`generated scenarios failed (${name}): ${r.tail}`);
      figures[name] = r.millis;
    }
    return figures;
  };
  const oneFile = measure(join(dir, 'generated.feature'));
  const filesOf20 = measure(join(dir, 'split'));
  const cucumberParallel2Millis = runCucumberParallel(join(dir, 'generated.feature'), dir, 2);
  return { scenarios: count, parallelMillis: oneFile.parallel2, serialMillis: oneFile.serial, ratio: oneFile.serial / oneFile.parallel2, oneFile, filesOf20, cucumberParallel2Millis, loadAverage: loadavg()[0]!, summary: '' };
}

if (require.main === module) console.log(benchScenarios(Number(process.argv[2] ?? 2000)));
