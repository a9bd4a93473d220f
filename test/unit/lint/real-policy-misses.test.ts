import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { readDocument } from '../../../src/load';
import { lint } from '../../../src/lint';
import { codes, findingsOf, lintText, policy, TODAY } from './helpers';

/** The misses and false alarms found by linting real Amazon MQ policies (issue 10); each failed before its fix. */

const BROKER = 'arn:aws:mq:eu-west-1:111122223333:broker:orders-prod:*';

describe('lint reports every finding of a document', () => {
  it('a malformed ARN in one statement does not hide an unknown action in another', () => {
    const r = lintText(policy({ Effect: 'Allow', Action: 'mq:DescribeBroker', Resource: 'broker:orders' }, { Effect: 'Deny', Action: 'mq:DeleteBrokr', Resource: '*' }));
    assert.ok(codes(r).includes('invalid-resource'), codes(r).join());
    const unknown = r.findings.find((f) => f.code === 'unknown-action');
    assert.ok(unknown, codes(r).join());
    assert.match(unknown.fix ?? '', /mq:DeleteBroker/);
    assert.equal(unknown.location.statementIndex, 1);
  });
});

describe('waivers of files that were not linted', () => {
  const waivers = (file: string): { file: string; read: ReturnType<typeof readDocument> } => ({
    file: 'policies/waivers.yaml',
    read: readDocument(`waivers:\n  - {code: allow-all-mq, file: ${file}, owner: sec, reason: accepted, expires: 2099-01-01}\n`, 'yaml'),
  });
  const clean = { file: 'policies/identity/clean.json', kind: 'identity' as const, read: readDocument(policy({ Effect: 'Allow', Action: 'mq:DescribeBroker', Resource: BROKER }), 'json') };

  it('linting one clean file never warns about the waivers of another', () => {
    const r = lint([clean], { today: TODAY, waivers: waivers('policies/identity/other.json') });
    assert.deepEqual(codes(r), []);
  });
  it('a waiver of a linted file that matches nothing is still reported', () => {
    const r = lint([clean], { today: TODAY, waivers: waivers('policies/identity/clean.json') });
    assert.deepEqual(codes(r), ['unused-waiver']);
  });
});

describe('ARN shapes that wildcards used to hide', () => {
  const SHAPES: readonly { readonly arn: string; readonly code: string; readonly rightForm: string }[] = [
    { arn: 'arn:aws:mq:*:*:broker/*', code: 'resource-matches-no-resource-type', rightForm: 'arn:aws:mq:*:*:broker:*' },
    { arn: 'arn:aws:mq:*:*:broker:orders', code: 'resource-matches-no-resource-type', rightForm: 'arn:aws:mq:*:*:broker:orders:*' },
    { arn: 'arn:aws:mq:*:*:brokers:*', code: 'arn-unknown-resource-type', rightForm: 'arn:aws:mq:*:*:broker:*' },
    { arn: 'arn:aws:ec2:*:*:broker/*', code: 'arn-unknown-resource-type', rightForm: 'arn:aws:mq:*:*:broker:*' },
    { arn: 'arn:aws:ec2:eu-west-1:111122223333:broker/orders-prod', code: 'arn-unknown-resource-type', rightForm: 'arn:aws:mq:eu-west-1:111122223333:broker:orders-prod:*' },
  ];
  for (const s of SHAPES) {
    for (const action of ['mq:DescribeBroker', 'mq:*', '*']) {
      it(`\`${s.arn}\` with \`${action}\` is ${s.code}, and the fix gives \`${s.rightForm}\``, () => {
        const hits = findingsOf(policy({ Effect: 'Deny', Action: action, Resource: s.arn }), s.code);
        assert.equal(hits.length, 1, JSON.stringify(lintText(policy({ Effect: 'Deny', Action: action, Resource: s.arn })).findings, null, 1));
        assert.ok(hits[0]!.fix?.includes(`did you mean \`${s.rightForm}\`?`), hits[0]!.fix);
      });
    }
  }
  for (const arn of ['arn:aws:mq:*:*:broker:*', 'arn:aws:mq:*:*:broker:orders-*', 'arn:aws:mq:*:*:*', 'arn:aws:mq:eu-west-1:111122223333:broker:orders-prod:b-1f0e6c2a-4b7d-4e11-9a55-0c3d2e8f7a10', 'arn:aws:mq:*:*:configuration:c-*']) {
    it(`\`${arn}\` can match real resources: no shape finding`, () => {
      const r = lintText(policy({ Effect: 'Deny', Action: 'mq:*', Resource: arn }));
      assert.deepEqual(codes(r).filter((c) => c.includes('resource-type')), []);
    });
  }
});

