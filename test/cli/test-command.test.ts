// `mq-policy test` end to end in a scratch git repository: every outcome reaches every report, and
// --baseline compares the access matrix with the store at a git revision.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { spawnTestCommand } from '../support/spawn-test-command';
import { loadPolicyStore } from '../../src/load';

const REPO = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'mq-test-command-'));
const git = (...args: string[]): string => {
  const r = spawnSync('git', args, { cwd: work, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
};

before(() => {
  // A user's repository: policies and features only; the built-in steps come with the tool.
  for (const p of ['features', 'policies']) cpSync(join(REPO, p), join(work, p), { recursive: true });
  writeFileSync(join(work, '.gitignore'), 'reports/\n');
  git('init', '-q', '-b', 'main');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '-A');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'store');
});

after(() => rmSync(work, { recursive: true, force: true }));

const mqPolicy = (args: string[]) => spawnTestCommand(work, args);
const report = (name: string): string => readFileSync(join(work, 'reports', name), 'utf8');
const DENY = join(work, 'policies', 'identity', 'deny-production-changes.json');

test('an invalid store writes a failing junit.xml (file and line), a red summary and an index.html, and removes stale reports', async () => {
  const original = readFileSync(DENY, 'utf8');
  // A green run's reports from before: none of them may survive.
  mkdirSync(join(work, 'reports'), { recursive: true });
  cpSync(join(REPO, 'test', 'fixtures', 'reports', 'matrix-cells.json'), join(work, 'reports', 'access-matrix.json'));
  writeFileSync(join(work, 'reports', 'summary.md'), '## ✅ mq-policy: all 111 scenarios passed\n');
  writeFileSync(DENY, original.replace('"Effect": "Deny"', '"Effect": "Maybe"'));
  try {
    const r = await mqPolicy(['--baseline', 'none']);
    assert.equal(r.code, 3, r.stderr);
    assert.ok(!existsSync(join(work, 'reports', 'access-matrix.json')), 'the previous run\'s matrix is gone');
    const summary = report('summary.md');
    assert.match(summary.split('\n')[0] ?? '', /^## ❌ mq-policy: the policy store is invalid \(1 error\); no scenario was run$/);
    const junit = report('junit.xml');
    assert.match(junit, /<testsuites name="mq-policy" tests="1" failures="1">/);
    assert.match(junit, /<testcase classname="mq-policy policy store" name="[^"]*deny-production-changes\.json[^"]*" file="policies\/identity\/deny-production-changes\.json" line="\d+"[^>]*><failure message="[^"]*Maybe/);
    assert.match(report('index.html'), /<section class="banner" id="failures" role="alert"><h2>✗ the policy store is invalid/);
  } finally {
    writeFileSync(DENY, original);
  }
});

