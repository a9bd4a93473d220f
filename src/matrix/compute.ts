import { catalogData, findAction } from '../catalog';
import { compiledFor } from '../engine';
import type { PolicyStore, StoredPrincipal, StoredResource } from '../load/store-types';
import { DEFAULT_SETTINGS, policySetFor, recordedDetermining, requestContext, type ScenarioSettings } from '../harness';
import type { ContextValue, DecisionRecord, Request } from '../model';
import type { MatrixCell } from '../reports';

export interface MatrixOptions {
  /** Principal names to compute (default: all, sorted). */
  readonly principals?: readonly string[];
  /** Actions (default: every Amazon MQ action in the catalog). */
  readonly actions?: readonly string[];
  /** Resource tag that names a class (default `environment`). */
  readonly classKey?: string;
  readonly settings?: ScenarioSettings;
  /** Called after each principal with the number of decisions made so far. */
  readonly onProgress?: (decisions: number) => void;
}

export function allMqActions(): string[] {
  return Object.keys(catalogData.services.mq?.actions ?? {}).map((a) => `mq:${a}`).sort();
}

/** `brokers environment=production`, `configurations (no environment tag)`: tag keys compare ignoring case, as IAM does. */
export function resourceClass(resource: StoredResource, classKey: string): string {
  const kind = resource.kind === 'broker' ? 'brokers' : 'configurations';
  const entry = Object.entries(resource.tags).find(([k]) => k.toLowerCase() === classKey.toLowerCase());
  return entry ? `${kind} ${classKey}=${entry[1]}` : `${kind} (no ${classKey} tag)`;
}

function contextMap(record: Readonly<Record<string, ContextValue>>): { context: Map<string, ContextValue>; spelling: Map<string, string> } {
  const context = new Map<string, ContextValue>();
  const spelling = new Map<string, string>();
  for (const [k, v] of Object.entries(record)) {
    context.set(k.toLowerCase(), v);
    spelling.set(k.toLowerCase(), k);
  }
  return { context, spelling };
}

interface Tally {
  readonly resourceClass: string;
  readonly decided: { resource: StoredResource | '*'; outcome: DecisionRecord['outcome']; determining: DecisionRecord['determining'] }[];
}

/**
 * Decides principals × actions × resources of the store with the compiled engine. The request
 * context is built as the harness builds it for scenarios (same function), once per principal and
 * resource, and shared by the actions that take that resource.
 */
export function computeMatrix(store: PolicyStore, options: MatrixOptions = {}): { cells: MatrixCell[]; decisions: number } {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const classKey = options.classKey ?? 'environment';
  const actions = (options.actions ?? allMqActions()).map((a) => findAction(a)).filter((a) => a !== undefined);
  const names = options.principals ?? [...store.principals.keys()].sort();
  const resources = [...store.resources.values()];
  const cells: MatrixCell[] = [];
  let decisions = 0;

  for (const name of names) {
    const principal = store.principals.get(name);
    if (!principal) continue;
    const compiled = compiledFor(policySetFor(store, principal, settings));
    const requestFor = (action: string, resource: StoredResource | '*', ctx: ReturnType<typeof contextMap>): Request => ({
      principal: principal.arn,
      action,
      resource: resource === '*' ? '*' : resource.arn,
      context: ctx.context,
      contextKeySpelling: ctx.spelling,
    });
    const contexts = new Map<StoredResource | '*', ReturnType<typeof contextMap>>();
    const contextOf = (resource: StoredResource | '*', action: string): ReturnType<typeof contextMap> => {
      let c = contexts.get(resource);
      if (!c) contexts.set(resource, (c = contextMap(requestContext(principal as StoredPrincipal, { action, resource }, settings))));
      return c;
    };
    for (const action of actions) {
      const types = new Set(action.details?.resourceTypes.map((t) => t.name) ?? []);
      const targets: (StoredResource | '*')[] = types.size === 0 ? ['*'] : resources.filter((r) => types.has(r.kind === 'broker' ? 'brokers' : 'configurations'));
      const tallies = new Map<string, Tally>();
      for (const resource of targets) {
        const result = compiled.decide(requestFor(action.qualified, resource, contextOf(resource, action.qualified)));
        decisions++;
        const label = resource === '*' ? '*' : resourceClass(resource, classKey);
        let tally = tallies.get(label);
        if (!tally) tallies.set(label, (tally = { resourceClass: label, decided: [] }));
        tally.decided.push({
          resource,
          outcome: result.kind === 'decision' ? result.decision : 'CannotDecide',
          determining: result.kind === 'decision' ? result.determining.map(recordedDetermining) : [],
        });
      }
      for (const tally of tallies.values()) cells.push(...summarise(name, action.qualified, tally));
    }
    options.onProgress?.(decisions);
  }
  return { cells, decisions };
}

function summarise(principal: string, action: string, tally: Tally): MatrixCell[] {
  const first = tally.decided[0]!;
  const uniform = tally.decided.every((d) => d.outcome === first.outcome);
  const arn = (r: StoredResource | '*'): string => (r === '*' ? '*' : r.arn);
  if (uniform) {
    return [{ principal, action, resourceClass: tally.resourceClass, resource: arn(first.resource), outcome: first.outcome, determining: first.determining, assertedBy: [] }];
  }
  return tally.decided.map((d) => ({
    principal,
    action,
    resourceClass: `${tally.resourceClass}: ${d.resource === '*' ? '*' : d.resource.name}`,
    resource: arn(d.resource),
    outcome: d.outcome,
    determining: d.determining,
    assertedBy: [],
  }));
}
