import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { analyzeStore, withPolicy } from '../../../src/analysis';
import { loadPolicyStore, memoryStoreFiles, type PolicyStore } from '../../../src/load';
import type { Policy } from '../../../src/model';

const loaded = loadPolicyStore(resolve(__dirname, '../../../policies'));
assert.ok(loaded.store, 'the shipped store loads');
const store: PolicyStore = loaded.store;

/** The auditor's mq-describe-read-only, with its one statement's actions replaced. */
function describeWith(patterns: string[]): PolicyStore {
  const p = store.policies.get('mq-describe-read-only')!;
  const policy: Policy = { ...p, statements: [{ ...p.statements[0]!, action: { negated: false, patterns } }] };
  return withPolicy(store, policy);
}

const verdictOf = (s: PolicyStore) => analyzeStore(s, { principals: ['auditor'] }).statements.find((x) => x.policy === 'mq-describe-read-only')!;

describe('analyze: statements that also name actions the analysis does not model', () => {
  test('an Allow of an action outside the catalog\'s described services is not called dead', () => {
    // s3:GetObject is allowed by it and by nothing else the auditor holds: removing it changes that decision.
    const s = verdictOf(describeWith(['s3:GetObject']));
    assert.equal(s.verdict, 'outside-analysis');
    assert.deepEqual(s.unanalysed, ['s3:GetObject']);
  });

  test('a duplicated mq:Describe* grant that also allows s3 is not called redundant', () => {
    const s = verdictOf(describeWith(['mq:Describe*', 's3:Get*']));
    assert.equal(s.verdict, 'outside-analysis');
    assert.ok(s.unanalysed!.every((a) => a.startsWith('s3:Get')) && s.unanalysed!.length > 0);
  });

  test('a statement naming only analysed actions keeps its verdict', () => {
    assert.equal(verdictOf(describeWith(['mq:Describe*'])).verdict, 'redundant');
    assert.equal(verdictOf(describeWith(['mq:Describe*'])).unanalysed, undefined);
  });

  test('a statement no principal holds is dead whatever it names', () => {
    const p = store.policies.get('deny-production-changes-documented')!;
    const wide: Policy = { ...p, statements: [{ ...p.statements[0]!, action: { negated: false, patterns: ['s3:*'] } }] };
    assert.equal(analyzeStore(withPolicy(store, wide), { principals: ['auditor'] }).statements.find((x) => x.policy === p.name)!.verdict, 'dead');
  });
});

describe('analyze: over-permissive actions', () => {
  const INVENTORY = 'brokers:\n  orders-dev:\n    id: b-1f0e6c2a-4b7d-4e11-9a55-0c3d2e8f7a10\n    region: eu-west-1\n';
  const PRINCIPALS = 'account: "111122223333"\nusers:\n  dev:\n    userName: dev\n    policies: [ops]\n';
  const storeOf = (statement: object): PolicyStore => {
    const files = new Map([['identity/ops.json', JSON.stringify({ Version: '2012-10-17', Statement: [statement] })], ['principals.yaml', PRINCIPALS], ['inventory.yaml', INVENTORY]]);
    const l = loadPolicyStore(memoryStoreFiles(files, 'policies'));
    assert.ok(l.store);
    return l.store;
  };

  test('an unconditioned Allow on every broker is over-permissive: a broker of another account, which no identity policy can open, does not count', () => {
    const r = analyzeStore(storeOf({ Effect: 'Allow', Action: 'mq:RebootBroker', Resource: '*' }), { principals: ['dev'], actions: ['mq:RebootBroker', 'mq:DeleteBroker'] });
    assert.deepEqual(r.overPermissive, [{ principal: 'dev', actions: ['mq:RebootBroker'] }]);
  });

  test('an Allow limited to some brokers, or by a condition, is not', () => {
    const some = analyzeStore(storeOf({ Effect: 'Allow', Action: 'mq:RebootBroker', Resource: 'arn:aws:mq:*:*:broker:orders-*' }), { principals: ['dev'], actions: ['mq:RebootBroker'] });
    assert.deepEqual(some.overPermissive, []);
    const region = analyzeStore(storeOf({ Effect: 'Allow', Action: 'mq:RebootBroker', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }), { principals: ['dev'], actions: ['mq:RebootBroker'] });
    assert.deepEqual(region.overPermissive, []);
  });
});