test('a failed coverage gate fails junit.xml, the summary\'s first line and the banner; otherwise the run is quiet, exact and reproducible', async () => {
  const r = await mqPolicy(['--baseline', 'none', '--coverage-threshold', '99']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(report('summary.md').split('\n')[0] ?? '', /^## ❌ mq-policy: coverage gate failed: decisive-statement coverage [\d.]+% \(\d+ of \d+ statements\) is below the threshold of 99%$/);
  assert.match(report('junit.xml'), /<testcase classname="mq-policy coverage gate" name="decisive-statement coverage meets the threshold" time="0"><failure message="decisive-statement coverage/);
  assert.match(report('junit.xml'), /<testsuites name="mq-policy" tests="\d+" failures="1">/);
  assert.match(report('index.html'), /<li><b>Coverage gate failed<\/b>/);
  // Every scenario carries its feature file and line, for CI annotations.
  assert.match(report('junit.xml'), /<testcase classname="Changing, rebooting and deleting brokers" name="Only break-glass can delete production brokers" file="features\/broker-lifecycle\/change-and-delete\.feature" line="18"/);
  // Apart from the gate, the same run is quiet, exact and reproducible: no probe or waived warning printed,
  // claims tick the cells they decided, seeds and hashes recorded.
  assert.doesNotMatch(r.stderr, /not in the policy store/);
  assert.doesNotMatch(r.stderr, /mq:DeleteTag/, 'the waived unknown-action warning is not printed');
  assert.match(r.stderr, /1 store warning is waived in waivers\.yaml \(listed in the reports\)/);
  const html = report('index.html');
  assert.match(html, /1 store warning\(s\) of this run are waived and were not printed/);
  // The who-can claim asserts the cells of every principal it decided; the MFA scenario is related evidence, not a tick.
  const cells = (JSON.parse(report('access-matrix.json')) as { cells: { principal: string; action: string; resourceClass: string; assertedBy: { scenario: string }[]; related?: { scenario: string; differences: string[] }[] }[] }).cells;
  const production = cells.filter((c) => c.action === 'mq:DeleteBroker' && c.resourceClass === 'brokers environment=production');
  assert.equal(production.length, loadPolicyStore(join(REPO, 'policies')).store!.principals.size, 'one cell per principal of the store');
  for (const c of production) assert.ok(c.assertedBy.some((a) => a.scenario === 'Only break-glass can delete production brokers'), `${c.principal} is asserted by the claim`);
  const breakGlass = production.find((c) => c.principal === 'break-glass')!;
  assert.ok(breakGlass.related?.some((x) => x.scenario === 'Break-glass needs MFA' && x.differences.some((d) => d.startsWith('aws:MultiFactorAuthPresent is false, not true'))));
  assert.ok(!breakGlass.assertedBy.some((a) => a.scenario === 'Break-glass needs MFA'));
  // Seeds of passing property runs, every file's hash and the fixed clock are in the document.
  assert.match(html, /<code>MQ_POLICY_PROPERTY_SEED=-?\d+<\/code>/);
  assert.match(html, /<td>policies\/identity\/deny-production-changes\.json<\/td><td><code>[0-9a-f]{64}<\/code>/);
  assert.match(html, /<code>aws:CurrentTime<\/code> = <code>2026-11-24T10:00:00Z<\/code>: the request clock is fixed so that/);
});

test('one flipped Deny on a branch, compared by default with the merge base: every new allow first, one grouped cause', async () => {
  const original = readFileSync(DENY, 'utf8');
  git('checkout', '-q', '-b', 'flip-deny');
  writeFileSync(DENY, original.replace('"Effect": "Deny"', '"Effect": "Allow"'));
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qam', 'flip');
  try {
    const r = await mqPolicy([]);
    assert.match(r.stdout, /access changes against the merge base with main \([0-9a-f]{12}\): \d+ \(\d+ new allows?\)/);
    assert.equal(r.code, 2, r.stderr);
    const summary = report('summary.md');
    assert.match(summary.split('\n')[0] ?? '', /^## ❌ mq-policy: \d+ of \d+ scenarios did not pass/);
    const allows = summary.indexOf('#### ⚠️ New allows');
    assert.ok(allows > 0 && allows < summary.indexOf('### Failures'), summary.slice(0, 1500));
    const full = report('matrix-changes.md');
    const newAllows = full.split('\n').filter((l) => l.includes('→ **allowed**'));
    assert.ok(newAllows.length > 0);
    for (const line of newAllows) assert.ok(summary.includes(line.replace(/^- /, '- ')), `summary lists ${line}`);
    assert.ok(newAllows.every((l) => l.includes('granted by')), 'each new allow names what grants it');
    assert.ok(newAllows.some((l) => l.includes('deny-production-changes.json')));
    const causes = /### Failures: (\d+) scenario\(s\), (\d+) cause\(s\)\n\n- \*\*([^*]+)\*\* \(changed since the baseline\): (\d+) scenario/.exec(summary);
    assert.ok(causes, summary.slice(summary.indexOf('### Failures'), summary.indexOf('### Failures') + 800));
    assert.equal(causes[2], '1', 'one cause');
    assert.match(causes[3]!, /deny-production-changes\.json:\d+ statement 0/);
    assert.equal(causes[4], causes[1], 'all failures are effects of the one changed statement');
    assert.ok(summary.length < 60_000);
  } finally {
    git('checkout', '-q', 'main');
  }
});
