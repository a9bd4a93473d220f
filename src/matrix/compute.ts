import { catalogData, findAction } from '../catalog';
import { compiledFor } from '../engine';
import type { PolicyStore, StoredResource } from '../load/store-types';
import { DEFAULT_SETTINGS, policySetFor, recordedDetermining, requestContext, type ScenarioSettings } from '../harness';
import type { ContextValue, DecisionRecord, Determining, Request } from '../model';
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

interface Decided {
  readonly resource: StoredResource | '*';
  readonly outcome: DecisionRecord['outcome'];
  readonly determining: readonly Determining[];
}

/** Classes with at most this many resources are shown per resource when their answers differ. */
const SPLIT_PER_RESOURCE_UP_TO = 5;

/**
 * Decides principals × actions × resources of the store with the compiled engine. The request
 * context is built by the same function the scenarios use (requestContext), once per principal and
 * resource, and shared by every action on that resource.
 */
export function computeMatrix(store: PolicyStore, options: MatrixOptions = {}): { cells: MatrixCell[]; decisions: number } {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const classKey = options.classKey ?? 'environment';
  const actions = (options.actions ?? allMqActions()).map((a) => findAction(a)).filter((a) => a !== undefined);
  const names = options.principals ?? [...store.principals.keys()].sort();
  const targets: (StoredResource | '*')[] = ['*', ...store.resources.values()];
  const actionsOf = new Map(targets.map((t) => [t, actions.filter((a) => {
    const types = a.details?.resourceTypes.map((rt) => rt.name) ?? [];
    return t === '*' ? types.length === 0 : types.includes(t.kind === 'broker' ? 'brokers' : 'configurations');
  })]));
  const classOf = new Map(targets.map((t) => [t, t === '*' ? '*' : resourceClass(t, classKey)]));
  const classIds = new Map<string, number>();
  const classSize: number[] = [];
  for (const label of classOf.values()) {
    if (!classIds.has(label)) classIds.set(label, classIds.size);
    const id = classIds.get(label)!;
    classSize[id] = (classSize[id] ?? 0) + 1;
  }
  const labels = [...classIds.keys()];
  const actionIndex = new Map(actions.map((a, i) => [a.qualified, i]));
  const cells: MatrixCell[] = [];
  let decisions = 0;

  for (const name of names) {
    const principal = store.principals.get(name);
    if (!principal) continue;
    const compiled = compiledFor(policySetFor(store, principal, settings));
    // One tally per (action, class), in a flat array: the hot loop does no string keys.
    const tallies: (Tally | undefined)[] = new Array(actions.length * labels.length);
    for (const resource of targets) {
      const onResource = actionsOf.get(resource)!;
      if (onResource.length === 0) continue;
      const ctx = contextMap(requestContext(principal, { action: onResource[0]!.qualified, resource }, settings));
      const classId = classIds.get(classOf.get(resource)!)!;
      const resourceArn = resource === '*' ? '*' : resource.arn;
      for (const action of onResource) {
        const result = compiled.decide({ principal: principal.arn, action: action.qualified, resource: resourceArn, context: ctx.context, contextKeySpelling: ctx.spelling });
        decisions++;
        const slot = actionIndex.get(action.qualified)! * labels.length + classId;
        const tally = (tallies[slot] ??= new Tally(classSize[classId]! <= SPLIT_PER_RESOURCE_UP_TO));
        tally.add({ resource, outcome: result.kind === 'decision' ? result.decision : 'CannotDecide', determining: result.kind === 'decision' ? result.determining : [] });
      }
    }
    tallies.forEach((tally, slot) => {
      if (tally) cells.push(...summarise(name, actions[Math.floor(slot / labels.length)]!.qualified, labels[slot % labels.length]!, tally));
    });
    options.onProgress?.(decisions);
  }
  return { cells, decisions };
}

/** Answers for one (principal, action, class): counts and the first of each answer; every one only for small classes. */
class Tally {
  readonly firstOf = new Map<DecisionRecord['outcome'], Decided>();
  readonly counts = new Map<DecisionRecord['outcome'], number>();
  readonly all: Decided[] | undefined;
  total = 0;
  constructor(keepAll: boolean) {
    this.all = keepAll ? [] : undefined;
  }
  add(d: Decided): void {
    this.total++;
    if (!this.firstOf.has(d.outcome)) this.firstOf.set(d.outcome, d);
    this.counts.set(d.outcome, (this.counts.get(d.outcome) ?? 0) + 1);
    this.all?.push(d);
  }
}

/**
 * One cell when the class got one answer. Otherwise small classes are shown resource by resource,
 * and large ones as one cell per answer with the count (`brokers environment=dev [allowed: 3 of 12]`),
 * so a cell never claims more than was decided and the matrix stays bounded at organization scale.
 */
function summarise(principal: string, action: string, label: string, tally: Tally): MatrixCell[] {
  const arn = (r: StoredResource | '*'): string => (r === '*' ? '*' : r.arn);
  const cell = (resourceClass: string, d: Decided): MatrixCell => ({ principal, action, resourceClass, resource: arn(d.resource), outcome: d.outcome, determining: d.determining.map(recordedDetermining), assertedBy: [] });
  if (tally.firstOf.size === 1) return [cell(label, [...tally.firstOf.values()][0]!)];
  if (tally.all) return tally.all.map((d) => cell(`${label}: ${d.resource === '*' ? '*' : d.resource.name}`, d));
  return [...tally.firstOf.entries()].map(([outcome, d]) => cell(`${label} [${outcome}: ${tally.counts.get(outcome)} of ${tally.total}]`, d));
}
