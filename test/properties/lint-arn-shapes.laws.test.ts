import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readDocument } from '../../src/load';
import { lint } from '../../src/lint';
import { arnPatternFor, mqArn } from './arbitraries/arn';

const SHAPE_CODES = ['resource-matches-no-resource-type', 'arn-unknown-resource-type'];

function shapeFindings(resource: string, action: string): string[] {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: action, Resource: resource }] });
  return lint([{ file: 'p.json', kind: 'identity', read: readDocument(text, 'json') }], { today: '2026-11-30' }).findings.filter((f) => SHAPE_CODES.includes(f.code)).map((f) => `${f.code}: ${f.message}`);
}

/**
 * Law: the ARN-shape checks never raise a false alarm. Any pattern that matches a real Amazon MQ ARN (built from
 * one by widening components with `*` and `?`) gets no shape finding, whatever the actions.
 */
describe('lint ARN shapes: no false alarms on patterns that match real resources', () => {
  it('a pattern built to match a real broker or configuration ARN is never reported', () => {
    fc.assert(
      fc.property(
        mqArn.chain((arn) => fc.tuple(fc.constant(arn), arnPatternFor(arn))),
        fc.constantFrom('mq:*', '*', 'mq:Describe*'),
        ([arn, pattern], action) => {
          const kind = arn.includes(':broker:') ? 'mq:DescribeBroker' : 'mq:DescribeConfiguration';
          assert.deepEqual(shapeFindings(pattern, action), [], `${pattern} (matches ${arn})`);
          assert.deepEqual(shapeFindings(pattern, kind), [], `${pattern} with ${kind} (matches ${arn})`);
        },
      ),
      { numRuns: 300 },
    );
  });
});
