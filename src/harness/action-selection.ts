import { actionsOfService, findAction } from '../catalog';
import type { StoredResource } from '../load/store-types';
import { HarnessInputError } from './harness-error';
import { actionNamed } from './names';
import { splitList } from './principal-selection';

/** Actions as a scenario names them: `mq:DeleteBroker`, `mq:DeleteBroker, mq:RebootBroker and mq:DeleteTags`, `mq:Delete*`. */
export interface ActionSelection {
  readonly text: string;
  /** Each item as written: a catalog action in canonical spelling, or a wildcard pattern. */
  readonly items: readonly ActionItem[];
}

export type ActionItem = { readonly kind: 'action'; readonly action: string } | { readonly kind: 'wildcard'; readonly pattern: string; readonly actions: readonly string[] };

/** Catalog actions matched by a pattern such as `mq:Describe*` (`*` and `?` wildcards, case-insensitive). */
export function actionsMatching(pattern: string): string[] {
  const colon = pattern.indexOf(':');
  const service = pattern.slice(0, colon);
  const re = new RegExp(`^${pattern.slice(colon + 1).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  const names = actionsOfService(service).filter((n) => re.test(n)).map((n) => `${service}:${n}`);
  if (names.length === 0) throw new HarnessInputError(`\`${pattern}\` matches no action of the catalog`);
  return names;
}

/** Parses and checks every action against the catalog ("did you mean" for unknown ones). */
export function parseActions(text: string): ActionSelection {
  const items = splitList(text).map((a): ActionItem => (/[*?]/.test(a) ? { kind: 'wildcard', pattern: a, actions: actionsMatching(a) } : { kind: 'action', action: actionNamed(a) }));
  return { text: text.trim(), items };
}

const KIND_OF_TYPE: Readonly<Record<string, StoredResource['kind']>> = { brokers: 'broker', configurations: 'configuration' };

/**
 * Whether AWS authorizes `action` against `resource`: an action with resource types takes inventory resources
 * of those types; a wildcard-only action takes `*`. Actions the catalog does not describe in full are asked as
 * written.
 */
export function appliesTo(action: string, resource: StoredResource | '*'): boolean {
  const details = findAction(action)?.details;
  if (!details) return true;
  if (resource === '*') return details.resourceTypes.length === 0;
  return details.resourceTypes.some((t) => KIND_OF_TYPE[t.name] === resource.kind);
}

function takes(action: string): string {
  const details = findAction(action)?.details;
  if (!details || details.resourceTypes.length === 0) return 'no resource (`*`)';
  return details.resourceTypes.map((t) => t.name).join(' or ');
}

const label = (r: StoredResource | '*'): string => (r === '*' ? '`*`' : `${r.kind} \`${r.name}\``);

/** One authorization a set sentence checks. */
export interface ActionOnResource {
  readonly action: string;
  readonly resource: StoredResource | '*';
}

/**
 * Every (action, resource) pair the sentence asks about: a named action must apply to every resource named
 * (else it is an input error, since AWS never makes that request); a wildcard expands, per resource, to the
 * catalog actions that apply to it, and must apply to at least one.
 */
export function actionPairs(selection: ActionSelection, resources: readonly (StoredResource | '*')[]): ActionOnResource[] {
  const pairs: ActionOnResource[] = [];
  for (const item of selection.items) {
    if (item.kind === 'action') {
      const wrong = resources.find((r) => !appliesTo(item.action, r));
      if (wrong !== undefined) throw new HarnessInputError(`\`${item.action}\` is never called on ${label(wrong)}: it takes ${takes(item.action)}`);
      for (const resource of resources) pairs.push({ action: item.action, resource });
    } else {
      const before = pairs.length;
      for (const action of item.actions) for (const resource of resources) if (appliesTo(action, resource)) pairs.push({ action, resource });
      if (pairs.length === before) throw new HarnessInputError(`no action matched by \`${item.pattern}\` is called on ${resources.map(label).join(', ')}`);
    }
  }
  return pairs;
}
