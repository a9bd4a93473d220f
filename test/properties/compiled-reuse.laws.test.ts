// The compiled path remembers across requests (action plans, answers by applied statements and missing-key
// order, substituted comparisons, parsed request values, the last resource matched). One compiled set asked
// many different questions in a row must answer each exactly as the interpreter does.
import './settings';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { compilePolicySet, interpret } from '../../src/engine';
import { policySetDoc, toPolicySet } from './arbitraries/policy';
import { mqActionCased } from './arbitraries/action';
import { requestDoc, requestDocOf, toRequest } from './arbitraries/request';

/**
 * A second resource for the signature law: mostly the same ARN with another last segment (another broker or
 * configuration of the same account, so equal signatures are common and the law is exercised on every run),
 * sometimes an unrelated one, cross-account included.
 */
const otherResource = (resource: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.stringMatching(/^[a-z0-9-]{1,12}$/).map((last) => (resource === '*' ? resource : [...resource.split(':').slice(0, -1), last].join(':'))) },
    { weight: 1, arbitrary: requestDocOf({ crossAccount: true }).map((d) => d.resource) },
  );

describe('one compiled set, many requests', () => {
  test('every answer equals the interpreter, whatever was asked before (cross-account requests included)', () => {
    // Mostly one action per run, so the same action plan meets many contexts (and its remembered answers).
    const requests = mqActionCased.chain((action) =>
      fc.array(fc.oneof({ weight: 4, arbitrary: requestDocOf({ action: fc.constant(action) }) }, { weight: 1, arbitrary: requestDoc }, { weight: 1, arbitrary: requestDocOf({ crossAccount: true }) }), { minLength: 2, maxLength: 25 }),
    );
    fc.assert(
      fc.property(requestDoc.chain((near) => fc.tuple(policySetDoc(near), requests)), ([policies, docs]) => {
        const set = toPolicySet(policies);
        // Code is generated at the second decision of an action plan, so both paths meet remembered answers.
        const compiled = compilePolicySet(set, { generateAfter: 1 });
        // Each request twice, in a shuffled-looking order: remembered answers are met again.
        for (const doc of [...docs, ...docs.slice().reverse()]) {
          const request = toRequest(doc);
          assert.deepEqual(compiled.decide(request), interpret(request, set), JSON.stringify(doc));
        }
      }),
      { numRuns: 60 },
    );
  });
  test('two resources with the same resource signature get the same answer (what the matrix relies on)', () => {
    let compared = 0;
    fc.assert(
      fc.property(requestDoc.chain((near) => fc.tuple(policySetDoc(near), fc.constant(near), otherResource(near.resource))), ([policies, first, otherArn]) => {
        const set = toPolicySet(policies);
        const compiled = compilePolicySet(set);
        const second = { ...first, resource: otherArn };
        const a = compiled.resourceSignature(first.resource);
        if (a === undefined || a !== compiled.resourceSignature(second.resource)) return;
        // The second resource must suit the action too: the parser checks it.
        if (first.resource === '*' || second.resource === '*' || first.resource.split(':')[5] !== second.resource.split(':')[5]) return;
        compared++;
        assert.deepEqual(compiled.decide(toRequest(second)), interpret(toRequest(first), set));
      }),
      { numRuns: 200 },
    );
    assert.ok(compared > 0, 'no two resources with equal signatures were generated');
  });
});
