import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPolicyStore } from '../../../src/load';
import { DEFAULT_SETTINGS, requestContext } from '../../../src/harness';

const store = loadPolicyStore('policies').store!;
const broker = store.resources.get('payments-prod')!;

test('an IAM user with access keys: aws:username, no MFA or token keys, resource tags for a broker action', () => {
  const ctx = requestContext(store.principals.get('developer')!, { action: 'mq:RebootBroker', resource: broker }, DEFAULT_SETTINGS);
  assert.equal(ctx['aws:username'], 'dmitri');
  assert.equal(ctx['aws:PrincipalType'], 'User');
  assert.equal(ctx['aws:MultiFactorAuthPresent'], undefined);
  assert.equal(ctx['aws:TokenIssueTime'], undefined);
  assert.equal(ctx['aws:ResourceTag/environment'], 'production');
  assert.equal(ctx['aws:RequestedRegion'], 'eu-west-1');
  assert.equal(ctx['aws:EpochTime'], String(Date.parse(DEFAULT_SETTINGS.currentTime) / 1000));
});

test('a role session: no aws:username, MFA and token time present', () => {
  const ctx = requestContext(store.principals.get('operator')!, { action: 'mq:ListBrokers', resource: '*' }, DEFAULT_SETTINGS);
  assert.equal(ctx['aws:username'], undefined);
  assert.equal(ctx['aws:MultiFactorAuthPresent'], 'true');
  assert.ok(ctx['aws:TokenIssueTime']);
  assert.equal(Object.keys(ctx).some((k) => k.startsWith('aws:ResourceTag/')), false);
});

test('DeleteTags carries aws:TagKeys only; CreateBroker carries aws:RequestTag and aws:TagKeys', () => {
  const del = requestContext(store.principals.get('operator')!, { action: 'mq:DeleteTags', resource: broker, tagKeys: ['team'] }, DEFAULT_SETTINGS);
  assert.deepEqual(del['aws:TagKeys'], ['team']);
  assert.equal(Object.keys(del).some((k) => k.startsWith('aws:RequestTag/')), false);
  const create = requestContext(store.principals.get('developer')!, { action: 'mq:CreateBroker', resource: '*', requestTags: { team: 'payments' } }, DEFAULT_SETTINGS);
  assert.equal(create['aws:RequestTag/team'], 'payments');
  assert.deepEqual(create['aws:TagKeys'], ['team']);
});

test('scenario overrides have the last word, and null removes a key', () => {
  const overrides = new Map([['aws:sourceip', { key: 'aws:SourceIp', value: null }], ['aws:principaltag/team', { key: 'aws:PrincipalTag/team', value: 'orders' }]]);
  const ctx = requestContext(store.principals.get('developer')!, { action: 'mq:ListBrokers', resource: '*' }, { ...DEFAULT_SETTINGS, overrides });
  assert.equal(ctx['aws:SourceIp'], undefined);
  assert.equal(ctx['aws:PrincipalTag/team'], 'orders');
});
