import { isMultivaluedKey } from '../catalog';
import {
  isBase64,
  networkContains,
  readBool,
  readDate,
  readIpNetwork,
  readNumber,
  splitArn,
  type CannotDecide,
  type ConditionOutcome,
  type ConditionTest,
  type Request,
} from '../model';
import { contextValues } from './context';
import { componentGlob } from './arn-glob';
import { globMatch, isLiteral, STAR, type GlobToken } from './glob';
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
  const matcher = positiveMatcher(test, expected);
  const perValue: boolean[] = [];
  for (const v of values) {
    const m = matcher(v);
    if (typeof m !== 'boolean') return cannot('invalid-context-value', `request value \`${v}\` of \`${test.key}\` is not ${m.expectation}, as \`${test.operator}\` needs`, test);
    perValue.push(test.negated ? !m : m);
  }
  if (test.setQualifier === 'ForAnyValue') return outcome(perValue.some(Boolean));
  return outcome(perValue.every(Boolean)); // ForAllValues, or one value under a plain operator
}

function tokensText(tokens: readonly GlobToken[]): string {
  let text = '';
  for (const t of tokens) text += typeof t === 'string' ? t : t === STAR ? '*' : '?';
  return text;
}

type MatchResult = boolean | { readonly expectation: string };

/** Whether a request value matches any policy value under the positive form of the operator. */
function positiveMatcher(test: ConditionTest, expected: readonly Expected[]): (value: string) => MatchResult {
  const present = expected.filter((e): e is NonNullable<Expected> => e !== undefined);
  const op = test.baseOperator;
  switch (test.family) {
    case 'String': {
      if (op === 'StringLike' || op === 'StringNotLike') return (v) => present.some((e) => globMatch(e.tokens, v));
      if (op.includes('IgnoreCase')) return (v) => present.some((e) => e.text.toLowerCase() === v.toLowerCase());
      return (v) => present.some((e) => e.text === v);
    }
    case 'Numeric': {
      const numbers = present.map((e) => readNumber(e.text)!);
      const cmp = ordering(op.replace('Numeric', '').replace('Not', ''));
      return (v) => {
        const n = readNumber(v);
        return n === undefined ? { expectation: 'a number' } : numbers.some((p) => cmp(n, p));
      };
    }
    case 'Date': {
      const dates = present.map((e) => readDate(e.text)!);
      const cmp = ordering(op.replace('Date', '').replace('Not', ''));
      return (v) => {
        const d = readDate(v);
        return d === undefined ? { expectation: 'an ISO 8601 date or epoch seconds' } : dates.some((p) => cmp(d, p));
      };
    }
    case 'Bool': {
      const bools = present.map((e) => readBool(e.text)!);
      return (v) => {
        const b = readBool(v);
        return b === undefined ? { expectation: '`true` or `false`' } : bools.includes(b);
      };
    }
    case 'Binary': {
      const blobs = present.map((e) => Buffer.from(e.text, 'base64').toString('hex'));
      return (v) => (isBase64(v) ? blobs.includes(Buffer.from(v, 'base64').toString('hex')) : { expectation: 'base-64 encoded bytes' });
    }
    case 'IpAddress': {
      const networks = present.map((e) => readIpNetwork(e.text)!);
      return (v) => {
        const ip = v.includes('/') ? undefined : readIpNetwork(v);
        return ip === undefined ? { expectation: 'an IP address' } : networks.some((n) => networkContains(n, ip));
      };
    }
    case 'Arn':
      return (v) => {
        const arn = splitArn(v);
        if (arn === undefined) return { expectation: 'an ARN' };
        return present.some((e) => arnPatternMatches(e.tokens, v));
      };
    case 'Null':
      return () => false; // handled before
  }
}

function ordering(kind: string): (a: number, b: number) => boolean {
  switch (kind) {
    case 'Equals':
      return (a, b) => a === b;
    case 'LessThan':
      return (a, b) => a < b;
    case 'LessThanEquals':
      return (a, b) => a <= b;
    case 'GreaterThan':
      return (a, b) => a > b;
    default:
      return (a, b) => a >= b;
  }
}

/**
 * ArnEquals/ArnLike: the six components are compared one by one, wildcards staying inside their
 * component, except the resource part, which is one glob (C4e).
 */
function arnPatternMatches(tokens: readonly GlobToken[], value: string): boolean {
  if (isLiteral(tokens)) return tokens.join('') === value;
  return componentGlob(tokens, value);
}

