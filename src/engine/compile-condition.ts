import { isMultivaluedKey } from '../catalog';
import { readBool, type CannotDecide, type ConditionTest, type Request } from '../model';
import { evaluateCondition } from './conditions';
import { templateTokens } from './glob';
import { positiveTest } from './operator-tests';

/** Result of a compiled condition: true, false, or the reason it cannot be known. */
export type CompiledResult = boolean | CannotDecide;

/**
 * A condition test compiled once: policy values parsed ahead of time (numbers, dates, networks,
 * glob tokens), so a request costs one context look-up and the comparisons. Tests whose values
 * hold policy variables depend on the request, so they run through the interpreter, which defines
 * the semantics; the differential laws check that both paths agree.
 */
export interface CompiledCondition {
  readonly test: ConditionTest;
  /** Keys the test reads (lower-cased → as written), to report missing ones. */
  readonly reads: readonly (readonly [string, string, boolean])[];
  readonly evaluate: (request: Request) => CompiledResult;
}

function cannot(test: ConditionTest, code: CannotDecide['code'], message: string): CannotDecide {
  return { kind: 'cannot-decide', code, message, source: test.source };
}

export function compileCondition(test: ConditionTest): CompiledCondition {
  // [key lower-cased, key as written, is a policy variable]: a variable with an empty list has no value.
  const reads: [string, string, boolean][] = [[test.keyLower, test.key, false]];
  for (const v of test.values) for (const p of v.parts) if (p.kind === 'variable') reads.push([p.key, p.name, true]);
  const hasVariables = test.values.some((v) => v.hasVariables);
  if (hasVariables) {
    return {
      test,
      reads,
      evaluate: (request) => {
        const r = evaluateCondition(test, request);
        return 'kind' in r ? r : r.outcome.result;
      },
    };
  }
  const texts = test.values.map((v) => literalText(v.parts));
  const positive = positiveTest(test, test.values.map((v, i) => ({ tokens: templateTokens(v.parts), text: texts[i]! })));
  const multivaluedKey = isMultivaluedKey(test.key);
  const key = test.keyLower;

  if (test.family === 'Null') {
    const wantsAbsent = texts.map((t) => readBool(t));
    return {
      test,
      reads,
      evaluate: (request) => {
        const v = request.context.get(key);
        const present = v !== undefined && (typeof v === 'string' || v.length > 0);
        return wantsAbsent.some((w) => w === !present);
      },
    };
  }
  const absent = test.ifExists || test.setQualifier === 'ForAllValues' ? true : test.setQualifier === 'ForAnyValue' ? false : test.negated;
  const negated = test.negated;
  const qualifier = test.setQualifier;
  return {
    test,
    reads,
    evaluate: (request) => {
      const v = request.context.get(key);
      if (v === undefined || (typeof v !== 'string' && v.length === 0)) return absent;
      if (typeof v === 'string' || v.length === 1) {
        if (qualifier === undefined && multivaluedKey) return undefinedSemantics(test);
        const m = positive(typeof v === 'string' ? v : v[0]!);
        if (typeof m !== 'boolean') return invalidValue(test, typeof v === 'string' ? v : v[0]!, m);
        return negated ? !m : m;
      }
      if (qualifier === undefined) return undefinedSemantics(test);
      // Every value is read, as the interpreter does: one malformed value makes the test unknown.
      const any = qualifier === 'ForAnyValue';
      let result = !any;
      for (const item of v) {
        const m = positive(item);
        if (typeof m !== 'boolean') return invalidValue(test, item, m);
        if ((negated ? !m : m) === any) result = any;
      }
      return result;
    },
  };
}

function undefinedSemantics(test: ConditionTest): CannotDecide {
  return cannot(test, 'undefined-semantics', `\`${test.operator}\` without \`ForAllValues:\`/\`ForAnyValue:\` on multivalued key \`${test.key}\`: AWS does not define the result`);
}

function invalidValue(test: ConditionTest, value: string, expectation: { expectation: string }): CannotDecide {
  return cannot(test, 'invalid-context-value', `request value \`${value}\` of \`${test.key}\` is not ${expectation.expectation}, as \`${test.operator}\` needs`);
}

function literalText(parts: ConditionTest['values'][number]['parts']): string {
  let s = '';
  for (const p of parts) s += p.kind === 'text' ? p.text : p.kind === 'escaped' ? p.char : '';
  return s;
}

