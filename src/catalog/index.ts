import { catalogData } from './bundled-data';
import type { CatalogAction, CatalogResourceType } from './catalog-types';

export type { CatalogAction, CatalogResourceType, CatalogData, CatalogOperation, CatalogAuthorization } from './catalog-types';
export { catalogData };

/** Where the catalog's facts come from, for `--version`, lint output and reports. */
export function catalogVersion(): string {
  const s = catalogData.source;
  return `${s.package} ${s.version} (data ${s.updatedAt})`;
}

export interface KnownAction {
  readonly service: string;
  /** Canonical spelling, e.g. `DeleteBroker`. */
  readonly name: string;
  /** `service:Name` in canonical spelling. */
  readonly qualified: string;
  /** Present for services the catalog describes in full. */
  readonly details?: CatalogAction;
}

/**
 * Each service's actions by lower-cased `service:name`, built the first time the service is asked about:
 * a run usually names one or two of the catalog's hundreds of services, and indexing all of them (over
 * 20,000 actions) took longer than the rest of `mq-policy simulate`'s start-up.
 */
const actionIndexes = new Map<string, ReadonlyMap<string, KnownAction>>();

function serviceIndex(service: string): ReadonlyMap<string, KnownAction> | undefined {
  let map = actionIndexes.get(service);
  if (map) return map;
  if (!Object.prototype.hasOwnProperty.call(catalogData.actionNames, service)) return undefined;
  const built = new Map<string, KnownAction>();
  const detailed = catalogData.services[service];
  for (const name of catalogData.actionNames[service]!) {
    const details = detailed?.actions[name];
    const entry: KnownAction = details
      ? { service, name, qualified: `${service}:${name}`, details }
      : { service, name, qualified: `${service}:${name}` };
    built.set(`${service}:${name}`.toLowerCase(), entry);
  }
  actionIndexes.set(service, (map = built));
  return map;
}

/** Looks an action up ignoring case, as IAM does. */
export function findAction(action: string): KnownAction | undefined {
  const lower = action.toLowerCase();
  const colon = lower.indexOf(':');
  return colon < 0 ? undefined : serviceIndex(lower.slice(0, colon))?.get(lower);
}

export function isKnownService(prefix: string): boolean {
  return Object.prototype.hasOwnProperty.call(catalogData.actionNames, prefix.toLowerCase());
}

export function actionsOfService(prefix: string): readonly string[] {
  return catalogData.actionNames[prefix.toLowerCase()] ?? [];
}

/** True for services whose resource types and condition keys the catalog holds. */
export function isDetailedService(prefix: string): boolean {
  return Object.prototype.hasOwnProperty.call(catalogData.services, prefix.toLowerCase());
}

export function resourceType(service: string, name: string): CatalogResourceType | undefined {
  return catalogData.services[service]?.resourceTypes[name];
}

/**
 * Names longer than this get no "did you mean": no catalog or store name is nearly that long, and the
 * edit distance costs the product of the two lengths, so a megabyte-long typo must not reach it.
 */
export const MAX_SUGGESTION_LENGTH = 256;

/**
 * Edit distance, for "did you mean" suggestions, or `bound + 1` as soon as it is known to exceed
 * `bound` (every row's minimum only grows, so once it passes the bound the answer cannot come back).
 */
function distance(a: string, b: string, bound: number, meter?: SuggestionMeter): number {
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0]!;
    prev[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j]!;
      const d = Math.min(above + 1, prev[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev[j] = d;
      if (d < rowMin) rowMin = d;
      diagonal = above;
    }
    if (meter) meter.cells += b.length;
    if (rowMin > bound) return bound + 1;
  }
  return prev[b.length]!;
}

/** Counts the cells of edit-distance tables computed, so tests can check the work stays bounded. */
export interface SuggestionMeter {
  cells: number;
}

/** The closest name among `candidates`, when it is close enough to be a plausible typo. */
export function closest(input: string, candidates: Iterable<string>, meter?: SuggestionMeter): string | undefined {
  if (input.length > MAX_SUGGESTION_LENGTH) return undefined;
  const needle = input.toLowerCase();
  const limit = Math.max(2, Math.floor(needle.length / 4));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate.length > MAX_SUGGESTION_LENGTH) continue;
    const d = distance(needle, candidate.toLowerCase(), bestDistance - 1, meter);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best;
}

/** "did you mean" for an unknown `service:Action`. */
export function suggestAction(action: string, meter?: SuggestionMeter): string | undefined {
  if (action.length > MAX_SUGGESTION_LENGTH) return undefined;
  const colon = action.indexOf(':');
  if (colon < 0) return undefined;
  const service = action.slice(0, colon).toLowerCase();
  const name = action.slice(colon + 1);
  if (isKnownService(service)) {
    const hit = closest(name, actionsOfService(service), meter);
    return hit !== undefined ? `${service}:${hit}` : undefined;
  }
  const otherService = closest(service, Object.keys(catalogData.actionNames), meter);
  if (otherService === undefined) return undefined;
  const hit = actionsOfService(otherService).find((n) => n.toLowerCase() === name.toLowerCase()) ?? closest(name, actionsOfService(otherService), meter);
  return hit !== undefined ? `${otherService}:${hit}` : undefined;
}

