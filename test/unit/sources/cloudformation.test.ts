import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadPolicyStore, memoryStoreFiles, shippedManagedPolicies } from '../../../src/load';
import { buildStore, readCloudFormationTemplate, toSourceLocation } from '../../../src/sources';
import { evaluate, Unknown, type IntrinsicContext } from '../../../src/sources/cloudformation/intrinsics';

// examples/cloudformation/template.yaml follows the CloudFormation Template Reference (YAML, short-form tags).
const TEMPLATE = readFileSync('examples/cloudformation/template.yaml', 'utf8');
const known = { managed: shippedManagedPolicies(), account: '111122223333', region: 'eu-west-1' };

test('the example template imports completely with --account and --region', () => {
  const estate = readCloudFormationTemplate(TEMPLATE, 'template.yaml', known);
  assert.deepEqual(estate.unresolved, []);
  assert.deepEqual(estate.errors, []);
  const built = buildStore(estate);
  const { store, diagnostics } = loadPolicyStore(memoryStoreFiles(built.files, 'template.yaml', 'template.yaml#'));
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  const broker = store!.resources.get('orders-production')!;
  // !GetAtt OrdersBroker.Arn in the policy stands for the same placeholder ARN as the inventory entry.
  const resourceOf = (policy: string): string => JSON.stringify(store!.policies.get(policy)!.statements[0]!.resource.patterns);
  assert.ok(resourceOf('operate-orders-broker').includes(`"${broker.arn}"`), resourceOf('operate-orders-broker'));
  assert.ok(resourceOf('no-deletes-in-production').includes('"arn:aws:mq:eu-west-1:111122223333:broker:*"'));
  assert.deepEqual(store!.principals.get('olga')!.identityPolicies, ['developer-access']);
  assert.equal(store!.principals.get('olga')!.boundary, 'developer-boundary');
  assert.deepEqual(broker.tags, { environment: 'production', team: 'orders' });
});

test('without --account the documents that need AWS::AccountId are unresolved, named by logical id and path', () => {
  const estate = readCloudFormationTemplate(TEMPLATE, 'template.yaml', { managed: known.managed, region: 'eu-west-1' });
  const u = estate.unresolved.find((x) => x.what.includes('no-deletes-in-production'))!;
  assert.match(u.what, /OperatorRole/);
  assert.match(u.why, /AWS::AccountId.*--account.*\/Resources\/OperatorRole\/Properties\/Policies\/0\/PolicyDocument/);
  assert.match(TEMPLATE.split('\n')[u.origin.line! - 1]!, /Resource: !Join/, 'the template line of the !Join that needs the account');
});

test('--parameter overrides a default, and conditions follow it', () => {
  const estate = readCloudFormationTemplate(TEMPLATE, 'template.yaml', { ...known, parameters: new Map([['Environment', 'staging'], ['Team', 'payments']]) });
  assert.deepEqual(estate.resources.map((r) => [r.name, r.tags.environment]), [['payments-staging', 'staging'], ['shared-defaults', undefined]]);
});

test('a parameter without a default or value is unresolved; a NoEcho one is never written', () => {
  const t = TEMPLATE.replace('    Default: orders\n', '').replace('  Team:\n    Type: String\n', '  Team:\n    Type: String\n    NoEcho: true\n');
  const estate = readCloudFormationTemplate(t, 'template.yaml', known);
  assert.ok(estate.unresolved.some((u) => /NoEcho/.test(u.why)));
  const built = buildStore(estate);
  assert.ok(![...built.files.values()].some((f) => f.includes('orders-production')));
});

test('a JSON template reads the same way, and a finding points at the template line', () => {
  const json = JSON.stringify({ Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { ManagedPolicyName: 'p', Users: ['u'], PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'mq:RebootBrokr', Resource: '*' }] } } }, U: { Type: 'AWS::IAM::User', Properties: { UserName: 'u' } } } }, null, 2);
  const estate = readCloudFormationTemplate(json, 't.json', known);
  const built = buildStore(estate);
  const loaded = loadPolicyStore(memoryStoreFiles(built.files, 't.json', 't.json#'));
  const d = toSourceLocation(built, 't.json#', loaded.diagnostics.find((x) => x.code === 'unknown-action')!);
  assert.equal(d.source.file, 't.json');
  assert.equal(json.split('\n')[d.source.line! - 1]!.trim(), '"Action": "mq:RebootBrokr",');
  assert.match(d.message, /in `P`/);
});

test('a broken template is a clear error, not a stack trace', () => {
  const e = readCloudFormationTemplate('Resources:\n  A: [\n', 'bad.yaml', known);
  assert.equal(e.errors[0]?.code, 'malformed-template');
  const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`).join('\n')}\nResources: {}\n`;
  assert.match(readCloudFormationTemplate(bomb, 'bomb.yaml', known).errors[0]?.message ?? '', /aliases|values/);
});

const ctx = (values: Record<string, unknown>): IntrinsicContext => ({
  values: new Map(Object.entries(values)),
  unknownValues: new Map([['AWS::StackName', 'known only once the stack exists']]),
  resourceRef: () => undefined,
  resourceAttribute: () => undefined,
  mappings: { Regions: { 'eu-west-1': { Short: 'euw1' } } },
  condition: (name) => name === 'Yes',
});

test('intrinsics: Sub, Join, Select, Split, FindInMap, If and NoValue evaluate when knowable', () => {
  const c = ctx({ Env: 'prod', 'AWS::Region': 'eu-west-1', List: ['a', 'b'] });
  assert.equal(evaluate({ 'Fn::Sub': 'x-${Env}-${!Literal}' }, c, ''), 'x-prod-${Literal}');
  assert.equal(evaluate({ 'Fn::Sub': ['${A}-${Env}', { A: { Ref: 'AWS::Region' } }] }, c, ''), 'eu-west-1-prod');
  assert.equal(evaluate({ 'Fn::Join': [',', [{ Ref: 'Env' }, 'z']] }, c, ''), 'prod,z');
  assert.equal(evaluate({ 'Fn::Select': [1, { Ref: 'List' }] }, c, ''), 'b');
  assert.deepEqual(evaluate({ 'Fn::Split': ['|', 'a|b'] }, c, ''), ['a', 'b']);
  assert.equal(evaluate({ 'Fn::FindInMap': ['Regions', { Ref: 'AWS::Region' }, 'Short'] }, c, ''), 'euw1');
  assert.deepEqual(evaluate({ a: { 'Fn::If': ['No', 1, { Ref: 'AWS::NoValue' }] }, b: { 'Fn::If': ['Yes', 1, 2] } }, c, ''), { b: 1 });
});

test('intrinsics: what is not knowable is Unknown with its path, never a guess', () => {
  const c = ctx({});
  const u = evaluate({ x: [{ 'Fn::Sub': '${AWS::StackName}-q' }] }, c, '/Resources/R/Properties');
  assert.ok(u instanceof Unknown);
  assert.equal(u.path, '/Resources/R/Properties/x/0/Fn::Sub');
  assert.ok(evaluate({ 'Fn::ImportValue': 'shared-arn' }, c, '') instanceof Unknown);
  assert.ok(evaluate({ 'Fn::GetAtt': ['Other', 'Arn'] }, c, '') instanceof Unknown);
});
