import fc from 'fast-check';
import { actionPattern, actionPatternFor } from './action';
import { arnPattern, arnPatternFor } from './arn';
import { condition, conditionBlock, type ConditionDoc } from './condition';
import type { RequestDoc } from './request';

export type Effect = 'Allow' | 'Deny';

/** A statement as a policy document holds it (plain JSON). */
export type StatementDoc = Record<string, unknown>;

export interface StatementOptions {
  readonly effect?: Effect;
  /** Bias actions and resources towards this request, so that statements often apply. */
  readonly near?: RequestDoc;
  readonly maxConditions?: number;
}

const oneOrMany = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | T[]> =>
  fc.oneof(arb, fc.array(arb, { minLength: 1, maxLength: 3 }));

/** Action/NotAction × Resource/NotResource × optional Condition, every element in its JSON shape. */
export function statementDoc(options: StatementOptions = {}): fc.Arbitrary<StatementDoc> {
  const near = options.near;
  const action = near ? fc.oneof({ weight: 2, arbitrary: actionPatternFor(near.action) }, { weight: 1, arbitrary: actionPattern }) : actionPattern;
  const resource = near && near.resource !== '*'
    ? fc.oneof({ weight: 2, arbitrary: fc.constant('*') }, { weight: 2, arbitrary: arnPatternFor(near.resource) }, { weight: 1, arbitrary: arnPattern })
    : fc.oneof({ weight: 2, arbitrary: fc.constant('*') }, { weight: 1, arbitrary: arnPattern });
  return fc
    .record({
      effect: options.effect ? fc.constant(options.effect) : fc.oneof({ weight: 3, arbitrary: fc.constant<Effect>('Allow') }, { weight: 1, arbitrary: fc.constant<Effect>('Deny') }),
      notAction: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      actions: oneOrMany(action),
      notResource: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      resources: oneOrMany(resource),
      conditions: fc.array(condition, { maxLength: options.maxConditions ?? 2 }),
    })
    .map(({ effect, notAction, actions, notResource, resources, conditions }) => buildStatement(effect, notAction, actions, notResource, resources, conditions));
}

export function buildStatement(
  effect: Effect,
  notAction: boolean,
  actions: string | string[],
  notResource: boolean,
  resources: string | string[],
  conditions: readonly ConditionDoc[] = [],
): StatementDoc {
  return {
    Effect: effect,
    [notAction ? 'NotAction' : 'Action']: actions,
    [notResource ? 'NotResource' : 'Resource']: resources,
    ...(conditions.length > 0 ? { Condition: conditionBlock(conditions) } : {}),
  };
}
