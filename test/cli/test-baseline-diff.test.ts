// `mq-policy test --baseline REV` end to end in a scratch git repository: the access diff over every request
// class reaches summary.md, index.html and junit.xml; a new allow nobody accepted fails the run (exit 2), an
// accepted one is marked and passes, and a change that only narrows access passes with "no new access".
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { spawnTestCommand } from '../support/spawn-test-command';
import { runCli } from '../support/run-cli';

const REPO = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'mq-test-baseline-diff-'));
const git = (...args: string[]): string => {
  const r = spawnSync('git', args, { cwd: work, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
};
const DENY = join(work, 'policies', 'identity', 'deny-production-changes.json');
let original = '';

before(() => {
  // A user's repository: the shipped store and one small feature (the run stays quick; the diff covers the whole store).
  cpSync(join(REPO, 'policies'), join(work, 'policies'), { recursive: true });
  mkdirSync(join(work, 'features'));
  cpSync(join(REPO, 'features', 'read-only-access', 'describe.feature'), join(work, 'features', 'describe.feature'));
  writeFileSync(join(work, '.gitignore'), 'reports/\n');
  git('init', '-q', '-b', 'main');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '-A');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'store');
  original = readFileSync(DENY, 'utf8');
});

after(() => rmSync(work, { recursive: true, force: true }));

const mqPolicy = (args: string[]) => spawnTestCommand(work, args);
const report = (name: string): string => readFileSync(join(work, 'reports', name), 'utf8');
const ACCEPTED = join(work, 'policies', 'accepted-changes.yaml');

