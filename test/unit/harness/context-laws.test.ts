import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPolicyStore } from '../../../src/load';
import { DEFAULT_SETTINGS, forAnyContext, parseConstraint, parseExpectation, variedKeys } from '../../../src/harness';

const store = loadPolicyStore('policies').store!;
const options = { numRuns: 80, seed: 42 };

test('a context property varies only the keys the scenario did not set, plus the constrained one', () => {
  const fixed = { ...DEFAULT_SETTINGS, fixed: new Set(['aws:sourceip', 'aws:multifactorauthpresent']) };
  const onBroker = [{ action: 'mq:DescribeBroker', resource: store.resources.get('payments-dev')! }];
  assert.deepEqual(variedKeys(fixed, onBroker), { varied: ['aws:SecureTransport', 'aws:CurrentTime'], kept: ['aws:SourceIp', 'aws:MultiFactorAuthPresent'] });
  assert.deepEqual(variedKeys(fixed, onBroker, parseConstraint('aws:SourceIp outside 10.20.0.0/16', ['mq:DescribeBroker'])).varied, ['aws:SourceIp', 'aws:SecureTransport', 'aws:CurrentTime']);
  assert.ok(variedKeys(DEFAULT_SETTINGS, [{ action: 'mq:ListBrokers', resource: '*' }]).varied.includes('aws:RequestedRegion'), 'the Region varies only for calls without resource');
});

test('constraints are checked: key for the action, values of the key type', () => {
  assert.throws(() => parseConstraint('aws:SourceIpp outside 10.0.0.0/8', ['mq:DescribeBroker']), /did you mean `aws:SourceIp`\?/);
  assert.throws(() => parseConstraint('aws:SourceIp outside office', ['mq:DescribeBroker']), /not an IP address or CIDR block/);
  assert.throws(() => parseConstraint('aws:MultiFactorAuthPresent in yes', ['mq:DescribeBroker']), /`true` or `false`/);
  assert.throws(() => parseConstraint('ec2:AuthorizedService in mq.amazonaws.com', ['mq:DescribeBroker']), /never in a request for `mq:DescribeBroker`/);
});

test('the law holds where the policies say so and breaks, with the keys it varied, where they do not', () => {
  const ci = store.principals.get('ci-deployer')!;
  const calls = [{ action: 'mq:DescribeBroker', resource: store.resources.get('payments-dev')! }];
  const denied = { kind: 'outcome' as const, expectation: parseExpectation(store, 'explicitly denied by deny-outside-ci-network') };
  const outside = forAnyContext(store, { principal: ci, calls, expect: denied, constraint: parseConstraint('aws:SourceIp outside 10.20.0.0/16 and 198.51.100.0/24', ['mq:DescribeBroker']) }, DEFAULT_SETTINGS, options);
  assert.equal(outside.passed, true, outside.message);
  assert.match(outside.message, /varied aws:SourceIp \(outside 10\.20\.0\.0\/16, 198\.51\.100\.0\/24\), aws:MultiFactorAuthPresent, aws:SecureTransport, aws:CurrentTime/);
  const inside = forAnyContext(store, { principal: ci, calls, expect: denied, constraint: parseConstraint('aws:SourceIp in 198.51.100.0/24', ['mq:DescribeBroker']) }, DEFAULT_SETTINGS, options);
  assert.equal(inside.passed, false);
  assert.match(inside.message, /"aws:SourceIp": "198\.51\.100\.\d+"/);
});

test('an outside-constrained string key tries the values the store gives it', async () => {
  const { storeValues } = await import('../../../src/harness/context-laws');
  assert.ok(storeValues(store, 'aws:PrincipalTag/team').includes('orders'));
  const orders = store.principals.get('orders-developer')!;
  const calls = [{ action: 'mq:UpdateBroker', resource: store.resources.get('orders-prod')! }];
  // Claims "a team tag other than payments never updates orders-prod": false, since `orders` does.
  const law = { principal: orders, calls, expect: { kind: 'never-allowed' as const }, constraint: parseConstraint('aws:PrincipalTag/team outside payments', ['mq:UpdateBroker']) };
  const r = forAnyContext(store, law, DEFAULT_SETTINGS, options);
  assert.equal(r.passed, false, r.message);
  assert.match(r.message, /"aws:PrincipalTag\/team": "orders"/);
});
