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
}
