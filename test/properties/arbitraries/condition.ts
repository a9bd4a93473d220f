import fc from 'fast-check';
import { ALL_FAMILIES, type KeyFamily, type PolicyValue } from './context-keys';

/** One condition test as a policy writes it: `"<operator>": {"<key>": [values]}`. */
export interface ConditionDoc {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly PolicyValue[];
}

export interface OperatorOptions {
  /** Force or forbid the `IfExists` suffix; random when undefined. */
  readonly ifExists?: boolean;
  /** Force a set qualifier (or none with `null`); random for single-valued keys when undefined. */
  readonly qualifier?: 'ForAllValues' | 'ForAnyValue' | null;
}

/** Builds the operator name from its parts, as IAM spells it. */
export function operatorName(base: string, ifExists: boolean, qualifier: 'ForAllValues' | 'ForAnyValue' | null): string {
  return `${qualifier ? `${qualifier}:` : ''}${base}${ifExists ? 'IfExists' : ''}`;
}

/** A test on one key of `family` with any of its operators (C4). Multivalued keys always get a set qualifier. */
export function conditionOf(family: KeyFamily, options: OperatorOptions = {}): fc.Arbitrary<ConditionDoc> {
  const qualifier: fc.Arbitrary<'ForAllValues' | 'ForAnyValue' | null> =
    options.qualifier !== undefined
      ? fc.constant(options.qualifier)
      : family.multivalued
        ? fc.constantFrom('ForAllValues' as const, 'ForAnyValue' as const)
        : fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom('ForAllValues' as const, 'ForAnyValue' as const) });
  return fc
    .record({
      base: fc.constantFrom(...family.operators),
      ifExists: options.ifExists !== undefined ? fc.constant(options.ifExists) : fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      qualifier,
      key: fc.constantFrom(...family.keys),
      values: fc.array(family.policyValue, { minLength: 1, maxLength: 3 }),
    })
    .map(({ base, ifExists, qualifier: q, key, values }) => ({ operator: operatorName(base, ifExists, q), key, values }));
}

/** `Null` on any key: "true" asks for absence (C12). */
export const nullCondition: fc.Arbitrary<ConditionDoc> = fc.record({
  operator: fc.constant('Null'),
  key: fc.constantFrom(...ALL_FAMILIES.flatMap((f) => f.keys)),
  values: fc.constantFrom<PolicyValue>('true', 'false', true, false).map((v) => [v]),
});

/** A condition test of any operator family, weighted towards the tag keys MQ policies use most. */
export const condition: fc.Arbitrary<ConditionDoc> = fc.oneof(
  { weight: 4, arbitrary: conditionOf(ALL_FAMILIES[0]!) },
  ...ALL_FAMILIES.slice(1).map((f) => ({ weight: 1, arbitrary: conditionOf(f) })),
  { weight: 1, arbitrary: nullCondition },
);

/**
 * A Condition block from tests. Keys under one operator are kept distinct ignoring case, so that
 * re-casing a key name can never merge two tests into one JSON member.
 */
export function conditionBlock(tests: readonly ConditionDoc[]): Record<string, Record<string, PolicyValue | PolicyValue[]>> {
  const block: Record<string, Record<string, PolicyValue | PolicyValue[]>> = {};
  for (const t of tests) {
    const keys = (block[t.operator] ??= {});
    if (Object.keys(keys).some((k) => k.toLowerCase() === t.key.toLowerCase())) continue;
    keys[t.key] = t.values.length === 1 ? t.values[0]! : [...t.values];
  }
  return block;
}
