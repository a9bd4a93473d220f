import { test } from 'node:test';
import assert from 'node:assert/strict';
import { align, correctedValue, undefinedSentenceMessage, type ParameterForm } from '../../../src/harness';
import { checkContextKeys, checkContextValue, checkCurrentTime, checkSourceAddress, contextKeyProblem, DEFAULT_SETTINGS } from '../../../src/harness';

const forms: Record<string, ParameterForm> = {
  action: { regexps: ['[A-Za-z0-9-]+:[A-Za-z0-9]+'], form: 'an action' },
  resource: { regexps: ['\\*|[A-Za-z0-9][\\w-]*'], form: 'a resource' },
  tags: { regexps: ['[^\\s=,]+=[^\\s,]*(?:, [^\\s=,]+=[^\\s,]*)*'], form: 'tags' },
  outcome: { regexps: ['[a-z].*'], form: 'an outcome' },
};
const sentences = [
  { keyword: 'When', expression: 'they call {action} on {resource}' },
  { keyword: 'When', expression: 'they call {action}' },
  { keyword: 'When', expression: 'they create a broker tagged {tags}' },
  { keyword: 'Then', expression: 'it is {outcome}' },
];

test('a parameter takes the words that have its form; extra words cost more than a wrong value', () => {
  const a = align('they call mq:DeleteBroker on the broker orders-prod', sentences[0]!, forms);
  assert.deepEqual(a.values, [{ name: 'action', text: 'mq:DeleteBroker' }, { name: 'resource', text: 'orders-prod' }]);
  assert.ok(a.cost < align('they call mq:DeleteBroker on the broker orders-prod', sentences[1]!, forms).cost);
});

test('the message rewrites the step into the closest sentence, with corrected values', () => {
  assert.match(undefinedSentenceMessage('they call mq:DeleteBroker on the broker orders-prod', sentences, forms), /did you mean `When they call mq:DeleteBroker on orders-prod`\?/);
  assert.match(undefinedSentenceMessage('it should be allowed', sentences, forms), /did you mean `Then it is allowed`\?/);
  const tags = undefinedSentenceMessage('they create a broker tagged team:search', sentences, forms);
  assert.match(tags, /did you mean `When they create a broker tagged team=search`\?/);
  assert.match(tags, /`team:search` is not \{tags\}: \{tags\} is tags; did you mean `team=search`\?/);
  assert.equal(undefinedSentenceMessage('anything', [], forms), 'no sentence of the step library reads `anything`');
});

test('known slips in values are corrected, others are not guessed', () => {
  assert.equal(correctedValue('tags', 'team=a,env=b'), 'team=a, env=b');
  assert.equal(correctedValue('tags', 'team:search'), 'team=search');
  assert.equal(correctedValue('tags', 'team=a'), undefined);
  assert.equal(correctedValue('resource', 'the broker'), undefined);
});

test('context values: one address, a real UTC time, a value of the key type', () => {
  assert.equal(checkSourceAddress('10.0.0.1'), '10.0.0.1');
  assert.throws(() => checkSourceAddress('10.0.0.0/8'), /is a CIDR block, but aws:SourceIp is one address/);
  assert.throws(() => checkSourceAddress('office'), /is not an IP address/);
  assert.equal(checkCurrentTime('2026-11-24T10:00:00Z'), '2026-11-24T10:00:00Z');
  assert.throws(() => checkCurrentTime('2026-02-30T10:00:00Z'), /is not a time/);
  assert.throws(() => checkCurrentTime('24.11.2026'), /is not a time/);
  assert.throws(() => checkContextValue('aws:MultiFactorAuthPresent', 'yes'), /`true` or `false`/);
  assert.throws(() => checkContextValue('aws:SourceIp', '10.0.0.0/8'), /one IP address such as `203\.0\.113\.10`, not a CIDR block/);
  assert.doesNotThrow(() => checkContextValue('aws:SourceIp', '10.0.0.1'));
  assert.throws(() => checkContextValue('aws:SourceIpAdress', '1.2.3.4'), /did you mean `aws:SourceIp`\?/);
});

test('context keys: request-wide keys fit every action, service keys only their actions', () => {
  assert.equal(contextKeyProblem('aws:PrincipalTag/team', 'mq:DeleteBroker'), undefined);
  assert.equal(contextKeyProblem('ec2:AuthorizedService', 'ec2:CreateNetworkInterfacePermission'), undefined);
  assert.match(contextKeyProblem('ec2:AuthorizedService', 'mq:DeleteBroker') ?? '', /is never in a request for `mq:DeleteBroker`/);
  const settings = { ...DEFAULT_SETTINGS, overrides: new Map([['ec2:authorizedservice', { key: 'ec2:AuthorizedService', value: 'x', at: 'features/a.feature:7' }]]) };
  assert.throws(() => checkContextKeys(settings, ['mq:DeleteBroker']), /\(given at features\/a\.feature:7\)/);
  assert.doesNotThrow(() => checkContextKeys(settings, ['mq:CreateBroker', 'ec2:CreateNetworkInterfacePermission']), 'one call of the operation carries it');
});

test('a hostile step line stays bounded: ranked on its first words, shown shortened', () => {
  const line = `they call mq:DeleteBroker on ${'x '.repeat(20_000)}`;
  const m = undefinedSentenceMessage(line, sentences, forms);
  assert.ok(m.length < 2000);
  assert.match(m, /When they call \{action\} on \{resource\}/);
});
