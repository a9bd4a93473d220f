import { isMultivaluedKey } from '../catalog';
import { isBase64, networkContains, readIpv4Number, readBool, readDate, readIpNetwork, readNumber, splitArn, type CannotDecide, type ConditionTest, type IpNetwork, type Request } from '../model';
import { arnComponents, compileArnPattern, matchArnPattern } from './arn-glob';
import { evaluateCondition } from './conditions';
import { globMatch, textTokens, type GlobToken } from './glob';

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
  for (const v of test.values) for (const p of v.parts) if (p.kind === 'variable') reads.push([p.key, p.raw.replace(/^\$\{|(, '.*')?\}$/g, ''), true]);
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
  const positive = positiveTest(test, texts);
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

type Match = boolean | { readonly expectation: string };

/** The positive form of the operator against one request value, with the policy values prepared. */
function positiveTest(test: ConditionTest, texts: readonly string[]): (value: string) => Match {
  const op = test.baseOperator;
  switch (test.family) {
    case 'String': {
      if (op === 'StringLike' || op === 'StringNotLike') {
        const patterns = test.values.map((v) => likeTokens(v.parts));
        return (v) => patterns.some((p) => globMatch(p, v));
      }
      if (op.includes('IgnoreCase')) {
        const set = new Set(texts.map((t) => t.toLowerCase()));
        return (v) => set.has(v.toLowerCase());
      }
      const set = new Set(texts);
      return (v) => set.has(v);
    }
    case 'Numeric': {
      const numbers = texts.map((t) => readNumber(t)!);
      const cmp = ordering(op.replace('Numeric', '').replace('Not', ''));
      return (v) => {
        const n = readNumber(v);
        return n === undefined ? { expectation: 'a number' } : numbers.some((p) => cmp(n, p));
      };
    }
    case 'Date': {
      const dates = texts.map((t) => readDate(t)!);
      const cmp = ordering(op.replace('Date', '').replace('Not', ''));
      return (v) => {
        const d = readDate(v);
        return d === undefined ? { expectation: 'an ISO 8601 date or epoch seconds' } : dates.some((p) => cmp(d, p));
      };
    }
    case 'Bool': {
      const bools = texts.map((t) => readBool(t)!);
      return (v) => {
        const b = readBool(v);
        return b === undefined ? { expectation: '`true` or `false`' } : bools.includes(b);
      };
    }
    case 'Binary': {
      const blobs = texts.map((t) => Buffer.from(t, 'base64').toString('hex'));
      return (v) => (isBase64(v) ? blobs.includes(Buffer.from(v, 'base64').toString('hex')) : { expectation: 'base-64 encoded bytes' });
    }
    case 'IpAddress': {
      const networks: IpNetwork[] = texts.map((t) => readIpNetwork(t)!);
      // IPv4 networks compare as numbers: [network >> shift, shift], shift < 32.
      const v4 = networks.filter((n) => n.version === 4).map((n) => [Number(n.address) / 2 ** (32 - n.prefix), 32 - n.prefix] as const);
      return (v) => {
        // An IPv4 address never falls in an IPv6 network (C4d), so only the IPv4 ones are tried.
        const ip4 = readIpv4Number(v);
        if (ip4 !== undefined) return v4.some(([net, shift]) => Math.floor(ip4 / 2 ** shift) === net);
        const ip = v.includes('/') ? undefined : readIpNetwork(v);
        return ip === undefined ? { expectation: 'an IP address' } : networks.some((n) => networkContains(n, ip));
      };
    }
    case 'Arn': {
      const patterns = test.values.map((v) => compileArnPattern(likeTokens(v.parts)));
      return (v) => {
        const parts = splitArn(v) === undefined ? undefined : arnComponents(v);
        return parts === undefined ? { expectation: 'an ARN' } : patterns.some((p) => matchArnPattern(p, parts));
      };
    }
    case 'Null':
      return () => false;
  }
}

/** Wildcards from the policy's own text; escapes stay literal. */
function likeTokens(parts: ConditionTest['values'][number]['parts']): GlobToken[] {
  const tokens: GlobToken[] = [];
  for (const p of parts) {
    if (p.kind === 'text') textTokens(p.text, true, tokens);
    else if (p.kind === 'escaped') textTokens(p.char, false, tokens);
  }
  return tokens;
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
