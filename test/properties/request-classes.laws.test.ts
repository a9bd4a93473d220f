import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import './settings';
import { buildClassSpace, classesOf, classify, contextRecord, decideOn, representative, type Side } from '../../src/analysis';
import { parsePolicy } from '../../src/parse';
import { run } from '../../src/cli/main';
import type { ContextValue, Policy, Request } from '../../src/model';

/**
 * The cross-check of the request classes: on random policy sets, a random search of concrete requests
 * never finds a request outside every class, nor one that decides unlike its class's representative, nor
 * a decision difference between two sets in a class the comparison did not report; and every reported
 * representative gets the same answer from `mq-policy simulate`.
 */

const PRINCIPAL = 'arn:aws:iam::111122223333:user/alice';
const FIXED = new Map<string, ContextValue>([
  ['aws:principalarn', PRINCIPAL],
  ['aws:principaltag/team', 'payments'],
]);
const SPELLING = new Map([
  ['aws:principalarn', 'aws:PrincipalArn'],
  ['aws:principaltag/team', 'aws:PrincipalTag/team'],
]);
const ACTIONS = ['mq:DeleteBroker', 'mq:RebootBroker', 'mq:ListBrokers', 'mq:CreateTags'];

const condition = fc.oneof(
  fc.record({ op: fc.constantFrom('StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike', 'StringEqualsIfExists', 'StringLikeIfExists'), key: fc.constantFrom('aws:ResourceTag/environment', 'aws:RequestedRegion'), values: fc.uniqueArray(fc.constantFrom('production', 'Prod*', 'dev', '?ev', 'eu-*', 'eu-west-1', '${aws:PrincipalTag/team}', '*-1'), { minLength: 1, maxLength: 3 }) }),
  fc.record({ op: fc.constantFrom('ForAnyValue:StringEquals', 'ForAllValues:StringLike', 'ForAllValues:StringEqualsIgnoreCase'), key: fc.constant('aws:TagKeys'), values: fc.uniqueArray(fc.constantFrom('team', 'env*', 'Owner'), { minLength: 1, maxLength: 2 }) }),
  fc.record({ op: fc.constantFrom('NumericLessThan', 'NumericGreaterThanEquals', 'NumericEquals'), key: fc.constant('aws:MultiFactorAuthAge'), values: fc.uniqueArray(fc.constantFrom('600', '3600', '0'), { minLength: 1, maxLength: 2 }) }),
  fc.record({ op: fc.constantFrom('IpAddress', 'NotIpAddress', 'NotIpAddressIfExists'), key: fc.constant('aws:SourceIp'), values: fc.uniqueArray(fc.constantFrom('10.0.0.0/8', '10.20.0.0/16', '203.0.113.7', '2001:db8::/32'), { minLength: 1, maxLength: 2 }) }),
  fc.record({ op: fc.constantFrom('DateLessThan', 'DateGreaterThan'), key: fc.constant('aws:CurrentTime'), values: fc.constantFrom(['2026-01-01T00:00:00Z'], ['2026-06-01T00:00:00Z', '2027-01-01T00:00:00Z']) }),
  fc.record({ op: fc.constant('Bool'), key: fc.constantFrom('aws:SecureTransport', 'aws:MultiFactorAuthPresent'), values: fc.constantFrom(['true'], ['false']) }),
  fc.record({ op: fc.constant('Null'), key: fc.constantFrom('aws:ResourceTag/team', 'aws:SourceIp'), values: fc.constantFrom(['true'], ['false']) }),
  fc.record({ op: fc.constantFrom('ArnLike', 'ArnNotLike'), key: fc.constant('aws:SourceArn'), values: fc.uniqueArray(fc.constantFrom('arn:aws:mq:*:111122223333:broker:*', 'arn:aws:s3:::bucket-?', 'arn:aws:*:eu-*:*:*'), { minLength: 1, maxLength: 2 }) }),
);

const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  Action: fc.uniqueArray(fc.constantFrom('mq:DeleteBroker', 'mq:RebootBroker', 'mq:*', 'mq:Delete*', 'mq:List*', 'mq:CreateTags'), { minLength: 1, maxLength: 2 }),
  Resource: fc.uniqueArray(fc.constantFrom('*', 'arn:aws:mq:*:111122223333:broker:*', 'arn:aws:mq:eu-west-1:*:broker:prod-*', 'arn:aws:mq:*:*:broker:?ev*', 'arn:aws:mq:*:*:broker:${aws:PrincipalTag/team}-*', 'arn:aws:mq:*', 'arn:aws:mq:*:broker:*', 'arn:aws:mq:eu-*:*:prod-*'), { minLength: 1, maxLength: 2 }),
  Condition: fc.uniqueArray(condition, { maxLength: 2, selector: (c) => `${c.op} ${c.key}` }),
});

