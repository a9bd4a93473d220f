/** Shapes of the generated catalog file (see scripts/update-catalog.ts). */
export interface CatalogResourceTypeRef {
  readonly name: string;
  readonly required: boolean;
  readonly conditionKeys: readonly string[];
}

export interface CatalogAction {
  readonly accessLevel: string;
  /** Empty: the action takes no resource and is authorized against `*`. */
  readonly resourceTypes: readonly CatalogResourceTypeRef[];
  readonly conditionKeys: readonly string[];
}

export interface CatalogResourceType {
  /** ARN template such as `arn:${Partition}:mq:${Region}:${Account}:broker:${BrokerName}:${BrokerId}`. */
  readonly arn: string;
  readonly conditionKeys: readonly string[];
}

export interface CatalogService {
  readonly name: string;
  readonly actions: Readonly<Record<string, CatalogAction>>;
  readonly resourceTypes: Readonly<Record<string, CatalogResourceType>>;
  /** Service condition keys → type (`String`, `ArrayOfString`, …). */
  readonly conditionKeys: Readonly<Record<string, string>>;
}

export interface CatalogData {
  readonly source: { readonly package: string; readonly version: string; readonly updatedAt: string };
  /** Services described in full. */
  readonly services: Readonly<Record<string, CatalogService>>;
  /** Global condition keys → type; tag keys written with `${TagKey}`. */
  readonly globalKeys: Readonly<Record<string, string>>;
  /** Every action name of every service, for "unknown action" checks and suggestions. */
  readonly actionNames: Readonly<Record<string, readonly string[]>>;
  /** Every service's name as AWS writes it (`Amazon MQ`), for suggestions by meaning. */
  readonly serviceNames: Readonly<Record<string, string>>;
  /** The resource-type words that start a service's ARNs (`broker`, `configuration`); null when a template starts with a placeholder. */
  readonly arnTypeWords: Readonly<Record<string, readonly string[] | null>>;
  /** Amazon MQ API operations → the authorizations each needs. */
  readonly operations: Readonly<Record<string, CatalogOperation>>;
  readonly createBrokerEc2: CreateBrokerEc2Sources;
}

/** One authorization an operation needs; `when` says in which requests (tags in the request, a role passed). */
export interface CatalogAuthorization {
  readonly action: string;
  readonly when: 'always' | 'tagged' | 'role-passed' | 'access-configuration-changed' | 'replica';
  /** Condition keys with the value AWS sets for this operation (`iam:PassedToService`). */
  readonly context?: Readonly<Record<string, string>>;
  readonly source: string;
}

export interface CatalogOperation {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path?: string;
  /** What the operation's own `mq:` action is authorized against. */
  readonly resource: 'broker' | 'configuration' | 'broker-or-configuration' | '*';
  readonly authorizes: readonly CatalogAuthorization[];
  readonly sources: readonly string[];
}

export interface Ec2PermissionList {
  readonly source: string;
  readonly actions: readonly string[];
  /** False when the list was read only in part. */
  readonly complete: boolean;
}

/** Two AWS sources list CreateBroker's EC2 permissions differently; both are kept, and which one the harness uses. */
export interface CreateBrokerEc2Sources {
  readonly developerGuide: Ec2PermissionList;
  readonly serviceAuthorizationReference: Ec2PermissionList;
  readonly harnessUses: 'developerGuide' | 'serviceAuthorizationReference';
}
