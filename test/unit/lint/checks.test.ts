import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { codes, findingsOf, lintText, policy } from './helpers';

const BROKER = 'arn:aws:mq:eu-west-1:111122223333:broker:orders-*';
const allow = (Action: unknown, Resource: unknown = BROKER, extra: object = {}): object => ({ Effect: 'Allow', Action, Resource, ...extra });
const deny = (Action: unknown, Resource: unknown = BROKER, extra: object = {}): object => ({ Effect: 'Deny', Action, Resource, ...extra });

/** Each check: a policy that makes it fire, and a correct neighbour on which it stays silent. */
interface Case {
  readonly code: string;
  readonly fires: string;
  readonly silent: string;
  /** Text the firing finding's message or fix must contain. */
  readonly says?: readonly string[];
}

const CASES: readonly Case[] = [
  { code: 'malformed-json', fires: '{"Version": "2012-10-17",\n  "Statement": [ }', silent: policy(allow('mq:DescribeBroker')) },
  { code: 'invalid-effect', fires: policy({ ...allow('mq:DescribeBroker'), Effect: 'allow' }), silent: policy(allow('mq:DescribeBroker')) },
  { code: 'unknown-action', fires: policy(deny(['mq:CreateTags', 'mq:DeleteTag'])), silent: policy(deny(['mq:CreateTags', 'mq:DeleteTags'])), says: ['`mq:DeleteTag`', 'did you mean `mq:DeleteTags`?', 'protects nothing'] },
  { code: 'unknown-service', fires: policy(allow('mqq:DescribeBroker')), silent: policy(allow('mq:DescribeBroker')), says: ['did you mean `mq:DescribeBroker`?'] },
  { code: 'action-wildcard-matches-nothing', fires: policy(allow('mq:Descibe*')), silent: policy(allow('mq:Describe*')) },
  { code: 'unknown-condition-operator', fires: policy(allow('mq:DescribeBroker', BROKER, { Condition: { StringEqual: { 'aws:ResourceTag/env': 'dev' } } })), silent: policy(allow('mq:DescribeBroker', BROKER, { Condition: { StringEquals: { 'aws:ResourceTag/env': 'dev' } } })) },
  { code: 'invalid-condition-value', fires: policy(allow('mq:DescribeBroker', BROKER, { Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 'an hour' } } })), silent: policy(allow('mq:DescribeBroker', BROKER, { Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } } })) },
  { code: 'invalid-resource', fires: policy(allow('mq:DescribeBroker', 'broker:orders')), silent: policy(allow('mq:DescribeBroker')) },
  { code: 'resource-matches-no-resource-type', fires: policy(allow('mq:DescribeBroker', 'arn:aws:mq:eu-west-1:111122223333:configuration:c-1')), silent: policy(allow('mq:DescribeConfiguration', 'arn:aws:mq:eu-west-1:111122223333:configuration:c-1')), says: ['broker:${BrokerName}:${BrokerId}'] },
  { code: 'resource-matches-no-resource-type', fires: policy(allow('mq:RebootBroker', 'arn:aws:mq:eu-west-1:111122223333:broker:orders-prod')), silent: policy(allow('mq:RebootBroker', 'arn:aws:mq:eu-west-1:111122223333:broker:orders-prod:*')) },
  { code: 'arn-on-wildcard-only-action', fires: policy(allow(['mq:ListBrokers', 'mq:DescribeBroker'])), silent: policy(allow('mq:DescribeBroker'), allow('mq:ListBrokers', '*')), says: ['`mq:ListBrokers`', '"Resource": "*"'] },
  { code: 'deny-misses-wildcard-only-actions', fires: policy(deny('mq:*')), silent: policy(deny('mq:*', [BROKER, '*'])), says: ['`mq:CreateBroker`'] },
  { code: 'arn-uppercase', fires: policy(allow('mq:DescribeBroker', 'arn:aws:mq:EU-west-1:111122223333:broker:orders-*')), silent: policy(allow('mq:DescribeBroker', 'arn:aws:mq:eu-west-1:111122223333:broker:Orders-*')) },
  { code: 'wildcard-in-resource-type', fires: policy(allow('mq:DescribeBroker', 'arn:aws:mq:*:*:b*:*')), silent: policy(allow('mq:DescribeBroker', 'arn:aws:mq:*:*:*')) },
  { code: 'condition-key-not-supported', fires: policy(deny('mq:DeleteBroker', BROKER, { Condition: { StringEquals: { 'mq:ResourceTag/env': 'prod' } } })), silent: policy(deny('mq:DeleteBroker', BROKER, { Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } } })), says: ['never matches', 'Deny never applies', 'did you mean `aws:ResourceTag/env`?'] },
  { code: 'condition-key-not-supported', fires: policy(allow('mq:DescribeBroker', BROKER, { Condition: { StringNotEquals: { 'aws:RequestTag/env': 'prod' } } })), silent: policy(allow('mq:CreateTags', BROKER, { Condition: { StringNotEquals: { 'aws:RequestTag/env': 'prod' } } })), says: ['always matches'] },
  { code: 'condition-never-holds-for-action', fires: policy(allow(['ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterfacePermission'], '*', { Condition: { StringEquals: { 'ec2:AuthorizedService': 'mq.amazonaws.com' } } })), silent: policy(allow('ec2:CreateNetworkInterfacePermission', '*', { Condition: { StringEquals: { 'ec2:AuthorizedService': 'mq.amazonaws.com' } } })), says: ['`ec2:DeleteNetworkInterfacePermission`'] },
  { code: 'set-operator-on-single-valued-key', fires: policy(allow('mq:DescribeBroker', BROKER, { Condition: { 'ForAnyValue:StringEquals': { 'aws:ResourceTag/env': 'dev' } } })), silent: policy(allow('mq:DescribeBroker', BROKER, { Condition: { StringEquals: { 'aws:ResourceTag/env': 'dev' } } })) },
  { code: 'plain-operator-on-multivalued-key', fires: policy(allow('mq:CreateBroker', '*', { Condition: { StringEquals: { 'aws:TagKeys': 'env' } } })), silent: policy(allow('mq:CreateBroker', '*', { Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'env' } } })) },
  { code: 'forallvalues-without-null-guard', fires: policy(allow('mq:CreateTags', BROKER, { Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } } })), silent: policy(allow('mq:CreateTags', BROKER, { Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] }, Null: { 'aws:TagKeys': 'false' } } })), says: ['"Null": {"aws:TagKeys": "false"}'] },
  { code: 'null-inverts-intent', fires: policy(allow('mq:DescribeBroker', BROKER, { Condition: { Null: { 'aws:ResourceTag/team': 'true' } } })), silent: policy(deny('mq:DescribeBroker', BROKER, { Condition: { Null: { 'aws:ResourceTag/team': 'true' } } })) },
  { code: 'null-inverts-intent', fires: policy(deny('mq:CreateBroker', '*', { Condition: { Null: { 'aws:RequestTag/team': 'false' } } })), silent: policy(allow('mq:CreateBroker', '*', { Condition: { Null: { 'aws:RequestTag/team': 'false' } } }), allow(['ec2:*'], '*', { Condition: { StringEquals: { 'ec2:AuthorizedService': 'mq.amazonaws.com' } } })) },
  { code: 'ifexists-in-allow', fires: policy(allow('mq:DescribeBroker', BROKER, { Condition: { StringEqualsIfExists: { 'aws:ResourceTag/team': 'a' } } })), silent: policy(deny('mq:DescribeBroker', BROKER, { Condition: { StringNotEqualsIfExists: { 'aws:ResourceTag/team': 'a' } } })) },
  { code: 'allow-all-mq', fires: policy(allow('mq:*', '*')), silent: policy(allow('mq:*', '*', { Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } } })) },
  { code: 'notaction-in-allow', fires: policy({ Effect: 'Allow', NotAction: 'mq:Delete*', Resource: '*' }), silent: policy({ Effect: 'Deny', NotAction: ['mq:Describe*', 'mq:List*'], Resource: '*' }) },
  {
    code: 'tag-deny-dodgeable',
    fires: policy(deny('mq:RebootBroker', BROKER, { Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } } }), allow(['mq:RebootBroker', 'mq:DeleteTags'])),
    silent: policy(deny(['mq:RebootBroker', 'mq:DeleteTags', 'mq:CreateTags'], BROKER, { Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } } }), allow(['mq:RebootBroker', 'mq:DeleteTags'])),
    says: ['`mq:DeleteTags` (allowed by statement 1)'],
  },
  { code: 'principal-in-identity-policy', fires: policy(allow('mq:DescribeBroker', BROKER, { Principal: { AWS: '111122223333' } }), allow('mq:ListBrokers', '*')), silent: policy(allow('mq:DescribeBroker')) },
  { code: 'resource-based-policy-not-supported', fires: policy(allow('mq:DescribeBroker', BROKER, { Principal: { AWS: 'arn:aws:iam::111122223333:root' } })), silent: policy(allow('mq:DescribeBroker')), says: ['does not support resource-based policies'] },
  { code: 'create-broker-missing-ec2', fires: policy(allow(['mq:CreateBroker', 'ec2:CreateNetworkInterface'], '*')), silent: policy(allow('mq:CreateBroker', '*'), allow('ec2:*', '*', { Condition: { StringEquals: { 'ec2:AuthorizedService': 'mq.amazonaws.com' } } })), says: ['`ec2:DescribeVpcs`', '`ec2:CreateNetworkInterfacePermission`'] },
  {
    code: 'create-broker-missing-authorized-service-guard',
    fires: policy(allow(['mq:CreateBroker', 'ec2:*NetworkInterface*', 'ec2:Describe*'], '*')),
    silent: policy(allow(['mq:CreateBroker', 'ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:DetachNetworkInterface', 'ec2:Describe*'], '*'), allow(['ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterfacePermission'], '*', { Condition: { StringEquals: { 'ec2:AuthorizedService': 'mq.amazonaws.com' } } })),
  },
];

