import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadPolicyStore, memoryStoreFiles, shippedManagedPolicies } from '../../../src/load';
import { buildStore, readAccountSnapshot } from '../../../src/sources';

// The fixtures follow the AWS CLI's output of each command (examples/aws-account/README.md names them).
const dir = 'examples/aws-account';
const text = (f: string): { file: string; text: string } => ({ file: `${dir}/${f}`, text: readFileSync(`${dir}/${f}`, 'utf8') });
const options = { managed: shippedManagedPolicies() };
const AUTH = text('authorization-details.json');
const MQ = [text('list-brokers.json'), text('describe-broker-orders-prod.json'), { ...text('list-tags-payments-staging.json'), target: 'payments-staging' }, text('list-configurations.json')];
const SCPS = [{ level: 'root', ...text('scp-root-FullAWSAccess.json') }, { level: 'workloads', ...text('scp-workloads-FullAWSAccess.json') }, { level: 'workloads', ...text('scp-workloads-guardrails.json') }];
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const authWith = (change: (a: Json) => void): { file: string; text: string } => {
  const a = JSON.parse(AUTH.text) as Json;
  change(a);
  return { file: AUTH.file, text: JSON.stringify(a) };
};

test('the example account imports completely; only default policy versions count', () => {
  const estate = readAccountSnapshot(AUTH, MQ, SCPS, options);
  assert.deepEqual(estate.unresolved, []);
  assert.deepEqual(estate.errors, []);
  const built = buildStore(estate);
  const { store, diagnostics } = loadPolicyStore(memoryStoreFiles(built.files, 'account', 'account#'));
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  const boundary = store!.policies.get('developer-boundary')!;
  assert.equal(boundary.statements.length, 2, 'v2 (the default) has two statements; v1 had one');
  assert.deepEqual(store!.principals.get('alice')!.identityPolicies, ['AmazonMQFullAccess']);
  assert.equal(store!.resources.get('payments-staging')!.tags.team, 'payments', 'tags from list-tags');
  assert.equal(store!.resources.get('orders-prod')!.tags.environment, 'production', 'tags from describe-broker');
  assert.deepEqual(store!.scpLevels.map((l) => l.policies.length), [1, 2]);
});

test('URL-encoded documents (the raw API) read the same as JSON objects (the CLI)', () => {
  const estate = readAccountSnapshot(AUTH, MQ, SCPS, options);
  const bg = estate.roles.find((r) => r.name === 'BreakGlass')!;
  const inline = estate.policies.get(bg.policies[0]!)!;
  assert.deepEqual(inline.document, { Version: '2012-10-17', Statement: [{ Sid: 'EmergencyMq', Effect: 'Allow', Action: 'mq:*', Resource: '*' }] });
  assert.equal(estate.policies.get(bg.trust!)!.use, 'trust');
});

test('an attached customer policy missing from Policies, and a truncated output, are unresolved', () => {
  const estate = readAccountSnapshot(authWith((a) => {
    a.Policies = (a.Policies as Json[]).filter((p) => p.PolicyName !== 'mq-operator');
    a.IsTruncated = true;
  }), MQ, SCPS, options);
  assert.ok(estate.unresolved.some((u) => u.what.includes('policy/mq-operator')));
  assert.ok(estate.unresolved.some((u) => /IsTruncated/.test(u.why)));
});

test('a broker listed only by list-brokers has unknown tags, which decide access: unresolved', () => {
  const estate = readAccountSnapshot(AUTH, [MQ[0]!, MQ[1]!], SCPS, options);
  assert.deepEqual(estate.unresolved.map((u) => u.what), ['the tags of broker `payments-staging`']);
});

test('a level whose SCPs allow nothing also carries the assumed FullAWSAccess; without --scp the report says no SCP restricts', () => {
  const estate = readAccountSnapshot(AUTH, MQ, [{ level: 'workloads', ...text('scp-workloads-guardrails.json') }], options);
  assert.deepEqual(estate.scpLevels.map((l) => [l.name, l.assumedFullAccess, l.policies.length]), [['0-workloads', true, 2]]);
  assert.ok(estate.notes.some((n) => n.code === 'assumed-full-aws-access'));
  assert.ok(readAccountSnapshot(AUTH, MQ, [], options).notes.some((n) => n.code === 'no-scps'));
});

test('a file that is not authorization details is refused with a clear error', () => {
  const estate = readAccountSnapshot({ file: 'x.json', text: '{"Resources": {}}' }, [], [], options);
  assert.equal(estate.errors[0]?.code, 'not-authorization-details');
});
