import './settings';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { referenceDecision, type AbstractCase, type LayerAnswer, type PrincipalKind } from '../reference/combine';
import { requestWithKnownContext, statementWithApplicability } from './arbitraries/applicability';
import type { PolicyDoc, PolicySetDoc } from './arbitraries/policy';
import { requestDocOf, type RequestDoc } from './arbitraries/request';
import type { Effect, StatementDoc } from './arbitraries/statement';
import { decide } from './decide';

const PRINCIPALS: Record<PrincipalKind, readonly string[]> = {
  user: ['arn:aws:iam::111122223333:user/ops/alice'],
  'role-session': ['arn:aws:sts::111122223333:assumed-role/Operator/alice-session'],
  root: ['arn:aws:iam::111122223333:root'],
  'federated-user': ['arn:aws:sts::111122223333:federated-user/alice'],
  'service-linked-role': ['arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForAmazonMQ/mq', 'arn:aws:iam::111122223333:role/aws-service-role/mq.amazonaws.com/AWSServiceRoleForAmazonMQ'],
};

/** Abstract statements of one layer: effect and whether it applies to the request. */
type AbstractStatement = { readonly effect: Effect; readonly applies: boolean };
const abstractStatements = fc.array(fc.record({ effect: fc.constantFrom<Effect>('Allow', 'Deny'), applies: fc.boolean() }), { maxLength: 3 });
/** Deny-free layers, so that combinations of allows are reached often, not only explicit denies. */
const mostlyApplies = fc.oneof({ weight: 2, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
const allowOnly = fc.array(fc.record({ effect: fc.constant<Effect>('Allow'), applies: mostlyApplies }), { maxLength: 3 });
const layerStatements = fc.oneof({ weight: 3, arbitrary: allowOnly }, { weight: 1, arbitrary: abstractStatements });

const answer = (statements: readonly AbstractStatement[]): LayerAnswer => ({
  allows: statements.some((s) => s.applies && s.effect === 'Allow'),
  denies: statements.some((s) => s.applies && s.effect === 'Deny'),
});

const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.oneof(fc.constant(undefined), arb);

const abstractSet = fc.record({
  principal: fc.constantFrom<PrincipalKind>('user', 'role-session', 'root', 'federated-user', 'service-linked-role'),
  principalChoice: fc.nat(),
  identity: layerStatements,
  boundary: optional(layerStatements),
  session: optional(layerStatements),
  scp: fc.array(layerStatements, { maxLength: 3 }),
  /** Move the resource into another account (E0); wildcard-only requests stay in the caller's. */
  otherAccount: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  /** How statements are split into policies within a layer. */
  splits: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
});
type AbstractSet = typeof abstractSet extends fc.Arbitrary<infer T> ? T : never;

function toCase(a: AbstractSet, request: RequestDoc): AbstractCase {
  // The root user has neither a boundary nor session policies.
  const root = a.principal === 'root';
  return {
    principal: a.principal,
    identity: answer(a.identity),
    ...(a.boundary && !root ? { boundary: answer(a.boundary) } : {}),
    ...(a.session && !root ? { session: answer(a.session) } : {}),
    scpLevels: a.scp.map(answer),
    ...(a.otherAccount && request.resource !== '*' ? { crossAccount: true } : {}),
  };
}

/** The same resource in account 444455556666 (the generated principals are all of 111122223333). */
const inOtherAccount = (r: RequestDoc): RequestDoc => (r.resource === '*' ? r : { ...r, resource: r.resource.split(':').map((p, i) => (i === 4 ? '444455556666' : p)).join(':') });

/** Concrete statements for one abstract layer, split into policies. */
function concreteLayer(request: RequestDoc, statements: readonly AbstractStatement[], split: boolean): fc.Arbitrary<PolicyDoc[]> {
  return fc.tuple(...statements.map((s) => statementWithApplicability(request, s.effect, s.applies))).map((docs: StatementDoc[]) => {
    if (docs.length === 0) return [];
    if (!split || docs.length === 1) return [{ Version: '2012-10-17', Statement: docs }];
    return [{ Version: '2012-10-17', Statement: docs.slice(0, 1) }, { Version: '2012-10-17', Statement: docs.slice(1) }];
  });
}

const differential = abstractSet.chain((a) => {
  const candidates = PRINCIPALS[a.principal];
  const principal = candidates[a.principalChoice % candidates.length]!;
  return requestWithKnownContext(requestDocOf({ principal: fc.constant(principal) })).map((r) => (a.otherAccount ? inOtherAccount(r) : r)).chain((request) => {
    const c = toCase(a, request);
    const [s0, s1, s2] = a.splits as [boolean, boolean, boolean];
    return fc
      .record({
        identity: concreteLayer(request, a.identity, s0),
        boundary: c.boundary ? concreteLayer(request, a.boundary!, s1) : fc.constant(undefined),
        session: c.session ? concreteLayer(request, a.session!, s2) : fc.constant(undefined),
        scp: fc.tuple(...a.scp.map((level) => concreteLayer(request, level, s0))),
      })
      .map(({ identity, boundary, session, scp }) => {
        // A layer that exists holds at least one policy; an empty list would mean "absent" to the engine.
        const filled = (layer: PolicyDoc[]): PolicyDoc[] => (layer.length > 0 ? layer : [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:DescribeVpcs', Resource: '*' }] }]);
        const policies: PolicySetDoc = {
          identity,
          ...(boundary ? { boundary: filled(boundary) } : {}),
          ...(session ? { session: filled(session) } : {}),
          ...(scp.length > 0 ? { scp: scp.map(filled) } : {}),
        };
        return { abstract: c, request, policies };
      });
  });
});

describe('the engine agrees with the reference combiner', () => {
  test('on random policy sets (identity, boundary, SCP levels, session) with applicable and non-applicable statements', () => {
    fc.assert(
      fc.property(differential, ({ abstract, request, policies }) => {
        assert.equal(decide(policies, request), referenceDecision(abstract), JSON.stringify(abstract));
      }),
    );
  });

  test('the reference combiner itself follows the E3 table', () => {
    const yes: LayerAnswer = { allows: true, denies: false };
    const no: LayerAnswer = { allows: false, denies: false };
    const deny: LayerAnswer = { allows: true, denies: true };
    const user = (c: Partial<AbstractCase>): AbstractCase => ({ principal: 'user', identity: yes, scpLevels: [yes], ...c });
    assert.equal(referenceDecision(user({})), 'Allowed');
    assert.equal(referenceDecision(user({ boundary: no })), 'ImplicitDeny');
    assert.equal(referenceDecision(user({ identity: no, boundary: yes })), 'ImplicitDeny');
    assert.equal(referenceDecision(user({ boundary: yes, scpLevels: [yes, no] })), 'ImplicitDeny');
    assert.equal(referenceDecision(user({ boundary: yes, session: deny })), 'ExplicitDeny');
    assert.equal(referenceDecision({ principal: 'root', identity: deny, scpLevels: [yes] }), 'Allowed');
    assert.equal(referenceDecision({ principal: 'service-linked-role', identity: yes, scpLevels: [deny] }), 'Allowed');
    assert.equal(referenceDecision({ principal: 'federated-user', identity: yes, scpLevels: [] }), 'ImplicitDeny');
    assert.equal(referenceDecision(user({ crossAccount: true })), 'ImplicitDeny');
    assert.equal(referenceDecision(user({ crossAccount: true, identity: deny })), 'ExplicitDeny');
  });
});
