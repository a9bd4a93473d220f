import { catalogData } from './bundled-data';
import type { CatalogAction, CatalogResourceType } from './catalog-types';

export type { CatalogAction, CatalogResourceType, CatalogData } from './catalog-types';
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

let actionIndex: Map<string, KnownAction> | undefined;

function index(): Map<string, KnownAction> {
  if (actionIndex) return actionIndex;
  const map = new Map<string, KnownAction>();
  for (const [service, names] of Object.entries(catalogData.actionNames)) {
    const detailed = catalogData.services[service];
    for (const name of names) {
      const details = detailed?.actions[name];
      const entry: KnownAction = details
        ? { service, name, qualified: `${service}:${name}`, details }
        : { service, name, qualified: `${service}:${name}` };
      map.set(`${service}:${name}`.toLowerCase(), entry);
    }
  }
  actionIndex = map;
  return map;
}

/** Looks an action up ignoring case, as IAM does. */
export function findAction(action: string): KnownAction | undefined {
  return index().get(action.toLowerCase());
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

/** Edit distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j]!;
      prev[j] = Math.min(above + 1, prev[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length]!;
}

/** The closest name among `candidates`, when it is close enough to be a plausible typo. */
export function closest(input: string, candidates: Iterable<string>): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(needle, candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  const limit = Math.max(2, Math.floor(needle.length / 4));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

/** "did you mean" for an unknown `service:Action`. */
export function suggestAction(action: string): string | undefined {
  const colon = action.indexOf(':');
  if (colon < 0) return undefined;
  const service = action.slice(0, colon).toLowerCase();
  const name = action.slice(colon + 1);
  if (isKnownService(service)) {
    const hit = closest(name, actionsOfService(service));
    return hit !== undefined ? `${service}:${hit}` : undefined;
  }
  const otherService = closest(service, Object.keys(catalogData.actionNames));
  if (otherService === undefined) return undefined;
  const hit = actionsOfService(otherService).find((n) => n.toLowerCase() === name.toLowerCase()) ?? closest(name, actionsOfService(otherService));
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
