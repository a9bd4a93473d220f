import { isMultivaluedKey } from '../catalog';
import { canonicalString, readBool, type CannotDecide, type ConditionTest, type ContextValue, type Request, type TemplatePart } from '../model';
import { evaluateCondition } from './conditions';
import { STAR, templateTokens, type GlobToken } from './glob';
import { positiveTest, type Match, type PreparedValue } from './operator-tests';
import { MultivaluedVariable, substitute } from './variables';

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
  /**
   * Evaluates the test and records, through `missing`, the ids of the keys it read that the context lacked
   * (the key itself; a variable's key also when its list is empty), exactly as the interpreter reports them:
   * a test whose result cannot be known records nothing.
   */
  readonly evaluate: (request: Request, missing: MissingSink) => CompiledResult;
  /**
   * What `evaluate` does, as data, for the tests that read one key and no variables: the generated
   * decision code of a policy set (compile-plan.ts) does the same inline. Undefined: call `evaluate`.
   */
  readonly inline?: InlineCondition;
}

/** A test without variables, described for generated code; every field is what `evaluate` closes over. */
export type InlineCondition =
  | {
      readonly kind: 'value';
      /** The key, lower-cased, as the context map holds it, and its read id. */
      readonly key: string;
      readonly keyRead: number;
      /** The result when the key is absent (C3, C11). */
      readonly absent: boolean;
      readonly negated: boolean;
      /** A string value is compared directly (false for a plain operator on a multivalued key: undefined semantics). */
      readonly single: boolean;
      /** Plain `StringEquals`/`StringNotEquals` with one policy value: the comparison is `value === equals`. */
      readonly equals: string | undefined;
      readonly positive: (value: string) => Match;
      readonly judge: (v: ContextValue | undefined, positive: (value: string) => Match) => CompiledResult;
    }
  | {
      readonly kind: 'null';
      readonly key: string;
      readonly keyRead: number;
      /** Some value asks for an absent key (`true`), some for a present one (`false`); values are ORed (C12). */
      readonly whenAbsent: boolean;
      readonly whenPresent: boolean;
    };

/** Receives the read ids of missing keys; ids come from the `ReadIds` the condition was compiled with. */
export interface MissingSink {
  record(readId: number): void;
}

/** Numbers each distinct (key lower-cased, key as written) read of a compiled set. */
export type ReadIds = (lower: string, written: string) => number;

function cannot(test: ConditionTest, code: CannotDecide['code'], message: string): CannotDecide {
  return { kind: 'cannot-decide', code, message, source: test.source };
}

export function compileCondition(test: ConditionTest, readId: ReadIds): CompiledCondition {
  const keyRead = readId(test.keyLower, test.key);
  if (test.values.some((v) => v.hasVariables)) return compileWithVariables(test, readId, keyRead);
  const texts = test.values.map((v) => literalText(v.parts));
  const positive = positiveTest(test, test.values.map((v, i) => ({ tokens: templateTokens(v.parts), text: texts[i]! })));
  // The request's keys are canonical strings (parse), so the look-up finds this one by identity.
  const key = canonicalString(test.keyLower);

  if (test.family === 'Null') {
    const wantsAbsent = texts.map((t) => readBool(t));
    return {
      test,
      inline: { kind: 'null', key, keyRead, whenAbsent: wantsAbsent.includes(true), whenPresent: wantsAbsent.includes(false) },
      evaluate: (request, missing) => {
        const v = request.context.get(key);
        if (v === undefined) missing.record(keyRead);
        const present = v !== undefined && (typeof v === 'string' || v.length > 0);
        for (let i = 0; i < wantsAbsent.length; i++) if (wantsAbsent[i] === !present) return true;
        return false;
      },
    };
  }
  const judge = judgeWith(test);
  const absent = test.ifExists || test.setQualifier === 'ForAllValues' ? true : test.setQualifier === 'ForAnyValue' ? false : test.negated;
  const negated = test.negated;
  // A single string value of a key that may carry one: the common case, compared without the general walk.
  const single = !(test.setQualifier === undefined && isMultivaluedKey(test.key));
  const plainEquality = test.family === 'String' && (test.baseOperator === 'StringEquals' || test.baseOperator === 'StringNotEquals');
  const equals = plainEquality && texts.length === 1 ? texts[0] : undefined;
  return {
    test,
    inline: { kind: 'value', key, keyRead, absent, negated, single, equals, positive, judge },
    evaluate: (request, missing) => {
      const v = request.context.get(key);
      if (v === undefined) {
        missing.record(keyRead);
        return absent;
      }
      if (single && typeof v === 'string') {
        const m = positive(v);
        if (m === true || m === false) return m !== negated;
      }
      return judge(v, positive);
    },
  };
}

