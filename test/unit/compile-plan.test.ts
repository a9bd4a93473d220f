// The compiled path generates code per action plan (issue 16). What it generates must never carry policy
// text, and what it decides must equal the reference interpreter, on the first decision (closure path) and
// every later one (generated code).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePolicySet, interpret } from '../../src/engine';
import type { Request } from '../../src/model';
import { parseCasePolicies, parseRequest } from '../../src/parse';

/** Text that would break out of a string literal, a template or a comment if it ever reached the source. */
const HOSTILE = `'); globalThis.pwned = 1; ('\`$ {"x"}"); globalThis.pwned = 2; ("*/\n//`;
const TAG = 'aws:PrincipalTag/cost-centre';

function policySet(): ReturnType<typeof parseCasePolicies> {
  return parseCasePolicies({
    identity: [
      {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'Hostile', Effect: 'Allow', Action: 'mq:*', Resource: [`arn:aws:mq:us-east-1:111122223333:broker:${HOSTILE.replace(/[\n*]/g, '')}`, 'arn:aws:mq:*:111122223333:broker:*'], Condition: { StringEquals: { [TAG]: HOSTILE }, Null: { 'aws:RequestTag/x': 'true' } } },
          { Effect: 'Deny', Action: 'mq:DeleteBroker', Resource: '*', Condition: { StringLike: { 'aws:ResourceTag/team': `${HOSTILE}*` }, BoolIfExists: { 'aws:SecureTransport': 'false' } } },
          { Effect: 'Allow', Action: 'mq:DescribeBroker', Resource: 'arn:aws:mq:*:111122223333:broker:${aws:PrincipalTag/team}-*' },
        ],
      },
    ],
  });
}

function request(context: Record<string, unknown>, action = 'mq:DeleteBroker'): Request {
  const r = parseRequest({ principal: 'arn:aws:iam::111122223333:user/alice', action, resource: 'arn:aws:mq:us-east-1:111122223333:broker:orders:b-1', context });
  if ('problems' in r) throw new Error(r.problems[0]!.message);
  return r.request;
}

test('the generated source holds no policy text: strings reach it only as constants', () => {
  const set = policySet();
  assert.ok(!('code' in set), 'the test policies are valid');
  const compiled = compilePolicySet(set);
  for (const action of ['mq:DeleteBroker', 'mq:DescribeBroker']) {
    const source = compiled.generatedSource(request({}, action));
    assert.ok(source !== undefined, `code is generated for ${action}`);
    assert.ok(!source.includes('pwned') && !source.toLowerCase().includes('principaltag') && !source.includes('arn:'), source);
    // The only quoted literals are the generator's own.
    assert.deepEqual([...new Set(source.match(/'[^']*'/g))].sort(), ["'*'", "'string'"]);
  }
});

test('decisions equal the interpreter on the closure path and then on the generated code', () => {
  const set = policySet();
  assert.ok(!('code' in set));
  const compiled = compilePolicySet(set, { generateAfter: 1 });
  const contexts: Record<string, unknown>[] = [
    {},
    { 'aws:SecureTransport': 'false' },
    { 'aws:SecureTransport': 'TRUE', 'aws:ResourceTag/team': `${HOSTILE}-x` },
    { [TAG]: HOSTILE, 'aws:RequestTag/x': 'y' },
    { [TAG.toUpperCase()]: HOSTILE, 'aws:principaltag/team': 'orders' },
    { 'aws:SecureTransport': 'maybe' },
  ];
  for (const action of ['mq:DeleteBroker', 'mq:DescribeBroker', 'mq:RebootBroker']) {
    for (let round = 0; round < 3; round++) {
      for (const c of contexts) {
        const r = request(c, action);
        assert.deepEqual(compiled.decide(r), interpret(r, set), `${action}, round ${round}, ${JSON.stringify(c)}`);
      }
    }
  }
  assert.equal((globalThis as Record<string, unknown>).pwned, undefined);
});

test('with code generation off, the closure path answers alike', () => {
  const set = policySet();
  assert.ok(!('code' in set));
  const generated = compilePolicySet(set, { generateAfter: 1 });
  const closures = compilePolicySet(set, { generateAfter: Infinity });
  for (let round = 0; round < 3; round++) {
    for (const c of [{}, { 'aws:SecureTransport': 'false' }, { 'aws:ResourceTag/team': HOSTILE }]) {
      const r = request(c);
      assert.deepEqual(generated.decide(r), closures.decide(r));
    }
  }
});
