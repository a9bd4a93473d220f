import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicyStore } from '../../../src/load';

function copyStore(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'mq-store-')), 'policies');
  cpSync('policies', dir, { recursive: true });
  return dir;
}

test('the shipped store loads without errors; the documented mq:DeleteTag is a warning with a suggestion', () => {
  const r = loadPolicyStore('policies');
  assert.ok(r.store);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  const warning = r.diagnostics.find((d) => d.code === 'unknown-action');
  assert.equal(warning?.help, 'did you mean `mq:DeleteTags`?');
});

test('every problem of the store is reported at once, with file, line and a did-you-mean', () => {
  const dir = copyStore();
  const principals = join(dir, 'principals.yaml');
  writeFileSync(principals, readFileSync(principals, 'utf8').replace('boundary: developer-boundary', 'boundary: developer-boundry').replace('role: Operator', 'role: Operater'));
  const inventory = join(dir, 'inventory.yaml');
  writeFileSync(inventory, readFileSync(inventory, 'utf8').replace('region: eu-central-1', 'regoin: eu-central-1'));
  const r = loadPolicyStore(dir);
  assert.equal(r.store, undefined);
  const codes = r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.help ?? ''}`);
  assert.ok(codes.includes('unknown-policy did you mean `developer-boundary`?'), codes.join('\n'));
  assert.ok(codes.includes('unknown-role did you mean `Operator`?'), codes.join('\n'));
  assert.ok(codes.includes('unknown-field did you mean `region`?'), codes.join('\n'));
  assert.ok(r.diagnostics.every((d) => d.source.file !== undefined));
});

test('a session takes the role ARN with its path as aws:PrincipalArn, and session tags replace role tags', () => {
  const ci = loadPolicyStore('policies').store!.principals.get('ci-deployer')!;
  assert.equal(ci.arn, 'arn:aws:sts::111122223333:assumed-role/CIDeployer/pipeline-4711');
  assert.equal(ci.principalArn, 'arn:aws:iam::111122223333:role/ci/CIDeployer');
  assert.deepEqual(ci.tags, { team: 'payments' });
});