/** The test's answer for the request value `v` (undefined: absent), given the positive comparison (C3, C5–C9, C11). */
function judgeWith(test: ConditionTest): (v: ContextValue | undefined, positive: (value: string) => Match) => CompiledResult {
  const absent = test.ifExists || test.setQualifier === 'ForAllValues' ? true : test.setQualifier === 'ForAnyValue' ? false : test.negated;
  const negated = test.negated;
  const qualifier = test.setQualifier;
  const multivaluedKey = isMultivaluedKey(test.key);
  return (v, positive) => {
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
  };
}

/** Comparisons built per distinct combination of variable values, a bounded number per test. */
const REMEMBERED_SUBSTITUTIONS = 256;

/**
 * A test whose values hold policy variables (V1–V6): the values depend on the request, so the comparison is
 * built per distinct combination of variable values and remembered. A variable naming several values
 * (V2) is left to the interpreter, which defines that answer.
 */
function compileWithVariables(test: ConditionTest, readId: ReadIds, keyRead: number): CompiledCondition {
  const variables: Extract<TemplatePart, { kind: 'variable' }>[] = [];
  for (const v of test.values) for (const p of v.parts) if (p.kind === 'variable') variables.push(p);
  const variableReads = variables.map((p) => readId(p.key, p.name));
  const key = test.keyLower;
  const judge = judgeWith(test);
  const wildcards = test.baseOperator.includes('Like') || test.family === 'Arn';
  const built = new Map<string, (value: string) => Match>();
  /** Each variable's text after substitution, or undefined when it has no value and no default. */
  const effective: (string | undefined)[] = new Array<string | undefined>(variables.length);
  let withoutValue: ((value: string) => Match) | undefined;
  const comparisonFor = (request: Request): ((value: string) => Match) => {
    // One variable: keyed by its text (no value has its own slot); several: each length-prefixed, so no two combinations meet.
    const single = effective.length === 1;
    if (single && effective[0] === undefined && withoutValue) return withoutValue;
    const signature = single ? effective[0] : effective.map((e) => (e === undefined ? '-' : `${e.length}:${e}`)).join('');
    let positive = signature === undefined ? undefined : built.get(signature);
    if (positive) return positive;
    const prepared: PreparedValue[] = [];
    for (const value of test.values) {
      const s = substitute(value, request, wildcards);
      if (s instanceof MultivaluedVariable || s.tokens === undefined) continue;
      prepared.push({ tokens: s.tokens, text: tokensText(s.tokens) });
    }
    positive = positiveTest(test, prepared);
    if (signature === undefined) withoutValue = positive;
    else if (built.size < REMEMBERED_SUBSTITUTIONS) built.set(signature, positive);
    return positive;
  };
  return {
    test,
    evaluate: (request, missing) => {
      for (let i = 0; i < variables.length; i++) {
        const p = variables[i]!;
        const values = request.context.get(p.key);
        if (values !== undefined && typeof values !== 'string' && values.length > 1) {
          const r = evaluateCondition(test, request);
          return 'kind' in r ? r : r.outcome.result; // the interpreter's answer: a multivalued variable (V2)
        }
        const value = values === undefined ? undefined : typeof values === 'string' ? values : values[0];
        effective[i] = value ?? p.default;
      }
      const v = request.context.get(key);
      const r = judge(v, comparisonFor(request));
      if (typeof r !== 'boolean') return r; // the interpreter reports no missing key of a test it cannot decide
      if (v === undefined) missing.record(keyRead);
      for (let i = 0; i < variables.length; i++) {
        const values = request.context.get(variables[i]!.key);
        if (values === undefined || (typeof values !== 'string' && values.length === 0)) missing.record(variableReads[i]!);
      }
      return r;
    },
  };
}

function tokensText(tokens: readonly GlobToken[]): string {
  let text = '';
  for (const t of tokens) text += typeof t === 'string' ? t : t === STAR ? '*' : '?';
  return text;
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