describe('wildcard actions scoped to ARNs', () => {
  it('`mq:Describe*` on broker ARNs: says which wildcard-only actions it never grants', () => {
    const [hit] = findingsOf(policy({ Effect: 'Allow', Action: 'mq:Describe*', Resource: BROKER }), 'allow-misses-wildcard-only-actions');
    assert.ok(hit);
    assert.match(hit.message, /`mq:DescribeBrokerEngineTypes`, `mq:DescribeBrokerInstanceOptions`/);
  });
  it('`mq:Create*` and `mq:List*` likewise name CreateBroker and ListBrokers', () => {
    const [hit] = findingsOf(policy({ Effect: 'Allow', Action: ['mq:Create*', 'mq:List*'], Resource: BROKER }), 'allow-misses-wildcard-only-actions');
    assert.ok(hit);
    for (const a of ['mq:CreateBroker', 'mq:CreateConfiguration', 'mq:ListBrokers', 'mq:ListConfigurations']) assert.ok(hit.message.includes(`\`${a}\``), a);
  });
  it('configuration actions scoped to broker ARNs are named', () => {
    const [hit] = findingsOf(policy({ Effect: 'Allow', Action: 'mq:Describe*', Resource: BROKER }), 'actions-not-on-these-resources');
    assert.ok(hit);
    assert.match(hit.message, /`mq:DescribeConfiguration`, `mq:DescribeConfigurationRevision` \(authorized on configurations ARNs\)/);
    assert.ok(!hit.message.includes('mq:DescribeBroker`'), 'DescribeBroker applies to broker ARNs');
  });
  it('a statement whose ARNs fit every action it lists stays silent', () => {
    const r = lintText(policy({ Effect: 'Allow', Action: ['mq:DescribeBroker', 'mq:RebootBroker'], Resource: BROKER }, { Effect: 'Allow', Action: 'mq:List*', Resource: '*' }));
    assert.deepEqual(codes(r), []);
  });
});

describe('CreateBroker and its EC2 permissions', () => {
  it('no create-broker-missing-ec2 when CreateBroker is never granted (ARN-scoped statement)', () => {
    const r = lintText(policy({ Effect: 'Allow', Action: 'mq:*', Resource: BROKER }));
    assert.deepEqual(codes(r).filter((c) => c.startsWith('create-broker')), []);
  });
  it('the ec2:AuthorizedService suggestion is made even when other EC2 actions are missing', () => {
    const r = lintText(policy({ Effect: 'Allow', Action: ['mq:CreateBroker', 'ec2:CreateNetworkInterfacePermission'], Resource: '*' }));
    assert.ok(codes(r).includes('create-broker-missing-ec2'));
    assert.ok(codes(r).includes('create-broker-missing-authorized-service-guard'), codes(r).join());
  });
});

