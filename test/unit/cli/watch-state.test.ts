import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { affectedBy, changesSince, RunRecorder, type ScenarioState } from '../../../src/cli/watch-state';
import { DECISION_MEDIA_TYPE } from '../../../src/harness';
import { loadPolicyStore } from '../../../src/load';

const store = loadPolicyStore(join(__dirname, '..', '..', '..', 'policies')).store!;
const scenario = (key: string, principals: string[], passed = true): ScenarioState => ({ key, name: key, passed, principals: new Set(principals) });
const known = new Map([scenario('features/a.feature:3', ['auditor']), scenario('features/a.feature:9', ['developer']), scenario('features/b.feature:4', []), scenario('features/c.feature:2', ['admin'])].map((s) => [s.key, s]));
const noText = (): string => '';

describe('watch: which scenarios a change affects', () => {
  it('a changed identity policy re-runs the scenarios of the principals that hold it, and those that made no decision', () => {
    const a = affectedBy([{ path: 'policies/identity/deny-production-changes.json', kind: 'store' }], store, known, noText);
    assert.equal(a.kind, 'some');
    assert.deepEqual(a.kind === 'some' && [...a.paths].sort(), ['features/a.feature:9', 'features/b.feature:4']);
    assert.match(a.why, /deny-production-changes changed \(held by .*developer/);
  });

  it('a scenario that names the policy (a probe step) re-runs too', () => {
    const a = affectedBy([{ path: 'policies/identity/deny-production-changes.json', kind: 'store' }], store, known, (uri) => (uri === 'features/c.feature' ? 'with the policy deny-production-changes in place of x' : ''));
    assert.ok(a.kind === 'some' && a.paths.includes('features/c.feature:2'));
  });

  it('a changed feature re-runs that feature; principals, inventory and SCPs re-run everything', () => {
    const f = affectedBy([{ path: 'features/c.feature', kind: 'feature' }], store, known, noText);
    assert.deepEqual(f.kind === 'some' && f.paths, ['features/c.feature']);
    assert.equal(affectedBy([{ path: 'policies/principals.yaml', kind: 'store' }], store, known, noText).kind, 'all');
    assert.equal(affectedBy([{ path: 'policies/inventory.yaml', kind: 'store' }], store, known, noText).kind, 'all');
    assert.equal(affectedBy([{ path: 'policies/scps/0-root/region-lock.json', kind: 'store' }], store, known, noText).kind, 'all');
  });

  it('waivers and other files re-run nothing', () => {
    assert.equal(affectedBy([{ path: 'policies/waivers.yaml', kind: 'store' }, { path: 'policies/README.md', kind: 'store' }], store, known, noText).kind, 'none');
  });
});

describe('watch: what changed since the last run', () => {
  it('reports newly failing scenarios with their explanation, newly passing and new ones, and nothing that stayed the same', () => {
    const previous = new Map([scenario('x:1', []), scenario('x:2', [], false), scenario('x:3', [])].map((s) => [s.key, s]));
    const lines = changesSince(previous, [{ ...scenario('x:1', []), passed: false, failure: 'expected allowed\nbecause' }, scenario('x:2', []), scenario('x:3', []), scenario('x:4', [])]);
    assert.deepEqual(lines, ['✗ now failing: x:1 (x:1)\n    expected allowed\n    because', '✓ now passing: x:2 (x:2)', '+ new, passing: x:4 (x:4)']);
  });

  it('records scenarios, their principals and first failure from Cucumber messages', () => {
    const r = new RunRecorder();
    const envelopes = [
      { pickle: { id: 'p1', uri: 'features/a.feature', name: 'A', location: { line: 3 } } },
      { testCase: { id: 't1', pickleId: 'p1' } },
      { testCaseStarted: { id: 's1', testCaseId: 't1' } },
      { attachment: { testCaseStartedId: 's1', mediaType: DECISION_MEDIA_TYPE, body: JSON.stringify({ principal: 'auditor' }) } },
      { testStepFinished: { testCaseStartedId: 's1', testStepResult: { status: 'FAILED', exception: { type: 'AssertionError', message: 'expected allowed' } } } },
      { testCaseFinished: { testCaseStartedId: 's1', willBeRetried: false } },
    ];
    for (const e of envelopes) r.onMessage(e);
    assert.equal(r.scenarios.length, 1);
    assert.deepEqual({ ...r.scenarios[0]!, principals: [...r.scenarios[0]!.principals] }, { key: 'features/a.feature:3', name: 'A', passed: false, principals: ['auditor'], failure: 'failed: expected allowed' });
  });
});
