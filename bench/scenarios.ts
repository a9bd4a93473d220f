/**
 * Workload 4: 2,000 generated scenarios through Cucumber with `--parallel 2`, against the shipped
 * store and step library. Expected outcomes come from `mq-policy matrix`, so the run also checks that
 * the scenario path and the matrix path agree. Baseline: the same scenarios without --parallel.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

function runCucumber(dir: string, parallel: number): { millis: number; status: number | null; tail: string } {
  const config = join(dir, 'cucumber.bench.js');
  writeFileSync(config, `module.exports = { default: { paths: [${JSON.stringify(join(dir, '*.feature'))}], requireModule: ['ts-node/register/transpile-only'], require: [${JSON.stringify(join(ROOT, 'steps/**/*.ts'))}], format: ['summary'], parallel: ${parallel} } };\n`);
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js'), '--config', relative(ROOT, config)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { millis: Number(process.hrtime.bigint() - start) / 1e6, status: r.status, tail: `${r.stdout}${r.stderr}`.trim().split('\n').slice(-4).join(' | ') };
}

export interface ScenarioFigures {
  readonly scenarios: number;
  readonly parallelMillis: number;
  readonly serialMillis: number;
  readonly ratio: number;
  readonly summary: string;
}

export function benchScenarios(count = 2000): ScenarioFigures {
  const dir = join(ROOT, '.tmp', 'bench-features');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeScenarios(dir, count);
  const parallel = runCucumber(dir, 2);
  if (parallel.status !== 0) throw new Error(`generated scenarios failed: ${parallel.tail}`);
  const serial = runCucumber(dir, 0);
  return { scenarios: count, parallelMillis: parallel.millis, serialMillis: serial.millis, ratio: serial.millis / parallel.millis, summary: parallel.tail };
}

if (require.main === module) console.log(benchScenarios(Number(process.argv[2] ?? 2000)));
