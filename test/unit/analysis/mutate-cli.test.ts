import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../support/run-cli';
import type { MutationReport } from '../../../src/analysis';

const ROOT = resolve(__dirname, '../../..');

async function mutate(...args: string[]): Promise<{ code: number; report: MutationReport; stderr: string }> {
  const r = await runCli(['mutate', '--in', 'test/fixtures/reports/run.ndjson', '--policy', 'deny-production-changes', '--format', 'json', ...args], { cwd: ROOT });
  return { code: r.code, report: JSON.parse(r.stdout) as MutationReport, stderr: r.stderr };
}

test('mutate re-decides a recorded run and --min-score gates on the score', async () => {
  const low = await mutate('--min-score', '0');
  assert.equal(low.code, 0);
  assert.ok(low.report.expectations > 0, 'some recorded expectations were re-decided');
  assert.ok(low.report.mutants.length > 0);
  const survivors = low.report.mutants.filter((m) => m.status === 'surviving');
  assert.ok(survivors.length > 0 && survivors.every((m) => m.request !== undefined && m.file !== undefined), 'each survivor has a place and a request');
  const high = await mutate('--min-score', '100');
  assert.equal(high.code, 2);
  assert.match(high.stderr, /below --min-score 100%/);
});

test('mutate without a recorded run says how to make one', async () => {
  const r = await runCli(['mutate', '--in', 'no/such.ndjson'], { cwd: ROOT });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /run `mq-policy test` first/);
});
