import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { analyzeStore, diffDocument, diffStores, mergeAnalyses, mergeDiffs, mutateStore, mutantsOf, withPolicy, type RecordedExpectation } from '../../../src/analysis';
import { decisionRecord, DEFAULT_SETTINGS, evaluate } from '../../../src/harness';
import { loadPolicyStore, type PolicyStore } from '../../../src/load';
import type { Policy } from '../../../src/model';

const loaded = loadPolicyStore(resolve(__dirname, '../../../policies'));
assert.ok(loaded.store, 'the shipped store loads');
const store: PolicyStore = loaded.store;
const policy = (name: string): Policy => store.policies.get(name)!;

/** An expectation as `mq-policy test` records it: the decision JSON of one step. */
function expectation(principal: string, action: string, resource: string, expected: string): RecordedExpectation {
  const p = store.principals.get(principal)!;
  const r = store.resources.get(resource)!;
  const e = evaluate(store, p, { action, resource: r }, DEFAULT_SETTINGS);
  return { record: decisionRecord(e, expected, true), scenario: `test: ${principal} ${action} ${resource}` };
}

describe('mq-policy analyze', () => {
  const result = analyzeStore(store);

  test('a statement no principal holds can never matter (dead); a duplicated grant is redundant', () => {
    const documented = result.statements.find((s) => s.policy === 'deny-production-changes-documented')!;
    assert.equal(documented.verdict, 'dead');
    assert.deepEqual(documented.holders, []);
    const describe = result.statements.find((s) => s.policy === 'mq-describe-read-only')!;
    assert.equal(describe.verdict, 'redundant', 'AmazonMQReadOnlyAccess already grants mq:Describe* to the auditor');
    assert.deepEqual(describe.holders, ['auditor']);
  });

  test('a statement that decides some request carries that request', () => {
    const deny = result.statements.find((s) => s.policy === 'deny-production-changes')!;
    assert.equal(deny.verdict, 'decisive');
    assert.ok(deny.example && deny.example.with === 'ExplicitDeny');
  });

  test('an Allow whose every request is denied is shadowed, and names what denies it', () => {
    // Allow RebootBroker only on production brokers for the operator: deny-production-changes denies each of them.
    const shadowed: Policy = {
      ...policy('mq-operator'),
      statements: [...policy('mq-operator').statements, { ...policy('mq-operator').statements[1]!, index: 3, sid: 'RebootProduction', action: { negated: false, patterns: ['mq:RebootBroker'] }, conditions: policy('deny-production-changes').statements[0]!.conditions }],
    };
    const r = analyzeStore(withPolicy(store, shadowed), { principals: ['operator'], actions: ['mq:RebootBroker'] });
    const s = r.statements.find((x) => x.policy === 'mq-operator' && x.sid === 'RebootProduction')!;
    assert.equal(s.verdict, 'shadowed');
    assert.ok(s.shadowedBy!.some((d) => d.includes('deny-production-changes')));
  });

  test('shards merge into exactly the unsharded answer', () => {
    const names = [...store.principals.keys()].sort();
    const parts = [0, 1, 2].map((k) => analyzeStore(store, { principals: names.filter((_, i) => i % 3 === k) }));
    assert.deepEqual(mergeAnalyses(parts), result);
  });
});

describe('mq-policy diff (shards)', () => {
  test('shards of a diff merge into exactly the unsharded answer', () => {
    const head = withPolicy(store, { ...policy('deny-production-changes'), statements: [{ ...policy('deny-production-changes').statements[0]!, action: { negated: false, patterns: ['mq:DeleteBroker'] } }] });
    const whole = diffDocument(diffStores(store, head), 'a', 'b', () => undefined, []);
    assert.ok(whole.changes.some((c) => c.newAllow));
    const names = whole.principals;
    const parts = [0, 1].map((k) => diffDocument(diffStores(store, head, { principals: names.filter((_, i) => i % 2 === k) }), 'a', 'b', () => undefined, [], { index: k + 1, count: 2 }));
    const merged = mergeDiffs(parts);
    assert.ok(!('error' in merged));
    assert.deepEqual(merged, whole);
  });
});

describe('mq-policy mutate', () => {
  const rebootDenied = expectation('operator', 'mq:RebootBroker', 'orders-prod', 'explicitly denied by deny-production-changes');
  const dropReboot = mutantsOf(policy('deny-production-changes')).find((m) => m.operator === 'drop-deny-action' && m.description.includes('mq:RebootBroker'))!;

  test('a mutant that an expectation notices is killed, and names it', () => {
    const report = mutateStore(store, [rebootDenied], { policies: ['deny-production-changes'] });
    const m = report.mutants.find((x) => x.id === dropReboot.id)!;
    assert.equal(m.status, 'killed');
    assert.match(m.killedBy!, /operator mq:RebootBroker on orders-prod/);
    assert.equal(report.expectations, 1);
  });

  test('without that expectation it survives, with a request it changes; the score counts it', () => {
    const report = mutateStore(store, [], { policies: ['deny-production-changes'] });
    const m = report.mutants.find((x) => x.id === dropReboot.id)!;
    assert.equal(m.status, 'surviving');
    assert.equal(m.request!.action, 'mq:RebootBroker');
    assert.equal(m.request!.before, 'ExplicitDeny');
    assert.notEqual(m.request!.after, 'ExplicitDeny');
    assert.equal(report.score, 0);
    assert.equal(report.killed + report.surviving + report.equivalent, report.mutants.length);
  });

  test('a mutant that changes no decision is equivalent, not a survivor', () => {
    // `mq:DeleteTag` (the documented typo) matches nothing: dropping it from the Deny changes nothing.
    const report = mutateStore(withPolicy(store, policy('deny-production-changes-documented')), [], { policies: ['deny-production-changes-documented'] });
    assert.ok(report.mutants.every((m) => m.status === 'equivalent'), 'no principal holds the policy, so nothing can change');
  });

  test('an expectation that does not hold on the store as it is does not count', () => {
    const wrong = expectation('operator', 'mq:RebootBroker', 'orders-prod', 'allowed');
    const report = mutateStore(store, [wrong], { policies: ['deny-production-changes'] });
    assert.equal(report.expectations, 0);
    assert.equal(report.unreplayable.length, 1);
  });
});
