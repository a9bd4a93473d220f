import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { actionsOfService, catalogData, CREATE_BROKER_EC2_ACTIONS } from '../../src/catalog';
import { createBrokerCalls, extraAuthorizations, findOperation, OPERATIONS } from '../../src/harness';

/** One data source for Amazon MQ operations: the catalog's table, generated from AWS's reference with sources. */
describe('Amazon MQ operations and the authorizations each needs', () => {
  it('CreateBroker authorizes mq:CreateBroker, mq:CreateTags when tagged and iam:PassRole to mq.amazonaws.com when a role is passed', () => {
    const op = findOperation('CreateBroker')!;
    assert.deepEqual(op.authorizes.map((a) => [a.action, a.when, a.context ?? {}]), [
      ['mq:CreateBroker', 'always', {}],
      ['mq:CreateTags', 'tagged', {}],
      ['iam:PassRole', 'role-passed', { 'iam:PassedToService': 'mq.amazonaws.com' }],
      ['mq:CreateReplicaBroker', 'replica', {}],
    ]);
    assert.deepEqual(extraAuthorizations(op, { tagged: false, rolePassed: false }), []);
    assert.deepEqual(extraAuthorizations(op, { tagged: true, rolePassed: true }).map((a) => a.action), ['mq:CreateTags', 'iam:PassRole']);
  });
  it('CreateConfiguration needs mq:CreateTags when tagged', () => {
    assert.deepEqual(findOperation('CreateConfiguration')!.authorizes.map((a) => `${a.action}/${a.when}`), ['mq:CreateConfiguration/always', 'mq:CreateTags/tagged']);
  });
  it('UpdateBroker authorizes the permission-only mq:UpdateBrokerAccessConfiguration when it changes how a RabbitMQ broker authenticates', () => {
    const op = findOperation('UpdateBroker')!;
    assert.deepEqual(extraAuthorizations(op, { accessConfigurationChanged: true }).map((a) => a.action), ['mq:UpdateBrokerAccessConfiguration']);
    assert.deepEqual(extraAuthorizations(op, {}), []);
  });
  it('lists every mq action of the reference as an operation, except permission-only ones, and says where each fact comes from', () => {
    const names = OPERATIONS.map((o) => o.name).sort();
    assert.deepEqual(names, actionsOfService('mq').filter((n) => !['CreateReplicaBroker', 'UpdateBrokerAccessConfiguration'].includes(n)).slice().sort());
    assert.equal(findOperation('UpdateBrokerAccessConfiguration'), undefined);
    assert.equal(findOperation('DescribeSharedResources')!.resource, 'broker');
    for (const o of OPERATIONS) {
      assert.ok(o.sources.length > 0, o.name);
      for (const a of o.authorizes) assert.match(a.source, /Service Authorization Reference|iam-data/, `${o.name} ${a.action}`);
    }
  });
  it('the tagged CreateBroker request asks mq:CreateTags on the new broker; untagged it does not', () => {
    const store = { account: '111122223333' } as Parameters<typeof createBrokerCalls>[0];
    const tagged = createBrokerCalls(store, 'eu-west-1', { team: 'payments' });
    const createTags = tagged.find((c) => c.action === 'mq:CreateTags');
    assert.ok(createTags);
    assert.deepEqual(createTags.requestTags, { team: 'payments' });
    assert.ok(!createBrokerCalls(store, 'eu-west-1', undefined).some((c) => c.action === 'mq:CreateTags'));
  });
  it('keeps both AWS lists of CreateBroker\'s EC2 permissions, and says which the harness and lint use', () => {
    const { developerGuide, serviceAuthorizationReference, harnessUses } = catalogData.createBrokerEc2;
    assert.equal(harnessUses, 'developerGuide');
    assert.deepEqual(CREATE_BROKER_EC2_ACTIONS, developerGuide.actions);
    const onlyInReference = serviceAuthorizationReference.actions.filter((a) => !developerGuide.actions.includes(a));
    const onlyInGuide = developerGuide.actions.filter((a) => !serviceAuthorizationReference.actions.includes(a));
    assert.deepEqual(onlyInReference, ['ec2:CreateSecurityGroup', 'ec2:CreateVpcEndpoint', 'ec2:DescribeVpcEndpoints']);
    assert.ok(onlyInGuide.includes('ec2:DescribeRouteTables'));
    assert.equal(serviceAuthorizationReference.complete, false);
  });
});
