import type { PolicyDoc, PolicySetDoc } from './arbitraries/policy';
import type { StatementDoc } from './arbitraries/statement';
import type { Recase } from './arbitraries/case';
import type { RequestDoc } from './arbitraries/request';

/** Test-side edits of policy-set documents: where to add a statement, reorder, re-case. */

export type LayerName = 'identity' | 'boundary' | 'scp' | 'session';

export interface Target {
  readonly layer: LayerName;
  /** Picks an existing policy (or SCP level) by index modulo the count. */
  readonly slot: number;
  /** Put the statement in a policy of its own (a new SCP level for `scp` when `newLevel`). */
  readonly ownPolicy: boolean;
  readonly newLevel: boolean;
}

const VERSION = '2012-10-17';

function addToPolicies(policies: readonly PolicyDoc[] | undefined, slot: number, ownPolicy: boolean, statement: StatementDoc): PolicyDoc[] {
  const list = [...(policies ?? [])];
  if (ownPolicy || list.length === 0) return [...list, { Version: VERSION, Statement: [statement] }];
  const i = slot % list.length;
  list[i] = { ...list[i]!, Statement: [...list[i]!.Statement, statement] };
  return list;
}

/**
 * Adds one statement to a policy set. With `createLayers` false the statement only joins layers
 * (and SCP levels) that already exist, so it never adds a guardrail that must itself allow.
 */
export function addStatement(set: PolicySetDoc, target: Target, statement: StatementDoc, createLayers: boolean): PolicySetDoc {
  const exists = target.layer === 'identity' || (target.layer === 'scp' ? (set.scp?.length ?? 0) > 0 : (set[target.layer]?.length ?? 0) > 0);
  const layer: LayerName = exists || createLayers ? target.layer : 'identity';
  if (layer === 'scp') {
    const levels = [...(set.scp ?? [])];
    if ((createLayers && target.newLevel) || levels.length === 0) levels.push([{ Version: VERSION, Statement: [statement] }]);
    else {
      const l = target.slot % levels.length;
      levels[l] = addToPolicies(levels[l], Math.floor(target.slot / levels.length), target.ownPolicy, statement);
    }
    return { ...set, scp: levels };
  }
  return { ...set, [layer]: addToPolicies(set[layer], target.slot, target.ownPolicy, statement) };
}

/** Stable reorder driven by sort keys; all-equal keys (what shrinking reaches) keep the order. */
export function reorder<T>(items: readonly T[], keys: readonly number[], salt: number): T[] {
  return items
    .map((item, i) => ({ item, i, k: keys.length === 0 ? 0 : keys[(i * 7 + salt) % keys.length]! }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((x) => x.item);
}

/** Reorders statements in every policy, policies in every layer, and the SCP levels. */
export function reorderAll(set: PolicySetDoc, keys: readonly number[]): PolicySetDoc {
  let salt = 0;
  const policies = (list: readonly PolicyDoc[]): PolicyDoc[] =>
    reorder(
      list.map((p) => ({ ...p, Statement: reorder(p.Statement, keys, ++salt) })),
      keys,
      ++salt,
    );
  return {
    identity: policies(set.identity),
    ...(set.boundary ? { boundary: policies(set.boundary) } : {}),
    ...(set.scp ? { scp: reorder(set.scp.map(policies), keys, ++salt) } : {}),
    ...(set.session ? { session: policies(set.session) } : {}),
  };
}

/** Variable names inside `${…}` (before a default) ignore case (V1); the default and the text do not. */
function recaseVariableNames(text: string, recase: Recase): string {
  return text.replace(/\$\{([^},]+)/g, (_, key: string) => `\${${recase(key)}`);
}

function recaseStatement(s: StatementDoc, recase: Recase, variables: boolean): StatementDoc {
  const out: StatementDoc = { ...s };
  // Under 2008-10-17 `${…}` is literal text (G2), so only 2012-10-17 variable names may be re-cased.
  const recaseVariables = (text: string, r: Recase): string => (variables ? recaseVariableNames(text, r) : text);
  for (const element of ['Action', 'NotAction']) {
    const v = s[element];
    if (typeof v === 'string') out[element] = recase(v);
    else if (Array.isArray(v)) out[element] = (v as string[]).map(recase);
  }
  for (const element of ['Resource', 'NotResource']) {
    const v = s[element];
    if (typeof v === 'string') out[element] = recaseVariables(v, recase);
    else if (Array.isArray(v)) out[element] = (v as string[]).map((r) => recaseVariables(r, recase));
  }
  if (s.Condition !== undefined) {
    const block: Record<string, Record<string, unknown>> = {};
    for (const [operator, keys] of Object.entries(s.Condition as Record<string, Record<string, unknown>>)) {
      block[operator] = Object.fromEntries(
        Object.entries(keys).map(([key, values]) => [
          recase(key),
          Array.isArray(values) ? values.map((v) => (typeof v === 'string' ? recaseVariables(v, recase) : v)) : typeof values === 'string' ? recaseVariables(values, recase) : values,
        ]),
      );
    }
    out.Condition = block;
  }
  return out;
}

/** Re-cases action names, condition-key names (tag-key part included) and variable names (in conditions and resources). */
export function recasePolicies(set: PolicySetDoc, recase: Recase): PolicySetDoc {
  const policies = (list: readonly PolicyDoc[]): PolicyDoc[] => list.map((p) => ({ ...p, Statement: p.Statement.map((s) => recaseStatement(s, recase, p.Version === '2012-10-17')) }));
  return {
    identity: policies(set.identity),
    ...(set.boundary ? { boundary: policies(set.boundary) } : {}),
    ...(set.scp ? { scp: set.scp.map(policies) } : {}),
    ...(set.session ? { session: policies(set.session) } : {}),
  };
}

/** Re-cases the request's action and context-key names (values keep their case). */
export function recaseRequest(request: RequestDoc, recase: Recase): RequestDoc {
  return {
    ...request,
    action: recase(request.action),
    context: Object.fromEntries(Object.entries(request.context).map(([k, v]) => [recase(k), v])),
  };
}

/** The request with `key` removed (whatever its spelling), or set to `value`. */
export function withContextKey(request: RequestDoc, key: string, value: string | readonly string[] | undefined): RequestDoc {
  const context = Object.fromEntries(Object.entries(request.context).filter(([k]) => k.toLowerCase() !== key.toLowerCase()));
  if (value !== undefined) context[key] = value;
  return { ...request, context };
}
