import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPolicyStore, memoryStoreFiles } from '../../../src/load';

const ALLOW = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"mq:ListBrokers","Resource":"*"}]}';
const TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
const load = (principals: string, extra: Record<string, string> = {}) =>
  loadPolicyStore(memoryStoreFiles(new Map([['identity/p.json', ALLOW], ['trust/R.trust.json', TRUST], ['principals.yaml', principals], ['inventory.yaml', 'brokers:\n  b:\n    id: b-1\n    region: eu-west-1\n    placeholderId: true\n    engine: ActiveMQ\n    source: plan.json x\n'], ...Object.entries(extra)]), 'mem', 'mem:'));

test('roles name their trust policy; trust policies are read as trust policies (a Principal is expected)', () => {
  const r = load('account: "111122223333"\nroles:\n  R:\n    policies: [p]\n    trust: R.trust\n    source: plan.json aws_iam_role.r\nsessions:\n  R:\n    role: R\n    sessionName: s1\n');
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.store!.roleTrust!.get('R'), 'R.trust');
  assert.deepEqual(r.store!.trustPolicies!.get('R.trust')!.statements[0]!.principals, { Service: ['ec2.amazonaws.com'] });
  assert.equal(r.store!.resources.get('b')!.placeholderId, true);
});

test('an unknown trust policy and a trust policy without Principal are errors', () => {
  const r = load('account: "111122223333"\nroles:\n  R:\n    trust: Q.trust\n', { 'trust/Bad.json': ALLOW });
  assert.deepEqual(r.diagnostics.map((d) => d.code).sort(), ['invalid-type', 'unknown-element', 'unknown-policy']);
});

test('incomplete: entries become a warning on every load, naming what is missing', () => {
  const r = load('account: "111122223333"\nincomplete:\n  - what: policy `x`\n    why: unknown until apply\n    source: plan.json aws_iam_policy.x\n');
  assert.equal(r.store!.incomplete!.length, 1);
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.severity]), [['incomplete-store', 'warning']]);
  assert.match(r.diagnostics[0]!.message, /the store is incomplete: policy `x`: unknown until apply \(source: plan\.json aws_iam_policy\.x\)/);
});

test('a malformed incomplete: entry is an error, not ignored', () => {
  const r = load('account: "111122223333"\nincomplete:\n  - what: x\n');
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['missing-field']);
});
