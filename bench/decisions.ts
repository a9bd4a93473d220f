/** Workload 1: decisions per second on one thread against the fixed store, compiled vs interpreted. */
import { compilePolicySet, interpret, type PolicySet } from '../src/engine';
import { parseCasePolicies, parseRequest } from '../src/parse';
import type { Request } from '../src/model';
import { fixedStore, randomRequest, seededRandom } from './workload';

export interface DecisionFigures {
  readonly requests: number;
  readonly compiledPerSecond: number;
  readonly interpretedPerSecond: number;
  readonly ratio: number;
  readonly p50Micros: number;
  readonly p99Micros: number;
  readonly statements: number;
  /** Issue 16: at least this many compiled decisions per second on one thread, p99 under this many µs. */
  readonly target: { readonly perSecond: number; readonly p99Micros: number };
  readonly meetsTarget: boolean;
}

export const DECISION_TARGET = { perSecond: 1_000_000, p99Micros: 5 } as const;

export function loadFixedStore(): PolicySet {
  const parsed = parseCasePolicies(fixedStore() as Record<string, unknown>);
  if ('code' in parsed) throw new Error(`bench store invalid: ${parsed.message}`);
  return parsed;
}

export function makeRequests(count: number, seed: number): Request[] {
  const rand = seededRandom(seed);
  const out: Request[] = [];
  for (let i = 0; i < count; i++) {
    const r = parseRequest(randomRequest(rand));
    if ('problems' in r) throw new Error(`bench request invalid: ${r.problems[0]!.message}`);
    out.push(r.request);
  }
  return out;
}

function perSecond(run: () => void, count: number, minMillis = 1500): number {
  let done = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMillis * 1e6) {
    run();
    done += count;
    elapsed = Number(process.hrtime.bigint() - start);
  }
  return done / (elapsed / 1e9);
}

export function benchDecisions(): DecisionFigures {
  const store = loadFixedStore();
  const requests = makeRequests(100_000, 42);
  const compiled = compilePolicySet(store);
  let sink = 0;
  const runCompiled = (): void => {
    for (const r of requests) if (compiled.decide(r).kind === 'decision') sink++;
  };
  const runInterpreted = (): void => {
    for (const r of requests) if (interpret(r, store).kind === 'decision') sink++;
  };
  runCompiled(); // warm-up: JIT and the per-action index
  const compiledPerSecond = perSecond(runCompiled, requests.length);
  const interpretedPerSecond = perSecond(runInterpreted, requests.length);
  // Each decision timed alone (the clock's own cost included, so p99 is an upper bound).
  const latencies = new Float64Array(requests.length);
  requests.forEach((r, i) => {
    const t = process.hrtime.bigint();
    compiled.decide(r);
    latencies[i] = Number(process.hrtime.bigint() - t) / 1000;
  });
  latencies.sort();
  if (sink < 0) console.log(sink);
  const statements = [...store.identity, ...(store.boundary ?? []), ...(store.scp ?? []).flat(), ...(store.session ?? [])].reduce((n, p) => n + p.statements.length, 0);
  const p99Micros = latencies[Math.floor(latencies.length * 0.99)]!;
  return {
    requests: requests.length,
    compiledPerSecond,
    interpretedPerSecond,
    ratio: compiledPerSecond / interpretedPerSecond,
    p50Micros: latencies[Math.floor(latencies.length * 0.5)]!,
    p99Micros,
    statements,
    target: DECISION_TARGET,
    meetsTarget: compiledPerSecond >= DECISION_TARGET.perSecond && p99Micros < DECISION_TARGET.p99Micros,
  };
}

if (require.main === module) console.log(benchDecisions());