test('a Deny that lost an action: exit 2, and every report names the request it opens', async () => {
  writeFileSync(DENY, original.replace('"mq:RebootBroker",\n', ''));
  try {
    const r = await mqPolicy(['--baseline', 'main']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /failed: \d+ newly allowed request class(es)? against main not accepted in accepted-changes\.yaml/);
    const summary = report('summary.md');
    assert.match(summary.split('\n')[0]!, /^## ❌ mq-policy: \d+ newly allowed request class(es)? against main not accepted in accepted-changes\.yaml$/);
    const section = summary.slice(summary.indexOf('### New access over every request against main'));
    assert.match(section, /⚠️ \*\*operator · mq:RebootBroker\*\*: explicitly denied → \*\*allowed\*\* \(new allow, not accepted\)/);
    assert.match(section, /request: mq:RebootBroker on arn:aws:mq:eu-west-1:111122223333:broker:orders-prod:\S+ as arn:aws:sts::111122223333:assumed-role\/Operator\/olivia; context .*aws:ResourceTag\/environment="production"/);
    assert.match(section, /before: main:policies\/identity\/deny-production-changes\.json:\d+ statement 0 \\\(Sid DenyDestructiveActionsOnProduction, Deny\\\)/);
    assert.match(section, /opened by: policies\/identity\/deny-production-changes\.json:\d+ statement 0 \\\(Sid DenyDestructiveActionsOnProduction\\\) changed/);
    const html = report('index.html');
    assert.match(html, /<section class="banner" id="failures" role="alert">.*mq-policy diff failed/s);
    assert.match(html, /<section id="access-diff"><h2>New access over every request against main<\/h2><p class="problems">/);
    assert.match(html, /<tr class="d-new-allow"><td>operator<\/td><td class="act">mq:RebootBroker<\/td>/);
    assert.match(report('junit.xml'), /<testcase classname="mq-policy diff" name="nothing is newly allowed against main that accepted-changes\.yaml does not accept" time="0"><failure/);
    // No --mutate: the reports say the score was not computed, and show none.
    assert.match(summary, /Mutation score not shown: not computed for this run/);
    assert.doesNotMatch(summary, /### Mutation score/);

    // The same weakening, accepted on purpose: marked with owner, reason and expiry, and the run passes.
    writeFileSync(ACCEPTED, 'accepted:\n  - principal: "*"\n    action: mq:RebootBroker\n    owner: platform-security\n    reason: on-call engineers reboot production brokers\n    expires: 2999-12-31\n');
    const ok = await mqPolicy(['--baseline', 'main']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(report('summary.md').split('\n')[0]!, /^## ✅ /);
    assert.match(report('summary.md'), /\(new allow, accepted by platform-security until 2999-12-31: on-call engineers reboot production brokers\)/);
    assert.match(report('index.html'), /<tr class="d-accepted"><td>operator<\/td>/);
  } finally {
    writeFileSync(DENY, original);
    rmSync(ACCEPTED, { force: true });
  }
});

test('a change that only narrows access exits 0 and says "no new access"', async () => {
  writeFileSync(DENY, original.replace('"mq:RebootBroker",\n', '"mq:RebootBroker",\n                "mq:UpdateBroker",\n'));
  try {
    const r = await mqPolicy(['--baseline', 'main', '--analyze', '--mutate']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /no new access against main \(over every request class; reports\/access-diff\.md\)/);
    const summary = report('summary.md');
    assert.match(summary.split('\n')[0]!, /^## ✅ mq-policy: all \d+ scenarios passed$/);
    assert.match(summary, /✅ no new access against main\./);
    assert.match(summary, /No new access: no request of any principal is allowed now that was not allowed at main\./);
    assert.match(summary, /#### Other changes/, 'the narrowed requests are listed as other changes');
    assert.match(report('index.html'), /<p class="gate-pass"><b>✓ no new access against main\.<\/b><\/p>/);
    // --analyze: verdicts beside coverage; --mutate: the score of exactly this run, with what it covered.
    assert.match(summary, /### What every statement does over every request \(`mq-policy analyze`\)\n\n- \d+ dead, \d+ shadowed, \d+ redundant of \d+ statements/);
    assert.match(summary, /deny-production-changes-documented\.json:\d+ statement 0 \\\(DenyDestructiveActionsOnProduction\\\): \*\*dead: it can never matter\*\*; held by no principal/);
    assert.match(summary, /### Mutation score \(`mq-policy mutate`\)\n\n- \*\*mutation score [\d.]+% /);
    assert.match(report('index.html'), /<section id="mutation"><h2>Mutation score<\/h2><p><b>mutation score [\d.]+%/);
    const computed = JSON.parse(report('mutation.json')) as { storeSha256: string; runSha256: string };
    assert.match(computed.storeSha256, /^[0-9a-f]{64}$/);
  } finally {
    writeFileSync(DENY, original);
  }
});

test('mutation.json of `mq-policy mutate` reaches `mq-policy report` only for the store and run it was computed on', async () => {
  // The recorded run of the test before (the narrowed store, restored since): its mutation.json is now stale.
  const before = await runCli(['report', '--store', 'policies'], { cwd: work });
  assert.equal(before.code, 0, before.stderr);
  assert.match(report('summary.md'), /Mutation score not shown: mutation\.json was computed on another version of the policy store/);
  const mutated = await runCli(['mutate', '--format', 'json', '--out', join(work, 'mutate.json')], { cwd: work });
  assert.equal(mutated.code, 0, mutated.stderr);
  const rebuilt = await runCli(['report', '--store', 'policies'], { cwd: work });
  assert.equal(rebuilt.code, 0, rebuilt.stderr);
  assert.match(report('summary.md'), /### Mutation score \(`mq-policy mutate`\)\n\n- \*\*mutation score [\d.]+% .*\n- Covered: \d+ mutants of the \d+ policies some principal holds in policies \\\(content sha256 [0-9a-f]{16}…\\\)/);
  // The store changed since: the score describes another store, so it is not shown as this one's.
  writeFileSync(DENY, original.replace('"mq:RebootBroker",\n', ''));
  try {
    const stale = await runCli(['report', '--store', 'policies'], { cwd: work });
    assert.equal(stale.code, 0, stale.stderr);
    assert.match(report('summary.md'), /Mutation score not shown: mutation\.json was computed on another version of the policy store; run \\`mq-policy mutate\\` again/);
    assert.doesNotMatch(report('summary.md'), /### Mutation score/);
  } finally {
    writeFileSync(DENY, original);
  }
});

test('a named baseline git does not know fails the run (exit 1) and every report says the diff was not computed', async () => {
  const r = await mqPolicy(['--baseline', 'no-such-branch']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /--baseline no-such-branch: git does not know the revision `no-such-branch`/);
  assert.match(report('summary.md').split('\n')[0]!, /^## ❌ mq-policy: .*git does not know the revision \\`no-such-branch\\`; the access diff over every request was not computed$/);
  assert.match(report('junit.xml'), /<testcase classname="mq-policy diff" name="the baseline named with --baseline could be read" time="0"><failure/);
  assert.match(report('index.html'), /<section class="banner" id="failures" role="alert">/);
});
