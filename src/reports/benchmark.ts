import type { BenchmarkSummary } from './inputs';

type Json = Record<string, unknown>;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const round = (v: number): string => Math.round(v).toLocaleString('en');

/**
 * Reads what `npm run bench` wrote (reports/bench.json) into table rows. Tolerant: a partial run
 * (`npm run bench -- start`) shows the workloads it measured; anything unreadable shows nothing.
 */
export function benchmarkSummary(value: unknown): BenchmarkSummary | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const b = value as Json;
  const rows: BenchmarkSummary['rows'][number][] = [];
  const d = b.decisions as Json | undefined;
  if (d && num(d.compiledPerSecond) !== undefined) {
    rows.push({ workload: 'Decisions, one thread, fixed store', figure: `${round(num(d.compiledPerSecond)!)}/s (p50 ${num(d.p50Micros)?.toFixed(1)} µs, p99 ${num(d.p99Micros)?.toFixed(1)} µs); ${num(d.ratio)?.toFixed(1)}× the interpreter`, target: '≥ 1,000,000/s' });
  }
  const s = b.simulate as Json | undefined;
  for (const [key, label] of [['ownPolicies', 'cases with their own policies'], ['sharedPolicies', 'cases sharing one policy set']] as const) {
    const w = s?.[key] as Json | undefined;
    if (w && num(w.millis) !== undefined && num(w.floorMillis) !== undefined) {
      rows.push({ workload: `simulate end to end, ${round(num(w.cases) ?? 0)} ${label}`, figure: `${round(num(w.millis)!)} ms; JSON.parse floor ${round(num(w.floorMillis)!)} ms; ${num(w.ratio)?.toFixed(2)}× the floor`, target: '≤ 2× the floor' });
    }
  }
  const j = b.json as Json | undefined;
  if (j && num(j.fastMillis) !== undefined) {
    rows.push({ workload: `One ${((num(j.bytes) ?? 0) / 1e6).toFixed(1)} MB JSON line with one escape`, figure: `${round(num(j.fastMillis)!)} ms (strict reader ${round(num(j.strictMillis) ?? 0)} ms; JSON.parse ${round(num(j.floorMillis) ?? 0)} ms)`, target: '< 500 ms' });
  }
  const m = b.matrix as Json | undefined;
  if (m && num(m.decisions) !== undefined) {
    rows.push({ workload: `Access matrix, ${round(num(m.principals) ?? 0)} principals × ${round(num(m.brokers) ?? 0)} brokers`, figure: `${round(num(m.decisions)!)} decisions in ${num(m.seconds)?.toFixed(1)} s, peak ${num(m.peakMemoryMB)} MB`, target: '< 60 s, < 500 MB' });
  }
  const c = b.scenarios as Json | undefined;
  if (c && num(c.parallelMillis) !== undefined) {
    rows.push({ workload: `${round(num(c.scenarios) ?? 0)} generated scenarios`, figure: `--parallel 2 ${(num(c.parallelMillis)! / 1000).toFixed(1)} s; serial ${((num(c.serialMillis) ?? 0) / 1000).toFixed(1)} s`, target: '< 30 s' });
  }
  const t = b.start as Json | undefined;
  if (t && num(t.versionMillis) !== undefined) {
    rows.push({ workload: 'Start-up (mq-policy --version)', figure: `${round(num(t.versionMillis)!)} ms (bare node ${round(num(t.nodeMillis) ?? 0)} ms)`, target: '< 300 ms' });
  }
  if (rows.length === 0) return undefined;
  const machine = `${typeof b.cpuModel === 'string' ? b.cpuModel : 'unknown CPU'}, ${num(b.cpus) ?? '?'} CPUs, Node ${typeof b.node === 'string' ? b.node : '?'}`;
  return { measuredAt: typeof b.date === 'string' ? b.date : 'unknown date', machine, rows };
}
