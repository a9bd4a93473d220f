// Resource ARN matching (reference R2, revised) against an independent definition: the whole ARN as one
// regular expression in which, before the pattern's fifth colon, `?` and an inner `*` never match `:` while a
// `*` ending its segment may; after it, `*` and `?` match anything. The engine matches segment by segment.
import './settings';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { compileResourcePattern, matchResourcePattern } from '../../src/engine/resource-pattern';
import { templateTokens } from '../../src/engine/glob';
import { arnPattern, mqArn } from './arbitraries/arn';

function oracle(pattern: string, value: string): boolean {
  let re = '';
  let colons = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    const inPrefix = colons < 5;
    if (ch === ':') colons++;
    if (ch === '*') {
      const endsSegment = i === pattern.length - 1 || pattern[i + 1] === ':';
      re += !inPrefix || endsSegment ? '[^]*' : '[^:]*';
    } else if (ch === '?') re += inPrefix ? '[^:]' : '[^]';
    else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`).test(value);
}

const matches = (pattern: string, value: string): boolean => matchResourcePattern(compileResourcePattern(templateTokens([{ kind: 'text', text: pattern }])), value);

/** Patterns with wildcards in every position, segments dropped or added, so that colons shift. */
const shuffled = fc
  .tuple(fc.array(fc.constantFrom('arn', 'aws', 'mq', '*', 'eu-*', '*-1', 'eu-west-?', 'broker', '*broker', 'orders-*', '111122223333', '*:*', 'b-*', '?'), { minLength: 2, maxLength: 9 }))
  .map(([segments]) => `arn:${segments.join(':')}`);

describe('Resource ARN patterns (R2)', () => {
  test('the segment matcher agrees with the one-expression definition on store-like patterns', () => {
    fc.assert(fc.property(arnPattern.filter((p) => !p.includes('${')), mqArn, (pattern, value) => matches(pattern, value) === oracle(pattern, value)));
  });
  test('the segment matcher agrees with the one-expression definition when segment-ending stars shift the colons', () => {
    fc.assert(fc.property(shuffled, mqArn, (pattern, value) => matches(pattern, value) === oracle(pattern, value)));
  });
  test('examples of the reference table', () => {
    const prod = 'arn:aws:mq:eu-west-1:111122223333:broker:orders-prod:b-1';
    assert.equal(matches('arn:aws:mq:*:broker:*', 'arn:aws:mq:us-east-1:111122223333:broker:orders-prod:b-1'), true);
    assert.equal(matches('arn:aws:mq:*:*:broker:*:b-1', prod), true);
    assert.equal(matches('arn:aws:mq:us-*:111122223333:*', prod), false);
    assert.equal(matches('arn:aws:mq:*:*:configuration:*', prod), false);
    assert.equal(matches('arn:aws:mq:*:*:broker:ORDERS-*', prod), false);
    assert.equal(matches('arn:aws:mq:eu-*1:broker:*', prod), false);
  });
  test('a literal between stars is found before the literal that ends the pattern, never inside it', () => {
    for (const [pattern, value] of [
      ['arn:aws:mq:*:*:b-1', 'arn:aws:mq:x:b-1'],
      ['arn:aws:mq:*:*:b-1', 'arn:aws:mq:x:y:b-1'],
      ['arn:aws:mq:*:*:broker:*:b-1', 'arn:aws:mq:eu:1:broker:b-1'],
      ['arn:aws:mq:*:*:broker:*:b-1', 'arn:aws:mq:eu:1:broker::b-1'],
      ['arn:aws:mq:*:*:x-*-x', 'arn:aws:mq:eu:1:x-x'],
    ]) {
      assert.equal(matches(pattern!, value!), oracle(pattern!, value!), `${pattern} against ${value}`);
    }
  });
  test('values of more than 31 segments take the wide walk and agree with the definition', () => {
    const long = `arn:aws:mq:eu-west-1:111122223333:broker:${Array.from({ length: 40 }, (_, i) => `s${i}`).join(':')}`;
    for (const pattern of ['arn:aws:mq:*:broker:*', 'arn:aws:mq:*:s39', 'arn:aws:mq:*:s17:*:s39', 'arn:aws:mq:eu-*:*:s3?:*', 'arn:aws:mq:*:*:broker:s0:*:s40']) {
      assert.equal(matches(pattern, long), oracle(pattern, long), pattern);
    }
  });
});
