import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../support/run-cli';
import type { DiffDocument } from '../../../src/analysis';

/**
 * `mq-policy diff` on a git repository holding a copy of the shipped store: each weakening the issue
 * names opens a request (exit 2, the request shown), a change that only narrows exits 0, and an entry
 * of accepted-changes.yaml accepts a new allow until it expires.
 */

const SHIPPED = resolve(__dirname, '../../../policies');
let repo: string;
const revs = new Map<string, string>();

const git = (...args: string[]): string => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } }).trim();

function edit(file: string, change: (text: string) => string): void {
  const path = join(repo, 'policies', file);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  assert.notEqual(after, before, `the edit of ${file} changed something`);
  writeFileSync(path, after);
}

/** Commits an edit on top of `from` and names the result. */
function commit(name: string, from: string, apply: () => void): void {
  git('checkout', '-q', '--detach', revs.get(from) ?? from);
  apply();
  git('commit', '-qam', name);
  revs.set(name, git('rev-parse', 'HEAD'));
}

async function diff(...args: string[]): Promise<{ code: number; doc: DiffDocument; stderr: string }> {
  const r = await runCli(['diff', '--store', join(repo, 'policies'), '--format', 'json', '--today', '2026-12-01', ...args], { cwd: repo });
  assert.ok(r.stdout !== '', `diff wrote its answer (stderr: ${r.stderr})`);
  return { code: r.code, doc: JSON.parse(r.stdout) as DiffDocument, stderr: r.stderr };
}

before(() => {
  repo = mkdtempSync(join(tmpdir(), 'mq-diff-'));
  cpSync(SHIPPED, join(repo, 'policies'), { recursive: true });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'shipped store');
  revs.set('shipped', git('rev-parse', 'HEAD'));
  commit('allow-if-exists', 'shipped', () => edit('identity/developer-team-brokers.json', (t) => t.replace('"StringEquals": {\n                    "aws:ResourceTag/team"', '"StringEqualsIfExists": {\n                    "aws:ResourceTag/team"')));
  commit('deny-loses-action', 'shipped', () => edit('identity/deny-production-changes.json', (t) => t.replace('"mq:RebootBroker",\n', '')));
  commit('deny-ignore-case', 'shipped', () => edit('identity/deny-production-changes.json', (t) => t.replace('"StringEquals"', '"StringEqualsIgnoreCase"')));
  commit('deny-exact-case', 'deny-ignore-case', () => edit('identity/deny-production-changes.json', (t) => t.replace('"StringEqualsIgnoreCase"', '"StringEquals"')));
  commit('narrowing', 'shipped', () => edit('identity/developer-team-brokers.json', (t) => t.replace('"mq:DeleteTags"\n', '"mq:CreateTags"\n').replace('"mq:CreateTags",\n                "mq:CreateTags"', '"mq:CreateTags"')));
});

after(() => rmSync(repo, { recursive: true, force: true }));

describe('mq-policy diff', () => {
  test('an Allow whose condition gained IfExists opens requests without the key: exit 2 and the request', async () => {
    const { code, doc } = await diff('--base', revs.get('shipped')!, '--head', revs.get('allow-if-exists')!);
    assert.equal(code, 2);
    const opened = doc.changes.filter((c) => c.newAllow);
    assert.ok(opened.length > 0);
    const first = opened.find((c) => c.principal === 'developer')!;
    assert.ok(first, 'the developer gains access');
    assert.equal(first.request.context['aws:ResourceTag/team'], undefined, 'the request has no team tag');
    assert.deepEqual(first.cause, [`${revs.get('allow-if-exists')!}:policies/identity/developer-team-brokers.json:13 statement 1 (Sid ManageOwnTeamBrokers) changed`]);
    assert.ok(first.afterDetermining.some((p) => p.sid === 'ManageOwnTeamBrokers'));
  });

  test('a Deny that lost an action opens it where the Deny applied', async () => {
    const { code, doc } = await diff('--base', revs.get('shipped')!, '--head', revs.get('deny-loses-action')!);
    assert.equal(code, 2);
    const opened = doc.changes.filter((c) => c.newAllow);
    assert.ok(opened.every((c) => c.action === 'mq:RebootBroker'), 'only RebootBroker opens');
    const operator = opened.find((c) => c.principal === 'operator')!;
    assert.equal(operator.before, 'ExplicitDeny');
    assert.ok(operator.beforeDetermining.some((p) => p.policy === 'deny-production-changes'));
    assert.equal(String(operator.request.context['aws:ResourceTag/environment']).toLowerCase(), 'production');
  });

  test('a Deny whose StringEqualsIgnoreCase became StringEquals lets another letter case escape it', async () => {
    const { code, doc } = await diff('--base', revs.get('deny-ignore-case')!, '--head', revs.get('deny-exact-case')!);
    assert.equal(code, 2);
    const opened = doc.changes.filter((c) => c.newAllow);
    assert.ok(opened.length > 0);
    for (const c of opened) {
      const v = String(c.request.context['aws:ResourceTag/environment']);
      assert.equal(v.toLowerCase(), 'production');
      assert.notEqual(v, 'production', 'the escaping value differs only in letter case');
    }
  });

  test('a change that only narrows access exits 0', async () => {
    const { code, doc } = await diff('--base', revs.get('shipped')!, '--head', revs.get('narrowing')!);
    assert.equal(code, 0);
    assert.ok(doc.changes.length > 0, 'the narrowing is reported');
    assert.ok(doc.changes.every((c) => !c.newAllow));
  });

  test('accepted-changes.yaml accepts a new allow until it expires; the working tree is the default head', async () => {
    git('checkout', '-q', '--detach', revs.get('deny-loses-action')!);
    const entry = (expires: string): string => `accepted:\n  - principal: "*"\n    action: mq:RebootBroker\n    owner: platform-security\n    reason: on-call may reboot production brokers\n    expires: ${expires}\n`;
    writeFileSync(join(repo, 'policies', 'accepted-changes.yaml'), entry('2027-01-31'));
    const live = await diff('--base', revs.get('shipped')!);
    assert.equal(live.code, 0);
    assert.ok(live.doc.changes.some((c) => c.newAllow && c.accepted?.owner === 'platform-security'));
    writeFileSync(join(repo, 'policies', 'accepted-changes.yaml'), entry('2026-11-30'));
    const expired = await diff('--base', revs.get('shipped')!);
    assert.equal(expired.code, 2);
    assert.match(expired.doc.acceptanceProblems.join('\n'), /expired on 2026-11-30/);
    rmSync(join(repo, 'policies', 'accepted-changes.yaml'));
  });

  test('an unknown revision is a usage error that names it', async () => {
    const r = await runCli(['diff', '--store', join(repo, 'policies'), '--base', 'no-such-rev'], { cwd: repo });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no-such-rev/);
  });
});
