import { actionsOfService, findAction, isKnownService, type KnownAction } from '../catalog';
import type { Statement } from '../model';

function wildcardRegex(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** True when an action pattern (`*`, `mq:Describe*`, `MQ:deletebroker`) matches `service:Name`, ignoring case (A1, A2). */
export function patternMatches(pattern: string, qualified: string): boolean {
  if (pattern === '*') return true;
  return wildcardRegex(pattern).test(qualified);
}

/** Known actions a pattern matches; `any` for `*`. Unknown services and typos give an empty list. */
export function actionsMatching(pattern: string): readonly KnownAction[] | 'any' {
  if (pattern === '*') return 'any';
  const colon = pattern.indexOf(':');
  const service = pattern.slice(0, colon).toLowerCase();
  if (!isKnownService(service)) return [];
  const name = pattern.slice(colon + 1);
  if (!/[*?]/.test(name)) {
    const hit = findAction(pattern);
    return hit ? [hit] : [];
  }
  const re = wildcardRegex(name);
  return actionsOfService(service).filter((n) => re.test(n)).map((n) => findAction(`${service}:${n}`)!);
}

/** What a statement's Action element lists, as far as the catalog can tell. */
export interface ListedActions {
  readonly actions: readonly KnownAction[];
  /** False when the statement may also apply to actions we cannot enumerate or describe (`*`, NotAction, services not in full detail). */
  readonly described: boolean;
}

export function listedActions(statement: Statement): ListedActions {
  if (statement.action.negated) return { actions: [], described: false };
  const seen = new Map<string, KnownAction>();
  let described = true;
  for (const pattern of statement.action.patterns) {
    const hits = actionsMatching(pattern);
    if (hits === 'any') {
      described = false;
      continue;
    }
    for (const a of hits) {
      seen.set(a.qualified, a);
      if (!a.details) described = false;
    }
  }
  return { actions: [...seen.values()], described };
}

/** True when the statement's Action/NotAction element covers the action (conditions and resources aside). */
export function statementCovers(statement: Statement, qualified: string): boolean {
  const listed = statement.action.patterns.some((p) => patternMatches(p, qualified));
  return statement.action.negated ? !listed : listed;
}