export type ConditionKeyType = 'String' | 'ArrayOfString' | 'ARN' | 'ArrayOfARN' | 'Numeric' | 'ArrayOfNumeric' | 'Date' | 'ArrayOfDate' | 'Bool' | 'ArrayOfBool' | 'IPAddress' | 'ArrayOfIPAddress' | 'Binary' | 'ArrayOfBinary' | string;

let keyIndex: { exact: Map<string, string>; prefixes: [string, string][] } | undefined;

function keys(): { exact: Map<string, string>; prefixes: [string, string][] } {
  if (keyIndex) return keyIndex;
  const exact = new Map<string, string>();
  const prefixes: [string, string][] = [];
  const add = (key: string, type: string): void => {
    const lower = key.toLowerCase();
    const template = lower.indexOf('${');
    if (template >= 0) prefixes.push([lower.slice(0, template), type]);
    else exact.set(lower, type);
  };
  for (const [key, type] of Object.entries(catalogData.globalKeys)) add(key, type);
  for (const service of Object.values(catalogData.services)) {
    for (const [key, type] of Object.entries(service.conditionKeys)) add(key, type);
  }
  keyIndex = { exact, prefixes };
  return keyIndex;
}

/** The catalog type of a condition key (lower-cased or not), or undefined for keys the catalog does not know. */
export function conditionKeyType(key: string): ConditionKeyType | undefined {
  const lower = key.toLowerCase();
  const k = keys();
  const exact = k.exact.get(lower);
  if (exact !== undefined) return exact;
  for (const [prefix, type] of k.prefixes) if (lower.startsWith(prefix) && lower.length > prefix.length) return type;
  return undefined;
}

/** Multivalued keys need ForAllValues/ForAnyValue; the catalog marks them `ArrayOf…`. */
export function isMultivaluedKey(key: string): boolean {
  return conditionKeyType(key)?.startsWith('ArrayOf') ?? false;
}

/** Wildcard-only actions are authorized against `*` (no resource type in the catalog). */
export function isWildcardOnly(action: KnownAction): boolean {
  return action.details !== undefined && action.details.resourceTypes.length === 0;
}

/**
 * EC2 actions the caller needs to create a broker, as the developer guide lists them ("IAM permissions required
 * to create an Amazon MQ broker"). The Service Authorization Reference's dependent actions differ; both lists are
 * in `catalogData.createBrokerEc2`, and the harness and lint use the developer guide's.
 */
export const CREATE_BROKER_EC2_ACTIONS: readonly string[] = catalogData.createBrokerEc2[catalogData.createBrokerEc2.harnessUses].actions;

/** The resource-type words a service's ARNs start with; undefined when unknown or when a template starts with a placeholder. */
export function arnTypeWords(service: string): readonly string[] | undefined {
  return catalogData.arnTypeWords[service.toLowerCase()] ?? undefined;
}

/** Services whose ARNs have resource type `word` (`broker` → mq). */
export function servicesWithTypeWord(word: string): string[] {
  return Object.entries(catalogData.arnTypeWords).filter(([, words]) => words?.includes(word)).map(([service]) => service).sort();
}

/**
 * Every condition key an action can carry: its own keys plus those of its resource types (as written in the
 * catalog, with `${TagKey}`-style templates). The SAR's action row lists the keys per resource type when they
 * differ by action (EC2: only CreateNetworkInterfacePermission carries `ec2:AuthorizedService`); an empty row
 * (all of mq) means the resource type's own keys apply. Undefined for actions not described in full.
 */
export function conditionKeysOfAction(action: KnownAction): readonly string[] | undefined {
  if (!action.details) return undefined;
  const keys = new Set(action.details.conditionKeys);
  for (const rt of action.details.resourceTypes) {
    const own = rt.conditionKeys.length > 0 ? rt.conditionKeys : resourceType(action.service, rt.name)?.conditionKeys ?? [];
    own.forEach((k) => keys.add(k));
  }
  return [...keys];
}

/** Every key name the catalog knows (global and per service), templates included, for "did you mean". */
export function knownConditionKeys(): readonly string[] {
  const all = new Set(Object.keys(catalogData.globalKeys));
  for (const service of Object.values(catalogData.services)) Object.keys(service.conditionKeys).forEach((k) => all.add(k));
  return [...all];
}