describe('lint checks: each fires on its policy and stays silent on the correct one', () => {
  for (const c of CASES) {
    it(`${c.code}: fires`, () => {
      const hits = findingsOf(c.fires, c.code);
      assert.ok(hits.length > 0, `expected ${c.code}, got ${codes(lintText(c.fires)).join(', ') || 'nothing'}`);
      const text = hits.map((h) => `${h.message} ${h.fix ?? ''}`).join('\n');
      for (const s of c.says ?? []) assert.ok(text.includes(s), `expected ${JSON.stringify(s)} in: ${text}`);
      assert.ok(hits.every((h) => h.location.line !== undefined && h.location.column !== undefined), 'every finding has a line and column');
    });
    it(`${c.code}: silent on the correct policy`, () => {
      assert.deepEqual(findingsOf(c.silent, c.code), []);
    });
  }
});

describe('lint locations and whole documents', () => {
  it('a correct policy has no finding at all', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'fixtures', 'lint', 'clean.json'), 'utf8');
    assert.deepEqual(codes(lintText(text)), []);
  });

  it('malformed YAML is reported with its line and column', () => {
    const [f] = findingsOf('Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: [mq:DescribeBroker\n', 'malformed-yaml', { format: 'yaml', file: 'p.yaml' });
    assert.ok(f, 'malformed-yaml reported');
    assert.equal(f.location.file, 'p.yaml');
    assert.ok((f.location.line ?? 0) >= 4, `line ${f.location.line}`);
    assert.ok((f.location.column ?? 0) >= 1);
  });

  it('YAML findings carry the line of the offending value, the pointer, statement index and Sid', () => {
    const yaml = 'Version: "2012-10-17"\nStatement:\n  - Sid: Ops\n    Effect: Allow\n    Action:\n      - mq:DescribeBroker\n      - mq:RebootBrokr\n    Resource: "*"\n';
    const [f] = findingsOf(yaml, 'unknown-action', { format: 'yaml' });
    assert.deepEqual(f?.location, { file: 'policies/identity/p.json', pointer: '/Statement/0/Action/1', line: 7, column: 9, statementIndex: 0, sid: 'Ops' });
    assert.equal(f?.fix, 'did you mean `mq:RebootBroker`?');
  });

  it('CreateBroker needs are checked in identity policies only (an SCP or boundary grants nothing)', () => {
    const text = policy(allow('mq:CreateBroker', '*'));
    assert.equal(findingsOf(text, 'create-broker-missing-ec2').length, 1);
    assert.equal(findingsOf(text, 'create-broker-missing-ec2', { kind: 'scp' }).length, 0);
  });

  it('in an SCP an Allow is a ceiling, not a grant: FullAWSAccess and tag Denies beside it are not flagged', () => {
    const fullAccess = policy({ Effect: 'Allow', Action: '*', Resource: '*' });
    assert.equal(findingsOf(fullAccess, 'allow-all-mq').length, 1);
    assert.deepEqual(codes(lintText(fullAccess, { kind: 'scp' })), []);
    const guardrail = policy(allow('mq:*', '*'), deny('mq:DeleteBroker', '*', { Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } } }));
    assert.equal(findingsOf(guardrail, 'tag-deny-dodgeable').length, 1);
    assert.deepEqual(findingsOf(guardrail, 'tag-deny-dodgeable', { kind: 'scp' }), []);
  });

  it('a statement on other services is not judged against the MQ catalog', () => {
    assert.deepEqual(codes(lintText(policy(allow(['s3:GetObject'], 'arn:aws:s3:::bucket/*', { Condition: { StringEquals: { 's3:prefix': 'home/' } } })))), []);
  });
});