type Doc = { Version: string; Statement: unknown[] };
const document = fc.array(statement, { minLength: 1, maxLength: 3 }).map((statements): Doc => ({
  Version: '2012-10-17',
  Statement: statements.map((s) => {
    const cond: Record<string, Record<string, string[]>> = {};
    for (const c of s.Condition) cond[c.op] = { ...(cond[c.op] ?? {}), [c.key]: [...c.values] };
    return { Effect: s.Effect, Action: s.Action, Resource: s.Resource, ...(s.Condition.length > 0 ? { Condition: cond } : {}) };
  }),
}));

function policyOf(doc: Doc, name: string): Policy {
  const r = parsePolicy(doc, { name, kind: 'identity' });
  assert.ok(r.policy, `generated policy is valid: ${JSON.stringify(r.diagnostics)}`);
  return r.policy;
}

const sideOf = (docs: readonly Doc[]): Side => ({ principalArn: PRINCIPAL, policies: { identity: docs.map((d, i) => policyOf(d, `identity[${i}]`)) }, fixed: FIXED, spelling: SPELLING });

/** Concrete requests drawn from values near and far from what the policies name, case variants included. */
const contextValue = (key: string): fc.Arbitrary<ContextValue> => {
  switch (key) {
    case 'aws:ResourceTag/environment':
    case 'aws:RequestedRegion':
      return fc.oneof(fc.constantFrom('production', 'Production', 'PRODUCTION', 'prod', 'Prod', 'Prodx', 'dev', 'Dev', 'aev', 'eu-west-1', 'eu-', 'payments', 'PAYMENTS', 'x-1', '-1', ''), fc.string({ maxLength: 4 }));
    case 'aws:TagKeys':
      return fc.array(fc.constantFrom('team', 'Team', 'env', 'environment', 'ENV', 'owner', 'Owner', 'x'), { maxLength: 3 });
    case 'aws:MultiFactorAuthAge':
      return fc.constantFrom('0', '1', '599', '600', '601', '3600', '3599.5', '100000', '-1');
    case 'aws:SourceIp':
      return fc.constantFrom('10.0.0.1', '10.20.3.4', '10.21.0.0', '11.0.0.0', '203.0.113.7', '203.0.113.8', '2001:db8::1', '2001:db9::1', '0.0.0.0', '255.255.255.255');
    case 'aws:CurrentTime':
      return fc.constantFrom('2025-12-31T23:59:59Z', '2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z', '2026-06-01T00:00:00Z', '2026-09-01T00:00:00Z', '2027-01-01T00:00:01Z');
    case 'aws:SecureTransport':
    case 'aws:MultiFactorAuthPresent':
      return fc.constantFrom('true', 'false', 'TRUE');
    case 'aws:SourceArn':
      return fc.constantFrom('arn:aws:mq:eu-west-1:111122223333:broker:x:y', 'arn:aws:s3:::bucket-1', 'arn:aws:s3:::bucket-12', 'arn:aws:sqs:eu-west-1:1:q', 'arn:aws:sqs:us-east-1:1:q', 'arn:aws:mq:eu-west-1:444455556666:broker:x:y');
    default:
      return fc.constantFrom('x', 'true');
  }
};

const KEYS = ['aws:ResourceTag/environment', 'aws:RequestedRegion', 'aws:TagKeys', 'aws:MultiFactorAuthAge', 'aws:SourceIp', 'aws:CurrentTime', 'aws:SecureTransport', 'aws:MultiFactorAuthPresent', 'aws:SourceArn', 'aws:ResourceTag/team'];

const concrete = fc.record({
  action: fc.constantFrom(...ACTIONS),
  partition: fc.constantFrom('aws', 'aws-cn'),
  region: fc.constantFrom('eu-west-1', 'us-east-1', 'eu-central-1'),
  account: fc.constantFrom('111122223333', '444455556666'),
  name: fc.constantFrom('prod-orders', 'prod-', 'dev', 'xdev', 'aev1', 'payments-a', 'payments', 'orders'),
  keys: fc.subarray(KEYS),
  seed: fc.array(fc.nat(), { minLength: KEYS.length, maxLength: KEYS.length }),
}).chain((r) => fc.tuple(fc.constant(r), fc.tuple(...r.keys.map(contextValue))));

function requestOf([r, values]: [{ action: string; partition: string; region: string; account: string; name: string; keys: string[] }, ContextValue[]]): Request {
  const context = new Map<string, ContextValue>(FIXED);
  const spelling = new Map<string, string>(SPELLING);
  r.keys.forEach((k, i) => {
    context.set(k.toLowerCase(), values[i]!);
    spelling.set(k.toLowerCase(), k);
  });
  const resource = r.action === 'mq:ListBrokers' ? '*' : `arn:${r.partition}:mq:${r.region}:${r.account}:broker:${r.name}:b-1`;
  return { principal: PRINCIPAL, action: r.action, resource, context, contextKeySpelling: spelling };
}

