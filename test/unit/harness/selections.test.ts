import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPolicyStore } from '../../../src/load';
import { actionPairs, parseActions, parseExpectation, selectPrincipals, selectResources, assumeRole, everyPrincipal, checkRegion } from '../../../src/harness';

const store = loadPolicyStore('policies').store!;
const names = (text: string): string[] => selectPrincipals(store, text).members.map((p) => p.name);
const resources = (text: string): string[] => selectResources(store, text).map((r) => (r === '*' ? '*' : r.name));
const throwsWith = (f: () => unknown, fragment: string): void => assert.throws(f, (e: Error) => e.name === 'HarnessInputError' && e.message.includes(fragment), fragment);

test('every principal is each user and session of principals.yaml, then each role assumed plainly', () => {
  // Derived from the store, which grows: users and sessions in file order, then the roles.
  assert.deepEqual(names('every principal'), [...store.principals.keys(), ...store.roles!.keys()]);
  assert.ok(names('every principal').includes('BreakGlass'));
  const plain = everyPrincipal(store).find((p) => p.name === 'CIDeployer')!;
  assert.deepEqual(plain.sessionPolicies, []);
  assert.equal(plain.principalArn, 'arn:aws:iam::111122223333:role/ci/CIDeployer');
  assert.equal(plain.mfa, false);
});

test('principal sets: groups, tags, boundaries, kinds, unions and except', () => {
  assert.deepEqual(names('the members of group developers'), ['developer', 'orders-developer']);
  assert.deepEqual(names('the principals tagged team=platform'), ['admin', 'operator', 'operator-read-only', 'Operator', 'CIDeployer']);
  assert.deepEqual(names('the principals tagged Team=payments'), ['developer', 'ci-deployer'], 'principal tag keys ignore case');
  assert.deepEqual(names('the principals with the boundary developer-boundary'), ['developer', 'orders-developer']);
  assert.deepEqual(names('the users'), ['admin', 'developer', 'orders-developer', 'auditor']);
  assert.deepEqual(names('the roles'), [...store.roles!.keys()]);
  const sessions = [...store.principals.values()].filter((p) => p.type === 'session').map((p) => p.name);
  assert.deepEqual(names('the sessions except operator-read-only and ci-deployer'), sessions.filter((n) => n !== 'operator-read-only' && n !== 'ci-deployer'));
  assert.ok(!names('the sessions').includes('admin'));
  assert.deepEqual(names('the principals tagged team=platform and break-glass except Operator, CIDeployer'), ['admin', 'operator', 'operator-read-only', 'break-glass']);
  assert.deepEqual(names('admin, auditor and BreakGlass'), ['admin', 'auditor', 'BreakGlass']);
});

test('principal sets that name nothing, or a typo, are input errors', () => {
  throwsWith(() => names('the members of group develpers'), 'unknown group `develpers`; did you mean `developers`?');
  throwsWith(() => names('the users except operator'), '`operator` is not one of the users');
  throwsWith(() => names('the principals tagged team=nobody'), 'names no principal');
  throwsWith(() => names('the principals with the boundary deny-production-changes'), 'not a permissions boundary');
  throwsWith(() => names('admn'), 'unknown principal `admn`; did you mean `admin`?');
});

test('resource sets: kinds, tags, negated tags, region, account, intersections, lists', () => {
  assert.deepEqual(resources('brokers tagged environment=production and in region eu-west-1'), ['orders-prod', 'payments-prod']);
  assert.deepEqual(resources('brokers not tagged environment=production and in region eu-west-1'), ['payments-staging', 'payments-dev', 'sandbox', 'reporting-prod']);
  assert.deepEqual(resources('brokers in region us-east-1'), ['legacy-us']);
  assert.deepEqual(resources('configurations tagged team=payments'), ['payments-activemq']);
  assert.deepEqual(resources('every configuration'), ['payments-activemq', 'shared-defaults']);
  assert.equal(resources('brokers in account 111122223333').length, 8);
  assert.deepEqual(resources('orders-prod, sandbox and shared-defaults'), ['orders-prod', 'sandbox', 'shared-defaults']);
  assert.deepEqual(resources('*'), ['*']);
  throwsWith(() => resources('brokers in region eu-wst-1'), 'did you mean `eu-west-1`?');
  throwsWith(() => resources('brokers in account 1234'), 'is not an AWS account ID');
  throwsWith(() => resources('brokers in region ap-south-2'), 'no resource of the inventory');
  throwsWith(() => resources('brokers owned by team=x'), 'not a resource condition');
});

