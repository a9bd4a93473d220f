import assert from 'node:assert/strict';
import { test } from 'node:test';
import { benchmarkSummary } from '../../src/reports';

test('bench.json becomes rows, one per workload measured', () => {
  const s = benchmarkSummary({ date: '2026-11-30T00:00:00Z', node: 'v20.20.2', cpus: 2, cpuModel: 'Xeon', decisions: { compiledPerSecond: 216819.2, p50Micros: 4, p99Micros: 13.1, ratio: 8.3 }, start: { versionMillis: 129, nodeMillis: 92 } });
  assert.ok(s);
  assert.deepEqual(s.rows.map((r) => r.workload), ['Decisions, one thread, fixed store', 'Start-up (mq-policy --version)']);
  assert.match(s.rows[0]!.figure, /^216,819\/s/);
  assert.equal(s.machine, 'Xeon, 2 CPUs, Node v20.20.2');
});

test('anything unreadable shows nothing', () => {
  assert.equal(benchmarkSummary(null), undefined);
  assert.equal(benchmarkSummary({ decisions: { compiledPerSecond: 'fast' } }), undefined);
});
