import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { run } from '../../../src/cli/main';
import type { MutationReport } from '../../../src/analysis';

const ROOT = resolve(__dirname, '../../..');

async function mutate(...args: string[]): Promise<{ code: number; report: MutationReport; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const code = await run(['mutate', '--in', 'test/fixtures/reports/run.ndjson', '--policy', 'deny-production-changes', '--format', 'json', ...args], { stdin: new PassThrough(), stdout, stderr, env: {}, cwd: ROOT });
  return { code, report: JSON.parse(out) as MutationReport, stderr: err };
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
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const code = await run(['mutate', '--in', 'no/such.ndjson'], { stdin: new PassThrough(), stdout: new PassThrough(), stderr, env: {}, cwd: ROOT });
  assert.equal(code, 1);
  assert.match(err, /run `mq-policy test` first/);
});