const PINNED_CASE: Doc = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['mq:DeleteBroker'], Resource: ['*'], Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } } },
    { Effect: 'Allow', Action: ['mq:DeleteBroker'], Resource: ['*'], Condition: { 'ForAllValues:StringEqualsIgnoreCase': { 'aws:TagKeys': ['team'] }, StringLike: { 'aws:ResourceTag/environment': ['Prod*'] } } },
    { Effect: 'Deny', Action: ['mq:DeleteBroker'], Resource: ['*'], Condition: { StringEqualsIgnoreCase: { 'aws:ResourceTag/environment': ['production'] } } },
  ],
};

describe('request classes (cross-check)', () => {
  test('every concrete request lies in a class, decides as its representative does, and every difference between two sets is in a reported class', () => {
    fc.assert(
      fc.property(fc.array(document, { minLength: 1, maxLength: 2 }), fc.array(document, { minLength: 1, maxLength: 2 }), fc.array(concrete, { minLength: 30, maxLength: 30 }), (a, b, requests) => {
        const sa = sideOf(a);
        const sb = sideOf(b);
        const spaces = new Map(ACTIONS.map((action) => [action, buildClassSpace(action, [sa, sb])]));
        // A class is reported when its representatives decide differently (what diff reports), asked lazily.
        const reported = (action: string, id: string): boolean => {
          const space = spaces.get(action)!;
          const coords = id.split('.').map(Number);
          return decideOn(sa, representative(space, coords, sa)).outcome !== decideOn(sb, representative(space, coords, sb)).outcome;
        };
        for (const raw of requests) {
          const request = requestOf(raw);
          const space = spaces.get(request.action)!;
          const id = classify(space, request);
          if (id === 'outside') continue; // a value AWS never sends (a malformed number, a list for a single-valued key)
          if (id === 'missing') {
            // Only a documented approximation may leave a request outside every class (e.g. more than six kinds of
            // element of a multivalued key: only sets of one, two and all kinds are enumerated), and it must say so.
            assert.ok(space.approximate.length > 0, `no class holds ${request.resource} ${JSON.stringify(contextRecord(request))}`);
            continue;
          }
          const rep = representative(space, id.split('.').map(Number), sa);
          for (const side of [sa, sb]) {
            assert.equal(decideOn(side, request).outcome, decideOn(side, rep).outcome, `request ${request.resource} ${JSON.stringify(contextRecord(request))} decides unlike its class's representative ${rep.resource} ${JSON.stringify(contextRecord(rep))}`);
          }
          if (decideOn(sa, request).outcome !== decideOn(sb, request).outcome) assert.ok(reported(request.action, id), 'a decision difference lies in a class the comparison reported');
        }
      }),
      {
        numRuns: Number(process.env.FC_NUM_RUNS ?? 100),
        // Found against a builder that ignored letter case (ForAnyValue:StringEquals and ForAllValues:…IgnoreCase on one key).
        examples: [[[PINNED_CASE], [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['mq:DeleteBroker'], Resource: ['*'] }] }], [[{ action: 'mq:DeleteBroker', partition: 'aws', region: 'eu-west-1', account: '111122223333', name: 'prod-orders', keys: ['aws:TagKeys'], seed: [] }, [['Team']]], [{ action: 'mq:DeleteBroker', partition: 'aws', region: 'eu-west-1', account: '111122223333', name: 'prod-orders', keys: ['aws:ResourceTag/environment'], seed: [] }, ['PRODUCTION']]]]],
      },
    );
  });

  test('every reported representative reproduces through mq-policy simulate', async () => {
    const cases: { id: string; policies: { identity: Doc[] }; request: unknown }[] = [];
    const expected = new Map<string, string>();
    fc.assert(
      fc.property(fc.array(document, { minLength: 1, maxLength: 2 }), fc.array(document, { minLength: 1, maxLength: 2 }), (a, b) => {
        const sa = sideOf(a);
        const sb = sideOf(b);
        for (const action of ACTIONS) {
          const space = buildClassSpace(action, [sa, sb]);
          for (const c of classesOf(space)) {
            for (const [docs, side] of [[a, sa], [b, sb]] as const) {
              const rep = representative(space, c.coords, side);
              const d = decideOn(side, rep);
              if (d.outcome === 'CannotDecide' || cases.length >= 3000) continue;
              const id = `c${cases.length}`;
              cases.push({ id, policies: { identity: docs }, request: { principal: rep.principal, action: rep.action, resource: rep.resource, context: contextRecord(rep) } });
              expected.set(id, d.outcome);
            }
          }
        }
      }),
      { numRuns: 20 },
    );
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    stdin.end(cases.map((c) => JSON.stringify(c)).join('\n'));
    const code = await run(['simulate'], { stdin, stdout, stderr, env: {}, cwd: process.cwd() });
    assert.equal(code, 0);
    const answers = out.trim().split('\n').map((l) => JSON.parse(l) as { id: string; decision?: string });
    assert.equal(answers.length, cases.length);
    for (const a of answers) assert.equal(a.decision, expected.get(a.id), `simulate answers case ${a.id} as analysis decided it`);
  });
});
