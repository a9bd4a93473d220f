import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadPolicyStore, type StoreDiagnostic } from '../../../src/load';

/** A copy of the shipped store with one file rewritten; returns the load's error diagnostics. */
function storeWith(file: string, edit: (text: string) => string): StoreDiagnostic[] {
  const dir = join(mkdtempSync(join(tmpdir(), 'mq-hostile-')), 'policies');
  cpSync('policies', dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  const r = loadPolicyStore(dir);
  assert.equal(r.store, undefined, 'the store is refused');
  return r.diagnostics.filter((d) => d.severity === 'error');
}

/** Drops the indented body under `key:` (so the key has nothing under it). */
const emptySection = (key: string) => (text: string): string => {
  const lines = text.split('\n');
  const at = lines.indexOf(`${key}:`);
  assert.ok(at >= 0, `${key}: is in the file`);
  let end = at + 1;
  while (end < lines.length && (lines[end]!.startsWith(' ') || lines[end] === '')) end++;
  return [...lines.slice(0, at + 1), '', ...lines.slice(end)].join('\n');
};

describe('store errors with file:line, never failing scenarios', () => {
  it('an empty inventory.yaml is `empty-file` at line 1 (it used to fail 67 scenarios with stack traces)', () => {
    const errors = storeWith('inventory.yaml', () => '');
    assert.deepEqual(errors.map((d) => [d.code, d.source.file?.endsWith('inventory.yaml'), d.source.line]), [['empty-file', true, 1]]);
  });

  for (const section of ['users', 'roles', 'sessions', 'groups']) {
    it(`an empty \`${section}:\` section of principals.yaml is \`empty-section\` at its line`, () => {
      const errors = storeWith('principals.yaml', emptySection(section));
      const empty = errors.find((d) => d.code === 'empty-section');
      assert.ok(empty, errors.map((d) => d.code).join(', '));
      assert.equal(empty.source.pointer, `/${section}`);
      assert.ok(empty.source.line! > 1);
    });
  }

  it('an empty `brokers:` section of inventory.yaml is `empty-section`', () => {
    const errors = storeWith('inventory.yaml', emptySection('brokers'));
    assert.ok(errors.some((d) => d.code === 'empty-section' && d.source.pointer === '/brokers'));
  });

  it('an unquoted account number is `unquoted-number`, quoting what YAML read (012345678901 becomes 12345678901)', () => {
    const errors = storeWith('principals.yaml', (t) => t.replace('account: "111122223333"', 'account: 012345678901'));
    assert.equal(errors.length, 1, errors.map((d) => d.message).join('\n'));
    assert.equal(errors[0]!.code, 'unquoted-number');
    assert.equal(errors[0]!.source.line, 4);
    assert.match(errors[0]!.message, /`012345678901` as the number 12345678901/);
    assert.equal(errors[0]!.help, 'write it in quotes: `"012345678901"`');
  });

  it('an unquoted 12-digit account is refused too: the digits happen to survive, but a number is not an account ID', () => {
    const errors = storeWith('principals.yaml', (t) => t.replace('account: "111122223333"', 'account: 111122223333'));
    assert.deepEqual(errors.map((d) => d.code), ['unquoted-number']);
  });

  it('an invalid sourceIp is `invalid-source-ip` at its line, for the default and for a principal', () => {
    const errors = storeWith('principals.yaml', (t) => t.replace('sourceIp: 203.0.113.10', 'sourceIp: 203.0.113.999').replace('    userName: alice\n', '    userName: alice\n    sourceIp: 10.0.0.0/8\n'));
    assert.deepEqual(errors.map((d) => [d.code, d.source.pointer]), [['invalid-source-ip', '/sourceIp'], ['invalid-source-ip', '/users/admin/sourceIp']]);
    assert.ok(errors.every((d) => d.source.line !== undefined));
  });

  it('an alias bomb or a merge key in principals.yaml is a coded store error, not an exception', () => {
    const bomb = storeWith('principals.yaml', (t) => {
      let extra = 'x0: &x0 [a, a, a, a, a, a, a, a, a, a]\n';
      for (let i = 1; i < 8; i++) extra += `x${i}: &x${i} [${Array(10).fill(`*x${i - 1}`).join(', ')}]\n`;
      return `${t}\n${extra}`;
    });
    assert.deepEqual(bomb.map((d) => d.code), ['yaml-too-many-aliases']);
    assert.ok(bomb[0]!.source.line! > 60, 'located at the first alias');
    const merge = storeWith('principals.yaml', (t) => t.replace('  auditor:\n    userName: audrey\n', '  auditor:\n    <<: {userName: audrey}\n'));
    assert.deepEqual(merge.map((d) => [d.code, d.source.line !== undefined]), [['yaml-merge-key', true]]);
  });

  it('a policy file nested thousands of levels deep is `nesting-too-deep` naming the file', () => {
    const errors = storeWith('identity/developer-team-brokers.json', () => `{"Version": "2012-10-17", "Statement": ${'['.repeat(5000)}${']'.repeat(5000)}}`);
    const deep = errors.find((d) => d.code === 'nesting-too-deep');
    assert.ok(deep, errors.map((d) => d.code).join(', '));
    assert.match(deep.source.file ?? '', /developer-team-brokers\.json$/);
  });
});
