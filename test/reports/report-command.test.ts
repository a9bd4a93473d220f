import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, test } from 'node:test';
import { run } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import { FIXTURE_DIR } from './fixture';

const work = mkdtempSync(join(tmpdir(), 'mq-report-'));
after(() => rmSync(work, { recursive: true, force: true }));

async function cli(args: string[], env: Record<string, string> = {}) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  const io: CliIo = { stdin: new PassThrough(), stdout: out, stderr: err, env, cwd: work };
  const code = await run(['report', ...args], io);
  return { code, stdout, stderr };
}

const fx = (name: string): string => join(FIXTURE_DIR, name);

test('mq-policy report writes every report file and appends the summary for GitHub', async () => {
  const stepSummary = join(work, 'step-summary.md');
  writeFileSync(stepSummary, 'earlier step\n');
  const r = await cli(
    ['--in', fx('run.ndjson'), '--out', 'out', '--statements', fx('statements.json'), '--matrix', fx('matrix-cells.json'), '--waivers', fx('waivers.json'), '--previous-matrix', fx('previous-matrix.json')],
    { GITHUB_STEP_SUMMARY: stepSummary, GITHUB_SHA: 'feedface' },
  );
  assert.equal(r.code, 0, r.stderr);
  for (const f of ['index.html', 'summary.md', 'junit.xml', 'coverage.json', 'access-matrix.csv', 'access-matrix.json', 'matrix-changes.md']) assert.ok(existsSync(join(work, 'out', f)), f);
  const appended = readFileSync(stepSummary, 'utf8');
  assert.ok(appended.startsWith('earlier step\n## ❌ mq-policy: 1 of 10 scenarios did not pass'), appended.slice(0, 200));
  assert.ok(readFileSync(join(work, 'out', 'index.html'), 'utf8').includes('feedface'));
  assert.equal(JSON.parse(readFileSync(join(work, 'out', 'coverage.json'), 'utf8')).statements.decisivePercent, 60);
});

test('waivers may be YAML, as lint keeps them', async () => {
  writeFileSync(join(work, 'waivers.yaml'), 'waivers:\n  - code: wildcard-resource\n    location: policies/identity/operator.json:4\n    owner: platform\n    reason: reviewed\n    expiry: 2020-01-01\n');
  const r = await cli(['--in', fx('run.ndjson'), '--out', 'yaml-out', '--waivers', 'waivers.yaml']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(readFileSync(join(work, 'yaml-out', 'index.html'), 'utf8'), /<tr class="expired"><td>wildcard-resource/);
});

test('the coverage gate exits 2 below the threshold and 0 at it', async () => {
  const below = await cli(['--in', fx('run.ndjson'), '--out', 'gate', '--statements', fx('statements.json'), '--coverage-threshold', '61']);
  assert.equal(below.code, 2);
  assert.match(below.stderr, /is below the threshold of 61%/);
  const at = await cli(['--in', fx('run.ndjson'), '--out', 'gate', '--statements', fx('statements.json'), '--coverage-threshold', '60']);
  assert.equal(at.code, 0);
});

test('user errors are one line, exit 1, no stack trace', async () => {
  const missing = await cli(['--in', 'nope.ndjson']);
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr, 'mq-policy: nope.ndjson: no such file (the Cucumber messages of a run; run `mq-policy test` first)\n');
  const badMatrix = join(work, 'bad-matrix.json');
  writeFileSync(badMatrix, '{"cells": 3}');
  const bad = await cli(['--in', fx('run.ndjson'), '--matrix', badMatrix]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /bad-matrix\.json: not an access matrix/);
  const threshold = await cli(['--coverage-threshold', 'lots']);
  assert.equal(threshold.code, 1);
  assert.match(threshold.stderr, /^mq-policy: --coverage-threshold needs a percentage from 0 to 100, not `lots`/);
  assert.doesNotMatch(missing.stderr + bad.stderr + threshold.stderr, /\n\s+at /);
});

test('report --baseline REV compares the store\'s matrix with the store at a git revision, read from git', async () => {
  const store = join(__dirname, '..', '..', 'policies');
  const r = await cli(['--in', fx('run.ndjson'), '--out', 'rev', '--baseline', 'HEAD'], { MQ_POLICY_STORE: store });
  assert.equal(r.code, 0, r.stderr);
  const summary = readFileSync(join(work, 'rev', 'summary.md'), 'utf8');
  assert.match(summary, /### Access changes against HEAD\n/);
  assert.ok(existsSync(join(work, 'rev', 'matrix-changes.md')));
  // Rebuilt without a baseline, the earlier change list is gone rather than stale.
  assert.equal((await cli(['--in', fx('run.ndjson'), '--out', 'rev'])).code, 0);
  assert.ok(!existsSync(join(work, 'rev', 'matrix-changes.md')));
  const unknown = await cli(['--in', fx('run.ndjson'), '--out', 'rev', '--baseline', 'no-such-revision-xyz'], { MQ_POLICY_STORE: store });
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /git does not know the revision `no-such-revision-xyz`/);
});
