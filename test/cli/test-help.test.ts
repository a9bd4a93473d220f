// `mq-policy test --help` prints Cucumber's options (they all pass through `test`) before anything else
// happens: no store is needed, and the reports of an earlier run stay as they are.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const REPO = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'mq-test-help-'));
after(() => rmSync(work, { recursive: true, force: true }));

const mqPolicy = (...args: string[]) =>
  spawnSync(process.execPath, [join(REPO, 'bin', 'mq-policy.js'), 'test', ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: join(REPO, 'tsconfig.json') } });

test('test --help and -h print Cucumber\'s options without a store and without touching the reports', () => {
  mkdirSync(join(work, 'reports'));
  writeFileSync(join(work, 'reports', 'summary.md'), 'an earlier run\n');
  for (const flag of ['--help', '-h']) {
    const r = mqPolicy('--parallel', '2', flag);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Usage: cucumber-js \[options\]/);
    assert.match(r.stdout, /--tags <EXPRESSION>/);
    assert.equal(r.stderr, '');
  }
  assert.equal(readFileSync(join(work, 'reports', 'summary.md'), 'utf8'), 'an earlier run\n');
  // `-h` as an option's value is no help request: the run goes on, and finds no store here.
  const named = mqPolicy('--name', '-h');
  assert.equal(named.status, 3, named.stderr);
  assert.match(named.stderr, /no policy store/);
});