describe('documents that are not identity policies', () => {
  it('a role trust policy is said to be one, not an unsupported resource-based policy', () => {
    const text = policy({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
    assert.deepEqual(codes(lintText(text)), ['role-trust-policy']);
  });
  it('a resource-based policy granting mq actions is still reported as unsupported', () => {
    const text = policy({ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'mq:DescribeBroker', Resource: '*' });
    assert.ok(codes(lintText(text)).includes('resource-based-policy-not-supported'));
  });
});

describe('unknown service prefixes', () => {
  it('`docdb:` suggests `rds:` (meaning), not `odb:` (spelling)', () => {
    const [hit] = findingsOf(policy({ Effect: 'Allow', Action: 'docdb:DescribeDBClusters', Resource: '*' }), 'unknown-service');
    assert.ok(hit);
    assert.match(hit.fix ?? '', /did you mean `rds:DescribeDBClusters`\?/);
  });
  it('a misspelt prefix still gets the spelling suggestion', () => {
    const [hit] = findingsOf(policy({ Effect: 'Allow', Action: 'mqq:DescribeBroker', Resource: '*' }), 'unknown-service');
    assert.match(hit?.fix ?? '', /did you mean `mq:DescribeBroker`\?/);
  });
});

describe('tag-based Denies judged over a principal\'s whole set of policies', () => {
  const deny = policy({ Sid: 'DenyProd', Effect: 'Deny', Action: ['mq:DeleteBroker', 'mq:DeleteTags'], Resource: '*', Condition: { StringEqualsIgnoreCase: { 'aws:ResourceTag/environment': 'production' } } });
  const operate = policy({ Sid: 'Operate', Effect: 'Allow', Action: ['mq:DeleteBroker', 'mq:CreateTags'], Resource: 'arn:aws:mq:*:*:broker:*' });
  const docs = [
    { file: 'policies/identity/deny-prod.json', kind: 'identity' as const, read: readDocument(deny, 'json') },
    { file: 'policies/identity/operate.json', kind: 'identity' as const, read: readDocument(operate, 'json') },
  ];

  it('an Allow in another policy of the same principal that can overwrite the tag is a finding on the Deny', () => {
    const r = lint(docs, { today: TODAY, principals: [{ name: 'operator', identityPolicies: ['deny-prod', 'operate'] }] });
    const hits = r.findings.filter((f) => f.code === 'tag-deny-dodgeable');
    assert.equal(hits.length, 1, codes(r).join());
    assert.equal(hits[0]!.location.file, 'policies/identity/deny-prod.json');
    assert.match(hits[0]!.message, /principal `operator`.*`mq:CreateTags` \(allowed by statement 0 \(Sid `Operate`\) of `operate`\)/);
  });
  it('no finding when no principal holds both policies, or without the store', () => {
    assert.deepEqual(codes(lint(docs, { today: TODAY, principals: [{ name: 'a', identityPolicies: ['deny-prod'] }, { name: 'b', identityPolicies: ['operate'] }] })), []);
    assert.deepEqual(codes(lint(docs, { today: TODAY })), []);
  });
  it('no finding when one of the principal\'s policies denies the tag change too', () => {
    const guard = policy({ Effect: 'Deny', Action: ['mq:CreateTags', 'mq:DeleteTags'], Resource: '*', Condition: { 'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': ['environment'] } } });
    const r = lint([...docs, { file: 'policies/identity/guard.json', kind: 'identity', read: readDocument(guard, 'json') }], { today: TODAY, principals: [{ name: 'operator', identityPolicies: ['deny-prod', 'operate', 'guard'] }] });
    assert.deepEqual(codes(r), []);
  });
});

describe('case-sensitive comparisons of tags', () => {
  it('a Deny on a tag value with StringEquals misses another spelling', () => {
    const [hit] = findingsOf(policy({ Effect: 'Deny', Action: 'mq:DeleteBroker', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/environment': 'production' } } }), 'case-sensitive-tag-match');
    assert.ok(hit);
    assert.match(hit.message, /`Production` is not `production`/);
    assert.match(hit.fix ?? '', /StringEqualsIgnoreCase/);
  });
  it('a Deny on aws:TagKeys with StringEquals misses `Team` when written for `team`', () => {
    const [hit] = findingsOf(policy({ Effect: 'Deny', Action: 'mq:CreateTags', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } } }), 'case-sensitive-tag-match');
    assert.match(hit?.message ?? '', /tag keys case-sensitively, so `Team` is not `team`/);
  });
  it('an Allow with StringNotEquals on a tag lets another spelling through', () => {
    const [hit] = findingsOf(policy({ Effect: 'Allow', Action: 'mq:RebootBroker', Resource: 'arn:aws:mq:*:*:broker:*', Condition: { StringNotEquals: { 'aws:ResourceTag/environment': 'production' } } }), 'case-sensitive-tag-match');
    assert.ok(hit);
  });
  it('IgnoreCase operators, and an Allow that requires a value, stay silent', () => {
    assert.deepEqual(findingsOf(policy({ Effect: 'Deny', Action: 'mq:DeleteBroker', Resource: '*', Condition: { StringEqualsIgnoreCase: { 'aws:ResourceTag/environment': 'production' } } }), 'case-sensitive-tag-match'), []);
    assert.deepEqual(findingsOf(policy({ Effect: 'Allow', Action: 'mq:RebootBroker', Resource: 'arn:aws:mq:*:*:broker:*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'orders' } } }), 'case-sensitive-tag-match'), []);
  });
});

describe('the operation table in lint', () => {
  const creator = { Effect: 'Allow', Action: 'mq:CreateBroker', Resource: '*', Condition: { StringEquals: { 'aws:RequestTag/team': 'orders' } } };
  it('a creator that requires tags without mq:CreateTags is told that a tagged CreateBroker authorizes it', () => {
    const [hit] = findingsOf(policy(creator), 'create-broker-missing-tagging');
    assert.match(hit?.message ?? '', /`mq:CreateTags`/);
  });
  it('silent when the policy allows mq:CreateTags', () => {
    assert.deepEqual(findingsOf(policy(creator, { Effect: 'Allow', Action: 'mq:CreateTags', Resource: 'arn:aws:mq:*:*:broker:*' }), 'create-broker-missing-tagging'), []);
  });
});

describe('tagging new brokers only', () => {
  it('`Null aws:ResourceTag/team = true` beside a request-tag condition on `team` is a guard, not an inverted intent', () => {
    const text = policy({ Effect: 'Allow', Action: 'mq:CreateTags', Resource: 'arn:aws:mq:*:*:broker:*', Condition: { StringEquals: { 'aws:RequestTag/team': '${aws:PrincipalTag/team}' }, Null: { 'aws:ResourceTag/team': 'true' } } });
    assert.deepEqual(findingsOf(text, 'null-inverts-intent'), []);
  });
  it('without the request-tag condition it is still reported', () => {
    const text = policy({ Effect: 'Allow', Action: 'mq:RebootBroker', Resource: 'arn:aws:mq:*:*:broker:*', Condition: { Null: { 'aws:ResourceTag/team': 'true' } } });
    assert.equal(findingsOf(text, 'null-inverts-intent').length, 1);
  });
});

describe('ARN shape checks on hostile input', () => {
  it('a 20,000-character Resource is judged without exhausting the stack', () => {
    const arn = `arn:aws:mq:*:*:broker:${'a'.repeat(20_000)}`;
    const r = lintText(policy({ Effect: 'Allow', Action: 'mq:DescribeBroker', Resource: arn }));
    assert.deepEqual(codes(r), ['resource-matches-no-resource-type']);
  });
});
