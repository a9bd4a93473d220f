import './settings';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { findAction } from '../../src/catalog';
import { actionPatternFor, isWildcardOnlyAction, MQ_ACTIONS, mqAction, mqActionCased } from './arbitraries/action';
import { arnPattern } from './arbitraries/arn';
import { recase } from './arbitraries/case';
import { conditionBlock, conditionOf, type ConditionDoc } from './arbitraries/condition';
import { ALL_FAMILIES, multivaluedContextValue, SINGLE_VALUED_FAMILIES, type KeyFamily } from './arbitraries/context-keys';
import type { PolicySetDoc } from './arbitraries/policy';
import { ordinaryPrincipal, requestDocOf, SPECIAL_PRINCIPALS, type RequestDoc } from './arbitraries/request';
import { scenario, type Scenario } from './arbitraries/scenario';
import { buildStatement, statementDoc, type Effect, type StatementDoc } from './arbitraries/statement';
import { tagValue, VARIABLE_TAG_KEYS } from './arbitraries/tag';
import { decide, isDeny, type Outcome } from './decide';
import { addStatement, recasePolicies, recaseRequest, reorderAll, withContextKey, type LayerName, type Target } from './edit';

const target: fc.Arbitrary<Target> = fc.record({
  layer: fc.constantFrom<LayerName>('identity', 'boundary', 'scp', 'session'),
  slot: fc.nat({ max: 20 }),
  ownPolicy: fc.boolean(),
  newLevel: fc.boolean(),
});

/** A scenario plus one more statement of `effect`, biased towards the scenario's request. */
const withExtra = (effect: Effect): fc.Arbitrary<{ s: Scenario; extra: StatementDoc; where: Target }> =>
  scenario.chain((s) => fc.record({ s: fc.constant(s), extra: statementDoc({ effect, near: s.request }), where: target }));

/** One identity policy `Allow * *` guarded by `tests`: the request is allowed iff the condition holds. */
function guarded(tests: readonly ConditionDoc[]): PolicySetDoc {
  return { identity: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: conditionBlock(tests) }] }] };
}
const holds = (tests: readonly ConditionDoc[], request: RequestDoc): Outcome => decide(guarded(tests), request);

const ordinaryRequest = requestDocOf({ principal: ordinaryPrincipal });

/** A condition on one family's key, and a request where that key is absent, or present with a well-typed value. */
function keyCase(families: readonly KeyFamily[], options: Parameters<typeof conditionOf>[1]) {
  return fc
    .constantFrom(...families)
    .chain((family) =>
      fc.record({
        test: conditionOf(family, options),
        value: family.multivalued ? multivaluedContextValue.filter((v) => v.length > 0) : family.contextValue.map((v): string | string[] => v),
        present: fc.boolean(),
        request: ordinaryRequest,
      }),
    )
    .map(({ test: t, value, present, request }) => ({ test: t, present, request: withContextKey(request, t.key, present ? value : undefined) }));
}

