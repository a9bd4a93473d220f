import fc from 'fast-check';
import { actionPatternFor, MQ_ACTIONS } from './action';
import { arnPattern, arnPatternFor, brokerArn } from './arn';
import { caseVariantOf } from './case';
import type { ConditionDoc } from './condition';
import type { RequestDoc } from './request';
import { buildStatement, type Effect, type StatementDoc } from './statement';
import { tagValue } from './tag';

/**
 * Statements whose applicability to one request is known by construction: each part (action,
 * resource, condition) is built to match or to miss. Requests get one present key and one absent key.
 */

export const PRESENT_KEY = 'aws:PrincipalTag/team';
export const ABSENT_KEY = 'aws:ResourceTag/never-set';

export const requestWithKnownContext = (request: fc.Arbitrary<RequestDoc>): fc.Arbitrary<RequestDoc> =>
  fc.record({ request, team: tagValue }).map(({ request: r, team }) => ({ ...r, context: { [PRESENT_KEY]: team } }));

function actionPart(request: RequestDoc, matches: boolean): fc.Arbitrary<{ negated: boolean; patterns: string | string[] }> {
  const other = fc.constantFrom(...MQ_ACTIONS).filter((a) => a.toLowerCase() !== request.action.toLowerCase());
  return matches
    ? fc.oneof(actionPatternFor(request.action).map((p) => ({ negated: false, patterns: p })), other.map((a) => ({ negated: true, patterns: [a] })))
    : fc.oneof(
        other.chain(caseVariantOf).map((a) => ({ negated: false, patterns: a })),
        caseVariantOf(request.action).map((a) => ({ negated: true, patterns: a })),
        fc.constant({ negated: false, patterns: 'ec2:*' }),
        fc.constant({ negated: true, patterns: '*' }),
      );
}

function resourcePart(request: RequestDoc, matches: boolean): fc.Arbitrary<{ negated: boolean; patterns: string | string[] }> {
  const star = request.resource === '*';
  const otherArn = brokerArn.filter((a) => a !== request.resource);
  if (matches) {
    return star
      ? fc.oneof(fc.constant({ negated: false, patterns: '*' }), arnPattern.map((p) => ({ negated: true, patterns: p }))) // R5
      : fc.oneof(fc.constant({ negated: false, patterns: '*' }), arnPatternFor(request.resource).map((p) => ({ negated: false, patterns: p })), otherArn.map((a) => ({ negated: true, patterns: a })));
  }
  return star
    ? fc.oneof(arnPattern.map((p) => ({ negated: false, patterns: p })), fc.constant({ negated: true, patterns: '*' })) // R6
    : fc.oneof(otherArn.map((a) => ({ negated: false, patterns: a })), arnPatternFor(request.resource).map((p) => ({ negated: true, patterns: p })));
}

function conditionPart(request: RequestDoc, holds: boolean): fc.Arbitrary<ConditionDoc[]> {
  const team = request.context[PRESENT_KEY] as string;
  const t = (operator: string, key: string, value: string): ConditionDoc => ({ operator, key, values: [value] });
  return holds
    ? fc.constantFrom(
        [],
        [t('Null', ABSENT_KEY, 'true')],
        [t('StringEquals', PRESENT_KEY, team)],
        [t('StringEqualsIfExists', ABSENT_KEY, 'x')],
        [t('StringNotEquals', ABSENT_KEY, 'x')], // C3
        [t('ForAllValues:StringEquals', ABSENT_KEY, 'x')], // C7
      )
    : fc.constantFrom(
        [t('StringEquals', ABSENT_KEY, 'x')],
        [t('Null', PRESENT_KEY, 'true')],
        [t('ForAnyValue:StringEquals', ABSENT_KEY, 'x')], // C8
        [t('StringNotEquals', PRESENT_KEY, team)],
      );
}

/** A statement of `effect` that applies to `request` iff `applies`. */
export function statementWithApplicability(request: RequestDoc, effect: Effect, applies: boolean): fc.Arbitrary<StatementDoc> {
  // Which parts match: all of them when it applies; otherwise at least one part misses.
  const parts = applies
    ? fc.constant([true, true, true] as const)
    : fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.nat({ max: 2 })).map(([a, r, c, forced]) => {
        const m = [a, r, c];
        if (m.every(Boolean)) m[forced] = false;
        return m as unknown as readonly [boolean, boolean, boolean];
      });
  return parts.chain(([a, r, c]) =>
    fc
      .record({ action: actionPart(request, a), resource: resourcePart(request, r), conditions: conditionPart(request, c) })
      .map(({ action, resource, conditions }) => buildStatement(effect, action.negated, action.patterns, resource.negated, resource.patterns, conditions)),
  );
}