/** True when `key` (any case) is `template` itself or an instance of it (`aws:ResourceTag/env` of `aws:ResourceTag/${TagKey}`). */
export function keyMatchesTemplate(key: string, template: string): boolean {
  const lower = key.toLowerCase();
  const t = template.toLowerCase();
  const open = t.indexOf('${');
  if (open < 0) return lower === t;
  return lower.startsWith(t.slice(0, open)) && lower.length > open;
}

/** Global keys whose presence depends on the action (tags), as opposed to keys every request may carry. */
const ACTION_DEPENDENT_GLOBAL_KEYS = ['aws:RequestTag/${TagKey}', 'aws:ResourceTag/${TagKey}', 'aws:TagKeys'];

/** True for global keys any request may carry whatever the action (`aws:SourceIp`, `aws:PrincipalTag/x`, …). */
export function isRequestWideKey(key: string): boolean {
  if (ACTION_DEPENDENT_GLOBAL_KEYS.some((t) => keyMatchesTemplate(key, t))) return false;
  return Object.keys(catalogData.globalKeys).some((t) => keyMatchesTemplate(key, t));
}

/** ARN templates of the resource types an action accepts (empty for wildcard-only actions). */
export function resourceArnsOfAction(action: KnownAction): readonly { readonly name: string; readonly arn: string }[] {
  if (!action.details) return [];
  return action.details.resourceTypes.flatMap((rt) => {
    const t = resourceType(action.service, rt.name);
    return t ? [{ name: rt.name, arn: t.arn }] : [];
  });
}

/**
 * Prefixes people write for a service whose IAM actions live under another prefix, each with AWS's reason.
 * Spelling alone gets these wrong (`docdb` is closest to `odb`, Oracle Database@AWS).
 */
const SERVICE_BY_MEANING: Readonly<Record<string, { readonly prefix: string; readonly why: string }>> = {
  docdb: { prefix: 'rds', why: 'Amazon DocumentDB manages clusters through the Amazon RDS API, so its IAM actions are `rds:` ones (`docdb-elastic:` is for elastic clusters)' },
  documentdb: { prefix: 'rds', why: 'Amazon DocumentDB manages clusters through the Amazon RDS API, so its IAM actions are `rds:` ones' },
  neptune: { prefix: 'rds', why: 'Amazon Neptune manages clusters through the Amazon RDS API (`rds:`); data access is `neptune-db:`' },
  amazonmq: { prefix: 'mq', why: 'Amazon MQ actions use the prefix `mq:`' },
  activemq: { prefix: 'mq', why: 'Amazon MQ actions use the prefix `mq:`' },
  rabbitmq: { prefix: 'mq', why: 'Amazon MQ actions use the prefix `mq:`' },
  msk: { prefix: 'kafka', why: 'Amazon MSK actions use the prefix `kafka:`' },
  elasticsearch: { prefix: 'es', why: 'Amazon OpenSearch Service domains use the prefix `es:`' },
  eventbridge: { prefix: 'events', why: 'Amazon EventBridge actions use the prefix `events:`' },
  stepfunctions: { prefix: 'states', why: 'AWS Step Functions actions use the prefix `states:`' },
  cloudwatchlogs: { prefix: 'logs', why: 'Amazon CloudWatch Logs actions use the prefix `logs:`' },
  elb: { prefix: 'elasticloadbalancing', why: 'Elastic Load Balancing actions use the prefix `elasticloadbalancing:`' },
  elbv2: { prefix: 'elasticloadbalancing', why: 'Elastic Load Balancing actions use the prefix `elasticloadbalancing:`' },
  dynamo: { prefix: 'dynamodb', why: 'Amazon DynamoDB actions use the prefix `dynamodb:`' },
  cognito: { prefix: 'cognito-idp', why: 'Amazon Cognito user pools use `cognito-idp:` (identity pools `cognito-identity:`)' },
  s3api: { prefix: 's3', why: 'Amazon S3 actions use the prefix `s3:`' },
};

/**
 * The service an unknown prefix most likely means: first by meaning (a known alias, or a service whose name
 * has the prefix as a word: `documentdb` → "Amazon DocumentDB Elastic Clusters"), then by spelling.
 */
export function suggestService(prefix: string): { readonly prefix: string; readonly why?: string } | undefined {
  const lower = prefix.toLowerCase();
  const alias = SERVICE_BY_MEANING[lower];
  if (alias) return alias;
  if (lower.length >= 3 && lower.length <= 64) {
    const named = Object.entries(catalogData.serviceNames).filter(([, name]) => name.toLowerCase().split(/[^a-z0-9]+/).includes(lower)).map(([p]) => p);
    if (named.length === 1) return { prefix: named[0]!, why: `\`${named[0]}\` is ${catalogData.serviceNames[named[0]!]}` };
  }
  const spelt = closest(lower, Object.keys(catalogData.actionNames));
  return spelt !== undefined ? { prefix: spelt } : undefined;
}
