import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { conditionKeyType, conditionKeysOfAction, findAction, isWildcardOnly } from '../../../src/catalog';
import { codes, findingsOf, lintText, policy } from './helpers';

/**
 * IAM authentication for Amazon MQ for RabbitMQ: clients obtain a JWT with sts:GetWebIdentityToken (IAM User
 * Guide, "Controlling access with IAM policies" for outbound identity federation: "To request identity tokens, an
 * IAM principal must have the sts:GetWebIdentityToken permission ... the sts:TagGetWebIdentityToken permission"
 * to pass tags; audience, lifetime and algorithm are governed by sts:IdentityTokenAudience, sts:DurationSeconds
 * and sts:SigningAlgorithm).
 */
describe('the catalog knows the token actions and keys', () => {
  it('sts:GetWebIdentityToken is wildcard-only and carries the audience, duration and algorithm keys', () => {
    const a = findAction('sts:GetWebIdentityToken');
    assert.ok(a?.details);
    assert.ok(isWildcardOnly(a));
    for (const k of ['sts:IdentityTokenAudience', 'sts:DurationSeconds', 'sts:SigningAlgorithm', 'aws:RequestTag/${TagKey}', 'aws:TagKeys']) assert.ok(conditionKeysOfAction(a)!.includes(k), k);
    assert.ok(findAction('sts:TagGetWebIdentityToken')?.details);
  });
  it('the audience is multivalued, the duration numeric, the algorithm a string', () => {
    assert.equal(conditionKeyType('sts:IdentityTokenAudience'), 'ArrayOfString');
    assert.equal(conditionKeyType('sts:DurationSeconds'), 'Numeric');
    assert.equal(conditionKeyType('sts:SigningAlgorithm'), 'String');
  });
});

describe('lint on token policies', () => {
  const allow = (condition: object, action: unknown = 'sts:GetWebIdentityToken'): string => policy({ Effect: 'Allow', Action: action, Resource: '*', Condition: condition });
  const AUD = 'orders-prod-rabbitmq';

  it('ForAllValues on an absent audience is vacuously true: a finding that names the audience case', () => {
    const [hit] = findingsOf(allow({ 'ForAllValues:StringEquals': { 'sts:IdentityTokenAudience': [AUD] } }, ['sts:GetWebIdentityToken', 'sts:TagGetWebIdentityToken']), 'forallvalues-without-null-guard');
    assert.match(hit?.message ?? '', /no audience, such as `sts:TagGetWebIdentityToken`.*passes vacuously/);
  });
  it('ForAnyValue on the audience in an Allow lets other audiences ride along', () => {
    const [hit] = findingsOf(allow({ 'ForAnyValue:StringEquals': { 'sts:IdentityTokenAudience': [AUD] } }), 'foranyvalue-audience-in-allow');
    assert.ok(hit);
    assert.match(hit.fix ?? '', /ForAllValues:StringEquals/);
  });
  it('a plain operator on the multivalued audience is reported', () => {
    assert.equal(findingsOf(allow({ StringEquals: { 'sts:IdentityTokenAudience': AUD } }), 'plain-operator-on-multivalued-key').length, 1);
  });
  it('the policy AWS recommends (ForAllValues with a Null guard, algorithm and lifetime limits) is clean', () => {
    const text = allow({ 'ForAllValues:StringEquals': { 'sts:IdentityTokenAudience': [AUD] }, Null: { 'sts:IdentityTokenAudience': 'false' }, StringEquals: { 'sts:SigningAlgorithm': 'RS256' }, NumericLessThanEquals: { 'sts:DurationSeconds': '900' } });
    assert.deepEqual(codes(lintText(text)), []);
  });
  it('a token permission scoped to a broker ARN never applies: the action takes only `*`', () => {
    const text = policy({ Effect: 'Allow', Action: 'sts:GetWebIdentityToken', Resource: 'arn:aws:mq:eu-west-1:111122223333:broker:orders-prod:*' });
    assert.ok(codes(lintText(text)).includes('arn-on-wildcard-only-action'));
  });
});
