import fc from 'fast-check';
import { actionsOfService, findAction, isWildcardOnly } from '../../../src/catalog';
import { caseVariantOf } from './case';

/** Every Amazon MQ action of the catalog, canonical spelling (`mq:DeleteBroker`). */
export const MQ_ACTIONS: readonly string[] = actionsOfService('mq').map((name) => `mq:${name}`);

/** Actions of other services that MQ operations involve; they must never be confused with mq ones. */
export const OTHER_ACTIONS: readonly string[] = ['ec2:CreateNetworkInterface', 'ec2:DescribeVpcs', 'iam:PassRole', 'logs:CreateLogGroup'];

export function isWildcardOnlyAction(action: string): boolean {
  const known = findAction(action);
  return known !== undefined && isWildcardOnly(known);
}

export const mqAction: fc.Arbitrary<string> = fc.constantFrom(...MQ_ACTIONS);

/** An mq action as a caller may spell it: prefix and name in any letter case (A1). */
export const mqActionCased: fc.Arbitrary<string> = mqAction.chain(caseVariantOf);

/**
 * A pattern that matches `action`: the name itself in any case, `*`, `mq:*`, or the name with a
 * run replaced by `*` or one character replaced by `?` (A2).
 */
export function actionPatternFor(action: string): fc.Arbitrary<string> {
  const colon = action.indexOf(':');
  const prefix = action.slice(0, colon);
  const name = action.slice(colon + 1);
  const cut = fc.record({ a: fc.nat({ max: name.length }), b: fc.nat({ max: name.length }) }).map(({ a, b }) => [Math.min(a, b), Math.max(a, b)] as const);
  return fc.oneof(
    caseVariantOf(action),
    fc.constant('*'),
    fc.constant(`${prefix}:*`),
    cut.map(([a, b]) => `${prefix}:${name.slice(0, a)}*${name.slice(b)}`),
    fc.nat({ max: name.length - 1 }).map((i) => `${prefix}:${name.slice(0, i)}?${name.slice(i + 1)}`),
  ).chain(caseVariantOf);
}

/** Any valid Action entry: mostly patterns built from real mq actions, sometimes another service's. */
export const actionPattern: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: mqAction.chain(actionPatternFor) },
  { weight: 1, arbitrary: fc.constantFrom(...OTHER_ACTIONS, 'ec2:*', 'mq:Describe*', 'mq:List*', 'mq:*Broker', 'mq:*Tags') },
);
