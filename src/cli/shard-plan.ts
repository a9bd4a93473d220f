import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';

/**
 * How a `--parallel N` run splits its work. Every process pays a fixed cost before its first scenario
 * (Node, Cucumber and the step library loaded, the store read, the features parsed), so the split is chosen
 * to pay it as few times as possible:
 * - `by-file`: each process gets whole feature files, contiguous in Cucumber's own file order, balanced by
 *   their scenario count, and parses only those (the usual case: many feature files).
 * - `by-pickle`: Cucumber's own `--shard i/N` (every process parses every file and runs every N-th scenario),
 *   when whole files cannot be balanced (one file holds most scenarios), a path names lines (`f.feature:12`)
 *   or a rerun file (`@rerun.txt`), or the files could not be listed.
 * - `serial`: fewer scenarios than a second process pays for (MIN_PARALLEL_SCENARIOS): one process runs them all.
 */
export type ShardPlan =
  | { readonly kind: 'serial'; readonly scenarios: number; readonly why: string }
  | { readonly kind: 'by-file'; readonly scenarios: number; readonly shards: readonly (readonly string[])[] }
  | { readonly kind: 'by-pickle'; readonly scenarios: number | undefined; readonly shards: number; readonly why: string };

/**
 * Below this many scenarios `--parallel` runs in one process and says so. A second process pays for itself
 * once half the scenarios' time exceeds its own fixed cost: measured on two cores (bench workload 4), a shard
 * process costs 0.5-0.8 s of CPU before its first scenario (Node and Cucumber's API about 0.4 s, the step
 * library and the store about 0.3 s) and a scenario of the shipped steps 1-1.5 ms, so N = 2 processes pay
 * from about 2 × 0.5 s / 1.2 ms ≈ 800 scenarios on (at 400, --parallel 2 measured 0.93× the serial run).
 * `MQ_POLICY_PARALLEL_MIN_SCENARIOS` sets another threshold (0 always shards).
 */
export const MIN_PARALLEL_SCENARIOS = 800;

/**
 * The in-process shard starts at once; every other process first starts up. So the first shard is given
 * about this many scenarios more than the others, and all finish together (measured like the threshold).
 */
export const START_UP_SCENARIOS = 150;

/** A partition of whole files is used only when no shard gets more than this times its share. */
const BALANCE_TOLERANCE = 1.25;

interface Dialect {
  readonly scenario: readonly string[];
  readonly scenarioOutline: readonly string[];
  readonly examples: readonly string[];
  readonly background: readonly string[];
  readonly rule: readonly string[];
  readonly feature: readonly string[];
}

/** Gherkin's keyword tables, from the copy Cucumber itself parses with. */
function dialects(): Record<string, Dialect> | undefined {
  try {
    const fromCucumber = createRequire(require.resolve('@cucumber/cucumber/package.json'));
    return (fromCucumber('@cucumber/gherkin') as { dialects: Record<string, Dialect> }).dialects;
  } catch {
    return undefined;
  }
}

/**
 * Scenarios a feature file will give, counted from its keyword lines without parsing it: one per
 * Scenario/Example, one per data row of an outline's Examples table. Exact for ordinary files; it only
 * balances shards and picks the threshold, never decides what runs.
 */
export function estimateScenarios(text: string, all: Record<string, Dialect> | undefined): number {
  const language = /^\s*#\s*language\s*:\s*([\w-]+)/m.exec(text.slice(0, 2000))?.[1] ?? 'en';
  const d = all?.[language] ?? all?.en;
  const words = (list: readonly string[] | undefined, fallback: readonly string[]): string[] => (list ?? fallback).map((w) => w.trim()).filter((w) => w !== '' && w !== '*');
  const scenario = words(d?.scenario, ['Scenario', 'Example']);
  const outline = words(d?.scenarioOutline, ['Scenario Outline', 'Scenario Template']);
  const examples = words(d?.examples, ['Examples', 'Scenarios']);
  const others = [...words(d?.background, ['Background']), ...words(d?.rule, ['Rule']), ...words(d?.feature, ['Feature'])];
  const starts = (line: string, list: readonly string[]): boolean => list.some((w) => line.startsWith(`${w}:`));
  let count = 0;
  let inExamples = false;
  let headerSeen = false;
  let docString: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (docString !== undefined) {
      if (line.startsWith(docString)) docString = undefined;
      continue;
    }
    if (line.startsWith('"""') || line.startsWith('```')) {
      docString = line.slice(0, 3);
      continue;
    }
    if (line.startsWith('|')) {
      if (inExamples) {
        if (headerSeen) count++;
        else headerSeen = true;
      }
      continue;
    }
    // Longer keywords first: "Scenario Outline:" must not count as "Scenario".
    if (starts(line, outline)) inExamples = false;
    else if (starts(line, examples)) {
      inExamples = true;
      headerSeen = false;
    } else if (starts(line, scenario)) {
      count++;
      inExamples = false;
    } else if (starts(line, others)) inExamples = false;
  }
  return count;
}

