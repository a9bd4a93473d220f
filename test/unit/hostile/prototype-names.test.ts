// Names that Object.prototype holds (`constructor`, `toString`, `__proto__`) are names like any other:
// no operator, no escape and no answer may come from the prototype chain of a lookup table.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { answerLine } from '../../../src/cli/simulate';

const REQUEST = { principal: 'arn:aws:iam::111122223333:user/alice', action: 'mq:ListBrokers', resource: '*', context: { 'aws:SourceIp': '203.0.113.7', 'aws:username': 'alice' } };

function answer(statements: unknown[]): Record<string, unknown> {
  const line = JSON.stringify({ id: 'c', policies: { identity: [{ Version: '2012-10-17', Statement: statements }] }, request: REQUEST });
  return answerLine(line, 1, { explain: false });
}

describe('prototype names in policies', () => {
  for (const operator of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'ForAnyValue:valueOf', 'constructorIfExists']) {
    test(`\`${operator}\` is an unknown condition operator`, () => {
      const a = answer([{ Effect: 'Deny', Action: 'mq:*', Resource: '*', Condition: { [operator]: { 'aws:SourceIp': '203.0.113.0/24' } } }]);
      assert.equal((a.error as { code: string }).code, 'unknown-condition-operator', JSON.stringify(a));
    });
  }

  test('`${constructor}` is a policy variable (absent here), not an escape', () => {
    const a = answer([
      { Effect: 'Allow', Action: 'mq:*', Resource: '*' },
      { Effect: 'Deny', Action: 'mq:*', Resource: '*', Condition: { StringEquals: { 'aws:username': '${constructor}' } } },
    ]);
    assert.deepEqual(a, { id: 'c', decision: 'Allowed', determining: [{ policy: 'identity[0]', statement: 0 }], missingContextKeys: ['constructor'] });
  });
});