test('actions: a wildcard expands per resource kind; a named action must apply to every resource', () => {
  const pairs = (a: string, r: string): string[] => actionPairs(parseActions(a), selectResources(store, r)).map((p) => `${p.action}@${p.resource === '*' ? '*' : p.resource.name}`);
  assert.deepEqual(pairs('mq:Delete*', 'sandbox and shared-defaults'), ['mq:DeleteBroker@sandbox', 'mq:DeleteConfiguration@shared-defaults', 'mq:DeleteTags@sandbox', 'mq:DeleteTags@shared-defaults', 'mq:DeleteUser@sandbox']);
  assert.deepEqual(pairs('mq:List*', '*'), ['mq:ListBrokers@*', 'mq:ListConfigurations@*']);
  assert.deepEqual(pairs('mq:RebootBroker and mq:DeleteTags', 'sandbox'), ['mq:RebootBroker@sandbox', 'mq:DeleteTags@sandbox']);
  throwsWith(() => pairs('mq:DeleteConfiguration', 'every broker'), '`mq:DeleteConfiguration` is never called on broker `orders-prod`: it takes configurations');
  throwsWith(() => pairs('mq:Promote*', 'shared-defaults'), 'no action matched by `mq:Promote*`');
  throwsWith(() => parseActions('mq:DeleteBrokr'), 'did you mean `mq:DeleteBroker`?');
});

test('a session built by the scenario: role policies, session tags over role tags, one session policy', () => {
  const s = assumeRole(store, 'CIDeployer', 'deploy-7', { sessionTags: { team: 'orders' }, sessionPolicy: 'ci-pipeline-session' });
  assert.equal(s.arn, 'arn:aws:sts::111122223333:assumed-role/CIDeployer/deploy-7');
  assert.deepEqual(s.tags, { team: 'orders' });
  assert.deepEqual(s.sessionPolicies, ['ci-pipeline-session']);
  throwsWith(() => assumeRole(store, 'CIDeploy', 'x1'), 'did you mean `CIDeployer`?');
  throwsWith(() => assumeRole(store, 'Operator', 'x'), 'not a valid role session name');
  throwsWith(() => assumeRole(store, 'Operator', 'xy', { sessionPolicy: 'mq-operator' }), 'not a session policy');
});

test('outcomes by statement: a Sid, or an index for a statement without Sid', () => {
  assert.deepEqual(parseExpectation(store, 'allowed by mq-operator statement OperateBrokers').byStatement, { index: 1, sid: 'OperateBrokers' });
  assert.deepEqual(parseExpectation(store, 'allowed by FullAWSAccess statement 0').byStatement, { index: 0 });
  throwsWith(() => parseExpectation(store, 'allowed by mq-operator statement OperateBroker'), 'did you mean `OperateBrokers`?');
  throwsWith(() => parseExpectation(store, 'allowed by mq-operator statement 1'), 'has the Sid `OperateBrokers`: write `statement OperateBrokers`');
  throwsWith(() => parseExpectation(store, 'allowed by FullAWSAccess statement 3'), 'has no statement 3');
});

test('regions: known codes pass, typos get the closest code', () => {
  assert.equal(checkRegion('eu-central-1'), 'eu-central-1');
  throwsWith(() => checkRegion('eu-centrl-1'), 'did you mean `eu-central-1`?');
  throwsWith(() => checkRegion('ireland'), 'write a Region code');
});