/** Feature files in Cucumber's own order (its glob expansion, sorted, without duplicates); undefined when unknown. */
async function featureFiles(paths: readonly string[], cwd: string): Promise<string[] | undefined> {
  try {
    const { resolvePaths } = require('@cucumber/cucumber/lib/paths/paths') as { resolvePaths: (logger: unknown, cwd: string, sources: { paths: string[] }) => Promise<{ sourcePaths: string[] }> };
    const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
    return (await resolvePaths(quiet, cwd, { paths: [...paths] })).sourcePaths;
  } catch {
    return undefined;
  }
}

/**
 * Contiguous groups of files whose scenario counts come closest to `targets` (one per shard); undefined
 * when some group would get more than BALANCE_TOLERANCE times its target.
 */
export function partition(weights: readonly number[], targets: readonly number[]): number[][] | undefined {
  if (weights.length < targets.length) return undefined;
  const groups: number[][] = targets.map(() => []);
  let g = 0;
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    const filesLeft = weights.length - i;
    const groupsLeft = targets.length - g - 1;
    // Move on when this file lands nearer the target in the next group, or the later groups need the files.
    const overshoot = sum + weights[i]! - targets[g]!;
    if (groups[g]!.length > 0 && groupsLeft > 0 && (overshoot > targets[g]! - sum || filesLeft === groupsLeft)) {
      g++;
      sum = 0;
    }
    groups[g]!.push(i);
    sum += weights[i]!;
  }
  const worst = Math.max(...groups.map((group, k) => group.reduce((n, i) => n + weights[i]!, 0) / Math.max(1, targets[k]!)));
  return worst <= BALANCE_TOLERANCE && groups.every((group) => group.length > 0) ? groups : undefined;
}

/** The threshold in force: MIN_PARALLEL_SCENARIOS unless the environment names another. */
export function minParallelScenarios(env: Readonly<Record<string, string | undefined>>): number {
  const given = env['MQ_POLICY_PARALLEL_MIN_SCENARIOS'];
  return given !== undefined && /^\d+$/.test(given) ? Number(given) : MIN_PARALLEL_SCENARIOS;
}

/** Decides how `count` processes share the run of `paths` (the run's feature paths, as Cucumber gets them). */
export async function planShards(paths: readonly string[], count: number, cwd: string, minScenarios: number): Promise<ShardPlan> {
  const named = paths.find((p) => /(:\d+)+$/.test(p) || basename(p).startsWith('@'));
  const files = await featureFiles(paths, cwd);
  if (!files || files.length === 0) return { kind: 'by-pickle', scenarios: undefined, shards: count, why: 'the feature files could not be listed before Cucumber reads them' };
  const all = dialects();
  const weights = files.map((f) => {
    try {
      return estimateScenarios(readFileSync(f, 'utf8'), all);
    } catch {
      return 0;
    }
  });
  const scenarios = weights.reduce((a, b) => a + b, 0);
  // Line filters and tags may run fewer; the count of the files is what parsing costs and bounds what runs.
  if (scenarios < minScenarios) return { kind: 'serial', scenarios, why: `${scenarios} scenario${scenarios === 1 ? '' : 's'} in the feature files, fewer than the ${minScenarios} a second process pays for` };
  if (named !== undefined) return { kind: 'by-pickle', scenarios, shards: count, why: `\`${named}\` names scenarios by line or in a rerun file` };
  // The head start never takes more than half of a shard's share (a small run under a threshold of 0).
  const head = Math.min(START_UP_SCENARIOS, scenarios / (2 * count));
  const share = (scenarios - head * (count - 1)) / count;
  const targets = Array.from({ length: count }, (_, k) => (k === 0 ? share + head * (count - 1) : share));
  const groups = partition(weights, targets);
  if (!groups) return { kind: 'by-pickle', scenarios, shards: count, why: 'whole feature files cannot be shared evenly' };
  return { kind: 'by-file', scenarios, shards: groups.map((group) => group.map((i) => files[i]!)) };
}
