import { isBase64, networkContains, readBool, readDate, readIpNetwork, readIpv4Number, readNumber, splitArn, type ConditionTest, type IpNetwork } from '../model';
import { arnComponents, compileArnPattern, matchArnPattern } from './arn-glob';
import { globMatch, type GlobToken } from './glob';

export type Match = boolean | { readonly expectation: string };

/** A policy value ready to compare: glob tokens (wildcards where the operator has them) and its text. */
export interface PreparedValue {
  readonly tokens: readonly GlobToken[];
  readonly text: string;
}

/**
 * The positive form of the operator against one request value, with the policy values parsed once
 * (numbers, dates, networks, ARN components). Shared by the reference evaluator and the compiled
 * path, so both compare exactly alike. A request value of the wrong type yields what was expected.
 */
export function positiveTest(test: ConditionTest, values: readonly PreparedValue[]): (value: string) => Match {
  const compare = positiveTestOf(test, values);
  // Exact string comparison is one Set look-up already; everything else parses or scans the value.
  const plainEquality = test.family === 'String' && (test.baseOperator === 'StringEquals' || test.baseOperator === 'StringNotEquals');
  return plainEquality ? compare : remember(compare);
}

/** Distinct request values remembered per test: the values a store meets repeat (addresses, times, tags). */
const REMEMBERED_VALUES = 1024;

/**
 * Request values repeat from one request to the next (aws:CurrentTime, the caller's address, a tag), and
 * parsing them (dates, networks, base-64) costs more than comparing: remember the answers, the last one
 * first, a bounded number in all.
 */
function remember(test: (value: string) => Match): (value: string) => Match {
  let lastValue: string | undefined;
  let lastAnswer: Match = false;
  let seen: Map<string, Match> | undefined;
  return (value) => {
    if (value === lastValue) return lastAnswer;
    let answer = seen?.get(value);
    if (answer === undefined) {
      answer = test(value);
      if (lastValue !== undefined && value.length <= 256) {
        seen ??= new Map();
        if (seen.size < REMEMBERED_VALUES) seen.set(value, answer);
      }
    }
    lastValue = value;
    lastAnswer = answer;
    return answer;
  };
}

/** The positive comparison alone, without remembering answers: for callers that keep it themselves (decide-once.ts). */
export function comparisonOf(test: ConditionTest, values: readonly PreparedValue[]): (value: string) => Match {
  return positiveTestOf(test, values);
}

function positiveTestOf(test: ConditionTest, values: readonly PreparedValue[]): (value: string) => Match {
  const op = test.baseOperator;
  const texts = values.map((v) => v.text);
  switch (test.family) {
    case 'String': {
      if (op === 'StringLike' || op === 'StringNotLike') {
        const globs = values.map((p) => p.tokens);
        return (v) => {
          for (let i = 0; i < globs.length; i++) if (globMatch(globs[i]!, v)) return true;
          return false;
        };
      }
      if (op.includes('IgnoreCase')) {
        const set = new Set(texts.map((t) => t.toLowerCase()));
        return (v) => set.has(v.toLowerCase());
      }
      if (texts.length === 1) {
        const only = texts[0]!;
        return (v) => v === only;
      }
      const set = new Set(texts);
      return (v) => set.has(v);
    }
    case 'Numeric':
      return ordered(texts, op, readNumber, 'a number');
    case 'Date':
      return ordered(texts, op, readDate, 'an ISO 8601 date or epoch seconds');
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
      // IPv4 networks compare as numbers: [network >> shift, shift]. A prefix selects the network, so
      // host bits written after it (`203.0.113.45/24`) are dropped, as networkContains does for IPv6.
      const v4 = networks.filter((n) => n.version === 4).map((n) => [Math.floor(Number(n.address) / 2 ** (32 - n.prefix)), 32 - n.prefix] as const);
      const nets = v4.map(([net]) => net);
      const divisors = v4.map(([, shift]) => 2 ** shift);
      return (v) => {
        // An IPv4 address never falls in an IPv6 network (C4d), so only the IPv4 ones are tried.
        const ip4 = readIpv4Number(v);
        if (ip4 !== undefined) {
          for (let i = 0; i < nets.length; i++) if (Math.floor(ip4 / divisors[i]!) === nets[i]) return true;
          return false;
        }
        const ip = v.includes('/') ? undefined : readIpNetwork(v);
        return ip === undefined ? { expectation: 'an IP address' } : networks.some((n) => networkContains(n, ip));
      };
    }
    case 'Arn': {
      const patterns = values.map((v) => compileArnPattern(v.tokens));
      return (v) => {
        const parts = splitArn(v) === undefined ? undefined : arnComponents(v);
        return parts === undefined ? { expectation: 'an ARN' } : patterns.some((p) => matchArnPattern(p, parts));
      };
    }
    case 'Null':
      return () => false;
  }
}

/** Numeric and Date: both sides read as numbers (instants), compared as the operator's name says. */
function ordered(texts: readonly string[], op: string, read: (text: string) => number | undefined, expectation: string): (value: string) => Match {
  const policy = texts.map((t) => read(t)!); // INVARIANT: validation accepted only values `read` understands
  const cmp = ordering(op.replace(/^(Numeric|Date)/, '').replace('Not', ''));
  return (v) => {
    const n = read(v);
    return n === undefined ? { expectation } : policy.some((p) => cmp(n, p));
  };
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