describe('engine laws (reference §12)', () => {
  test('the generators are not vacuous: every outcome occurs', () => {
    const seen = new Map<Outcome, number>();
    for (const s of fc.sample(scenario, { numRuns: 300, seed: 7 })) {
      const o = decide(s.policies, s.request);
      seen.set(o, (seen.get(o) ?? 0) + 1);
    }
    for (const o of ['Allowed', 'ExplicitDeny', 'ImplicitDeny'] as const) assert.ok((seen.get(o) ?? 0) >= 15, `${o} occurs ${seen.get(o) ?? 0} times in 300 scenarios`);
  });

  test('adding a Deny statement anywhere never turns a deny into Allowed (E2, E3)', () => {
    fc.assert(
      fc.property(withExtra('Deny'), ({ s, extra, where }) => {
        const before = decide(s.policies, s.request);
        fc.pre(isDeny(before));
        const after = decide(addStatement(s.policies, where, extra, true), s.request);
        assert.notEqual(after, 'Allowed', `was ${before}`);
      }),
    );
  });

  test('adding an Allow statement to a policy in force never turns Allowed into a deny (E2, E3)', () => {
    fc.assert(
      fc.property(withExtra('Allow'), ({ s, extra, where }) => {
        const before = decide(s.policies, s.request);
        fc.pre(before === 'Allowed');
        assert.equal(decide(addStatement(s.policies, where, extra, false), s.request), 'Allowed');
      }),
    );
  });

  test('an explicit deny stays explicit whatever Allow statements are added (E3 step 1)', () => {
    fc.assert(
      fc.property(withExtra('Allow'), fc.array(fc.tuple(statementDoc({ effect: 'Allow' }), target), { maxLength: 3 }), ({ s, extra, where }, more) => {
        fc.pre(decide(s.policies, s.request) === 'ExplicitDeny');
        let policies = addStatement(s.policies, where, extra, true);
        for (const [st, w] of more) policies = addStatement(policies, w, st, true);
        assert.equal(decide(policies, s.request), 'ExplicitDeny');
      }),
    );
  });

  test('statement order, policy order and SCP level order never change the decision (E2)', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.nat({ max: 9 }), { minLength: 1, maxLength: 8 }), (s, keys) => {
        assert.equal(decide(reorderAll(s.policies, keys), s.request), decide(s.policies, s.request));
      }),
    );
  });

  test('an unconditioned `Deny * *` in any layer that applies to the principal always denies (E3 step 1)', () => {
    const denyAll = buildStatement('Deny', false, '*', false, '*');
    fc.assert(
      fc.property(scenario, target, ({ policies, request }, where) => {
        const applies = request.principal.endsWith(':root')
          ? where.layer === 'scp'
          : request.principal.includes('AWSServiceRoleFor')
            ? where.layer !== 'scp'
            : true;
        fc.pre(applies);
        assert.equal(decide(addStatement(policies, where, denyAll, true), request), 'ExplicitDeny');
      }),
    );
  });

  test('a Deny in a layer that does not apply changes nothing: identity for root, SCPs for service-linked roles (E3c, E3d)', () => {
    const denyAll = buildStatement('Deny', false, '*', false, '*');
    fc.assert(
      fc.property(scenarioOfSpecial(), fc.nat(), ({ policies, request }, slot) => {
        const layer: LayerName = request.principal.endsWith(':root') ? 'identity' : 'scp';
        fc.pre(layer === 'identity' || request.principal.includes('AWSServiceRoleFor'));
        const where: Target = { layer, slot, ownPolicy: false, newLevel: false };
        assert.equal(decide(addStatement(policies, where, denyAll, true), request), decide(policies, request));
      }),
    );
  });

  test('`…IfExists` equals the plain operator when the key is present, and is true when it is absent (C5)', () => {
    fc.assert(
      fc.property(keyCase(ALL_FAMILIES, { ifExists: false }), ({ test: plain, present, request }) => {
        const ifExists: ConditionDoc = { ...plain, operator: `${plain.operator}IfExists` };
        if (present) assert.equal(holds([ifExists], request), holds([plain], request));
        else assert.equal(holds([ifExists], request), 'Allowed');
      }),
    );
  });

  test('`Action: X` and `NotAction` of every other catalog mq action agree on mq requests (A5)', () => {
    fc.assert(
      fc.property(
        scenario.chain((s) =>
          fc.record({
            s: fc.constant(s),
            x: fc.oneof(fc.constant(findAction(s.request.action)!.qualified), mqAction),
            template: statementDoc({ near: s.request }),
            where: target,
          }),
        ),
        ({ s, x, template, where }) => {
          const { Action: _a, NotAction: _n, ...rest } = template;
          const listed = addStatement(s.policies, where, { ...rest, Action: x }, true);
          const others = addStatement(s.policies, where, { ...rest, NotAction: MQ_ACTIONS.filter((a) => a !== x) }, true);
          assert.equal(decide(others, s.request), decide(listed, s.request));
        },
      ),
    );
  });

  test('over a missing or empty key ForAllValues is true and ForAnyValue is false (C7, C8)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_FAMILIES).chain((f) => fc.record({ all: conditionOf(f, { ifExists: false, qualifier: 'ForAllValues' }), any: conditionOf(f, { ifExists: false, qualifier: 'ForAnyValue' }) })),
        fc.constantFrom<readonly string[] | undefined>(undefined, []),
        ordinaryRequest,
        ({ all, any }, value, base) => {
          assert.equal(holds([all], withContextKey(base, all.key, value)), 'Allowed');
          assert.equal(holds([any], withContextKey(base, any.key, value)), 'ImplicitDeny');
        },
      ),
    );
  });

  test('a negated operator is the complement of its positive twin on a present single-valued key; absent, C3 decides both', () => {
    const twins: Record<string, string> = {
      StringEquals: 'StringNotEquals',
      StringEqualsIgnoreCase: 'StringNotEqualsIgnoreCase',
      StringLike: 'StringNotLike',
      NumericEquals: 'NumericNotEquals',
      DateEquals: 'DateNotEquals',
      IpAddress: 'NotIpAddress',
      ArnEquals: 'ArnNotEquals',
      ArnLike: 'ArnNotLike',
    };
    const withTwins = SINGLE_VALUED_FAMILIES.map((f) => ({ ...f, operators: f.operators.filter((o) => o in twins) })).filter((f) => f.operators.length > 0);
    fc.assert(
      fc.property(keyCase(withTwins, { ifExists: false, qualifier: null }), ({ test: positive, present, request }) => {
        const negative: ConditionDoc = { ...positive, operator: twins[positive.operator]! };
        const p = holds([positive], request);
        const n = holds([negative], request);
        if (present) assert.equal(n, p === 'Allowed' ? 'ImplicitDeny' : 'Allowed', `${positive.operator} gave ${p}`);
        else assert.deepEqual([p, n], ['ImplicitDeny', 'Allowed']);
      }),
    );
  });

  test('the letter case of action names, condition-key names (tag-key part included) and variable names never changes the decision (A1, C2, T4, V1)', () => {
    fc.assert(
      fc.property(scenario, recase, recase, (s, policyCase, requestCase) => {
        const expected = decide(s.policies, s.request);
        assert.equal(decide(recasePolicies(s.policies, policyCase), recaseRequest(s.request, requestCase)), expected);
      }),
    );
  });

  test('a policy variable resolves whatever the letter case of its name, and compares as its value (V1, C2)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VARIABLE_TAG_KEYS), recase, tagValue, tagValue, fc.boolean(), ordinaryRequest, (k, r, principalValue, other, same, base) => {
        const resourceValue = same ? principalValue : other;
        const request = withContextKey(withContextKey(base, `aws:PrincipalTag/${k}`, principalValue), 'aws:ResourceTag/env', resourceValue);
        const variable = `\${${r(`aws:PrincipalTag/${k}`)}}`;
        assert.equal(holds([{ operator: 'StringEquals', key: 'aws:ResourceTag/env', values: [variable] }], request), resourceValue === principalValue ? 'Allowed' : 'ImplicitDeny');
      }),
    );
  });

  test('`Resource: "*"` matches every request (R2.4)', () => {
    fc.assert(
      fc.property(requestDocOf().chain((r) => fc.record({ r: fc.constant(r), action: actionPatternFor(r.action) })), ({ r, action }) => {
        fc.pre(!r.principal.includes('federated-user')); // E3b: nothing is allowed without session policies
        assert.equal(decide({ identity: [{ Version: '2012-10-17', Statement: [buildStatement('Allow', false, action, false, '*')] }] }, r), 'Allowed');
      }),
    );
  });

  test('an ARN pattern never matches the `*` of a wildcard-only request; NotResource of it always does (R5, R6)', () => {
    const starRequest = requestDocOf({ principal: ordinaryPrincipal }).filter((r) => r.resource === '*');
    fc.assert(
      fc.property(starRequest, arnPattern, (r, pattern) => {
        const allowAll = buildStatement('Allow', false, '*', false, '*');
        const policy = (...statements: StatementDoc[]): PolicySetDoc => ({ identity: [{ Version: '2012-10-17', Statement: statements }] });
        assert.equal(decide(policy(buildStatement('Allow', false, '*', false, pattern)), r), 'ImplicitDeny');
        assert.equal(decide(policy(allowAll, buildStatement('Deny', false, 'mq:*', false, pattern)), r), 'Allowed');
        assert.equal(decide(policy(allowAll, buildStatement('Deny', false, 'mq:*', true, pattern)), r), 'ExplicitDeny');
      }),
      { examples: [[{ principal: 'arn:aws:iam::111122223333:user/ops/alice', action: 'mq:ListBrokers', resource: '*', context: {} }, 'arn:aws:mq:*']] },
    );
  });

  test('an escaped `${*}` (or `${?}`) in StringLike matches only the literal character (V3)', () => {
    const plain = fc.stringMatching(/^[A-Za-z0-9 _.:/-]{0,5}$/);
    fc.assert(
      fc.property(
        plain,
        plain,
        fc.constantFrom('*', '?'),
        fc.oneof(tagValue, plain, fc.constant('*'), fc.constant('?')),
        fc.constantFrom('literal', 'other'),
        ordinaryRequest,
        (prefix, suffix, ch, middle, shape, base) => {
          const literal = `${prefix}${ch}${suffix}`;
          const value = shape === 'literal' ? literal : `${prefix}${middle}${suffix}`;
          const request = withContextKey(base, 'aws:PrincipalTag/env', value);
          const outcome = holds([{ operator: 'StringLike', key: 'aws:PrincipalTag/env', values: [`${prefix}\${${ch}}${suffix}`] }], request);
          assert.equal(outcome, value === literal ? 'Allowed' : 'ImplicitDeny');
        },
      ),
    );
  });

  test('an mq request is never decided by a statement that lists only another service (A4)', () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom('ec2:*', 'iam:PassRole', 'logs:*'), target, fc.constantFrom<Effect>('Allow', 'Deny'), (s, other, where, effect) => {
        const before = decide(s.policies, s.request);
        assert.equal(decide(addStatement(s.policies, where, buildStatement(effect, false, other, false, '*'), false), s.request), before);
      }),
    );
  });

  test('wildcard-only requests are generated (the R6 law above is not vacuous)', () => {
    assert.ok(MQ_ACTIONS.filter(isWildcardOnlyAction).length === 6, 'the catalog lists six wildcard-only mq actions');
    assert.ok(fc.sample(mqActionCased, { numRuns: 200, seed: 1 }).some(isWildcardOnlyAction));
  });
});

function scenarioOfSpecial(): fc.Arbitrary<Scenario> {
  return scenario.chain((s) => fc.constantFrom(...SPECIAL_PRINCIPALS).map((principal) => ({ ...s, request: { ...s.request, principal } })));
}
