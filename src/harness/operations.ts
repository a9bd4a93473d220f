/**
 * The Amazon MQ REST API and the IAM authorizations each operation needs (catalog §5.1).
 * `resource` says what the request is authorized against: an inventory broker or configuration, or `*`.
 */
export interface OperationSpec {
  readonly name: string;
  /** HTTP method and path in the REST API; absent for operations the SDK does not expose. */
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path?: string;
  /** The `mq:` action of the same name, always authorized. */
  readonly action: string;
  readonly resource: 'broker' | 'configuration' | 'broker-or-configuration' | '*';
}

const op = (name: string, method: OperationSpec['method'], path: string | undefined, resource: OperationSpec['resource']): OperationSpec => ({
  name,
  ...(method !== undefined ? { method } : {}),
  ...(path !== undefined ? { path } : {}),
  action: `mq:${name}`,
  resource,
});

export const OPERATIONS: readonly OperationSpec[] = [
  op('CreateBroker', 'POST', '/v1/brokers', '*'),
  op('CreateConfiguration', 'POST', '/v1/configurations', '*'),
  op('CreateTags', 'POST', '/v1/tags/{ResourceArn}', 'broker-or-configuration'),
  op('CreateUser', 'POST', '/v1/brokers/{BrokerId}/users/{Username}', 'broker'),
  op('DeleteBroker', 'DELETE', '/v1/brokers/{BrokerId}', 'broker'),
  op('DeleteConfiguration', 'DELETE', '/v1/configurations/{ConfigurationId}', 'configuration'),
  op('DeleteTags', 'DELETE', '/v1/tags/{ResourceArn}', 'broker-or-configuration'),
  op('DeleteUser', 'DELETE', '/v1/brokers/{BrokerId}/users/{Username}', 'broker'),
  op('DescribeBroker', 'GET', '/v1/brokers/{BrokerId}', 'broker'),
  op('DescribeBrokerEngineTypes', 'GET', '/v1/broker-engine-types', '*'),
  op('DescribeBrokerInstanceOptions', 'GET', '/v1/broker-instance-options', '*'),
  op('DescribeConfiguration', 'GET', '/v1/configurations/{ConfigurationId}', 'configuration'),
  op('DescribeConfigurationRevision', 'GET', '/v1/configurations/{ConfigurationId}/revisions/{ConfigurationRevision}', 'configuration'),
  op('DescribeSharedResources', undefined, undefined, 'broker'),
  op('DescribeUser', 'GET', '/v1/brokers/{BrokerId}/users/{Username}', 'broker'),
  op('ListBrokers', 'GET', '/v1/brokers', '*'),
  op('ListConfigurationRevisions', 'GET', '/v1/configurations/{ConfigurationId}/revisions', 'configuration'),
  op('ListConfigurations', 'GET', '/v1/configurations', '*'),
  op('ListTags', 'GET', '/v1/tags/{ResourceArn}', 'broker-or-configuration'),
  op('ListUsers', 'GET', '/v1/brokers/{BrokerId}/users', 'broker'),
  op('Promote', 'POST', '/v1/brokers/{BrokerId}/promote', 'broker'),
  op('RebootBroker', 'POST', '/v1/brokers/{BrokerId}/reboot', 'broker'),
  op('UpdateBroker', 'PUT', '/v1/brokers/{BrokerId}', 'broker'),
  op('UpdateConfiguration', 'PUT', '/v1/configurations/{ConfigurationId}', 'configuration'),
  op('UpdateUser', 'PUT', '/v1/brokers/{BrokerId}/users/{Username}', 'broker'),
];

export function findOperation(name: string): OperationSpec | undefined {
  return OPERATIONS.find((o) => o.name.toLowerCase() === name.toLowerCase());
}

/** One EC2 authorization CreateBroker needs in the caller's policies (catalog §6). */
export interface Ec2Need {
  readonly action: string;
  /** `network-interface` = the ENI Amazon MQ creates; `*` = a List action without resource. */
  readonly resource: 'network-interface' | '*';
  readonly context?: Readonly<Record<string, string>>;
}

/**
 * What creating a broker asks of EC2 on the caller's behalf: create the broker's network interface, let
 * Amazon MQ attach it (`ec2:AuthorizedService` = `mq.amazonaws.com`), and read the network around it.
 * These are the EC2 actions of AWS's documented CreateBroker policy; Delete/Detach belong to deletion,
 * and `ec2:DescribeNetworkInterfacePermissions` is not in the list AWS documents as needed.
 */
export const CREATE_BROKER_EC2_NEEDS: readonly Ec2Need[] = [
  { action: 'ec2:CreateNetworkInterface', resource: 'network-interface' },
  { action: 'ec2:CreateNetworkInterfacePermission', resource: 'network-interface', context: { 'ec2:AuthorizedService': 'mq.amazonaws.com', 'ec2:Permission': 'INSTANCE-ATTACH' } },
  { action: 'ec2:DescribeInternetGateways', resource: '*' },
  { action: 'ec2:DescribeNetworkInterfaces', resource: '*' },
  { action: 'ec2:DescribeRouteTables', resource: '*' },
  { action: 'ec2:DescribeSecurityGroups', resource: '*' },
  { action: 'ec2:DescribeSubnets', resource: '*' },
  { action: 'ec2:DescribeVpcs', resource: '*' },
];
