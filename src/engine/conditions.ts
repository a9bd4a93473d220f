import { isMultivaluedKey } from '../catalog';
import { readBool, type CannotDecide, type ConditionOutcome, type ConditionTest, type Request } from '../model';
import { contextValues } from './context';
import { STAR, type GlobToken } from './glob';
import { positiveTest } from './operator-tests';
import { MultivaluedVariable, substitute } from './variables';

export interface ConditionResult {
  readonly outcome: ConditionOutcome;
  /** The key was absent from the request context. */
  readonly keyMissing: boolean;
  /** Keys (as written) that this test read and the context lacked: the key itself and variables. */
  readonly missingKeys: readonly string[];
}

/** One policy value, ready to compare; `undefined` when its variable had no value. */
type Expected = { readonly tokens: GlobToken[]; readonly text: string } | undefined;

function cannot(code: CannotDecide['code'], message: string, test: ConditionTest): CannotDecide {
  return { kind: 'cannot-decide', code, message, source: test.source };
}

/** Evaluates one condition test against the request (reference C1–C14). */
export function evaluateCondition(test: ConditionTest, request: Request): ConditionResult | CannotDecide {
  const actual = contextValues(request, test.keyLower);
  const missingKeys: string[] = [];
  const present = actual !== undefined && actual.length > 0;
  if (actual === undefined) missingKeys.push(test.key);

  // Policy values after variable substitution. Wildcards count only in the Like operators and ARN family.
  const wildcards = test.baseOperator.includes('Like') || test.family === 'Arn';
  const expected: Expected[] = [];
  for (const value of test.values) {
    const s = substitute(value, request, wildcards);
    if (s instanceof MultivaluedVariable) {
      return cannot('undefined-semantics', `policy variable \`${s.key}\` names a multivalued context key; AWS allows only single-valued keys as variables`, test);
    }
    if (s.missing.length > 0) missingKeys.push(...s.missing);
    expected.push(s.tokens ? { tokens: s.tokens, text: tokensText(s.tokens) } : undefined);
  }
  const outcome = (result: boolean): ConditionResult => ({
    outcome: {
      operator: test.operator,
      key: test.key,
      expected: expected.map((e) => (e === undefined ? null : e.text)),
      actual: actual === undefined ? null : [...actual],
      result,
      source: test.source,
    },
    keyMissing: actual === undefined,
    missingKeys,
  });

  if (test.family === 'Null') {
    // "true" asks for an absent key; an empty multivalued key counts as absent (C12). Values are ORed.
    return outcome(expected.some((e) => e !== undefined && readBool(e.text) === !present));
  }
  if (!present) {
    if (test.ifExists) return outcome(true);
    if (test.setQualifier === 'ForAllValues') return outcome(true);
    if (test.setQualifier === 'ForAnyValue') return outcome(false);
    return outcome(test.negated);
  }
  const values = actual!;
  if (test.setQualifier === undefined && (values.length > 1 || isMultivaluedKey(test.key))) {
    return cannot(
      'undefined-semantics',
      `\`${test.operator}\` without \`ForAllValues:\`/\`ForAnyValue:\` on multivalued key \`${test.key}\`: AWS does not define the result`,
      test,
    );
  }
  const matcher = positiveTest(test, expected.filter((e): e is NonNullable<Expected> => e !== undefined));
  const perValue: boolean[] = [];
  for (const v of values) {
    const m = matcher(v);
    if (typeof m !== 'boolean') return cannot('invalid-context-value', `request value \`${v}\` of \`${test.key}\` is not ${m.expectation}, as \`${test.operator}\` needs`, test);
    perValue.push(test.negated ? !m : m);
  }
  if (test.setQualifier === 'ForAnyValue') return outcome(perValue.some(Boolean));
  return outcome(perValue.every(Boolean)); // ForAllValues, or one value under a plain operator
}

/** A policy value's text after substitution (wildcards written back as `*` and `?`). */
export function tokensText(tokens: readonly GlobToken[]): string {
  let text = '';
  for (const t of tokens) text += typeof t === 'string' ? t : t === STAR ? '*' : '?';
  return text;
}


