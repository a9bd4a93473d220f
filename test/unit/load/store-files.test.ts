import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { diskStoreFiles, gitStoreFiles, GitRevisionError, loadPolicyStore, memoryStoreFiles } from '../../../src/load';

/** Every file of the shipped store, keyed by its path inside the store. */
function shippedStoreInMemory(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative('policies', path).split('\\').join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk('policies');
  return files;
}

const summary = (r: ReturnType<typeof loadPolicyStore>): string =>
  JSON.stringify({ policies: [...(r.store?.policies.keys() ?? [])], principals: [...(r.store?.principals.keys() ?? [])], resources: [...(r.store?.resources.keys() ?? [])], codes: r.diagnostics.map((d) => d.code) });

test('a store held in memory loads into the same store as the folder it was copied from', () => {
  const fromDisk = loadPolicyStore('policies');
  const fromMemory = loadPolicyStore(memoryStoreFiles(shippedStoreInMemory(), 'in memory', 'mem:'));
  assert.ok(fromDisk.store && fromMemory.store);
  assert.equal(summary(fromMemory), summary(fromDisk));
});

test('diagnostics of a store in memory name files with the given prefix', () => {
  const files = shippedStoreInMemory();
  files.set('identity/broken.json', '{"Version": "2012-10-17", "Statement": [');
  const r = loadPolicyStore(memoryStoreFiles(files, 'plan.json', 'plan.json#'));
  assert.equal(r.store, undefined);
  assert.ok(r.diagnostics.some((d) => d.source.file === 'plan.json#identity/broken.json' && d.severity === 'error'), JSON.stringify(r.diagnostics));
});

test('an empty store in memory is reported as no store, not as two missing files', () => {
  const r = loadPolicyStore(memoryStoreFiles(new Map(), 'nothing'));
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['missing-store']);
});

test('a store outside the working directory is named by its absolute path', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'mq-store-')), 'policies');
  cpSync('policies', dir, { recursive: true });
  const files = diskStoreFiles(dir, process.cwd());
  assert.equal(files.display('principals.yaml'), join(dir, 'principals.yaml'));
  assert.ok(loadPolicyStore(dir).store);
});

test('the store at a git revision is read from git objects, not from the work tree', () => {
  const repo = mkdtempSync(join(tmpdir(), 'mq-git-'));
  const g = (...args: string[]): string => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: repo, encoding: 'utf8' });
  g('init', '-q', '-b', 'main');
  cpSync('policies', join(repo, 'policies'), { recursive: true });
  g('add', '.');
  g('commit', '-q', '-m', 'store');
  // The work tree now differs: a policy is broken there, but not at HEAD.
  writeFileSync(join(repo, 'policies/identity/broken.json'), '{');
  assert.equal(loadPolicyStore(join(repo, 'policies')).store, undefined);
  const atHead = loadPolicyStore(gitStoreFiles(join(repo, 'policies'), 'HEAD'));
  assert.ok(atHead.store, JSON.stringify(atHead.diagnostics));
  assert.equal(summary(atHead), summary(loadPolicyStore('policies')));
  assert.throws(() => gitStoreFiles(join(repo, 'policies'), 'no-such-rev'), (e: unknown) => e instanceof GitRevisionError && /no-such-rev/.test(e.message));
});

test('a store folder that did not exist at a revision is no store there', () => {
  const repo = mkdtempSync(join(tmpdir(), 'mq-git-'));
  const g = (...args: string[]): string => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: repo, encoding: 'utf8' });
  g('init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'README'), 'x');
  g('add', '.');
  g('commit', '-q', '-m', 'first');
  const r = loadPolicyStore(gitStoreFiles(join(repo, 'policies'), 'HEAD'));
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['missing-store']);
  assert.match(r.diagnostics[0]!.message, /HEAD:policies/);
});
