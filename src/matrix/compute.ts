import { catalogData, findAction } from '../catalog';
import { compilePolicySet, type CompiledPolicySet } from '../engine';
import type { PolicyStore, StoredPrincipal, StoredResource } from '../load/store-types';
// The harness's modules, not its index: that one loads the property laws (and fast-check) as well.
import { policySetFor } from '../harness/evaluate';
import { recordedDetermining } from '../harness/record';
import { requestContext } from '../harness/request-context';
import { DEFAULT_SETTINGS, type ScenarioSettings } from '../harness/scenario-settings';
import type { AuthorizationResult, ContextValue, DecisionRecord, Determining, Request } from '../model';
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

/** Context keys repeat across every request of a matrix: lower-case each spelling once. */
const lowerCased = new Map<string, string>();

function contextMap(record: Readonly<Record<string, ContextValue>>): { context: Map<string, ContextValue>; spelling: Map<string, string> } {
  const context = new Map<string, ContextValue>();
  const spelling = new Map<string, string>();
  for (const k in record) {
    let lower = lowerCased.get(k);
    if (lower === undefined) {
      lower = k.toLowerCase();
      if (lowerCased.size < 65536) lowerCased.set(k, lower);
    }
    context.set(lower, record[k]!);
    spelling.set(lower, k);
  }
  return { context, spelling };
}

/**
 * Principals with the same policies (the members of one group, with or without the same boundary) share one
 * compiled policy set, so what it learns about actions and answers carries over from one principal to the next.
 */
function sharedCompiler(store: PolicyStore, settings: ScenarioSettings): (principal: StoredPrincipal) => CompiledPolicySet {
  const compiled = new Map<string, CompiledPolicySet>();
  return (principal) => {
    const key = JSON.stringify([principal.identityPolicies, principal.boundary ?? null, principal.sessionPolicies]);
    let c = compiled.get(key);
    if (!c) compiled.set(key, (c = compilePolicySet(policySetFor(store, principal, settings))));
    return c;
  };
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
 * kind of resource (see contextFor), and shared by every action on it. A resource whose context and
 * resource signature (everything the compiled set reads of its ARN) equal an earlier one's gets that
 * one's answers: the engine is a pure function of those inputs. `decisions` counts every answer given,
 * `evaluated` the ones the engine computed.
 */
export function computeMatrix(store: PolicyStore, options: MatrixOptions = {}): { cells: MatrixCell[]; decisions: number; evaluated: number } {
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
  let evaluated = 0;
  const compiledFor = sharedCompiler(store, settings);
  const signatureTables = new WeakMap<CompiledPolicySet, Map<StoredResource | '*', string | undefined>>();
  const signaturesOf = (compiled: CompiledPolicySet) => {
    let table = signatureTables.get(compiled);
    if (!table) signatureTables.set(compiled, (table = new Map()));
    return (resource: StoredResource | '*'): string | undefined => {
      if (table!.has(resource)) return table!.get(resource);
      const s = compiled.resourceSignature(resource === '*' ? '*' : resource.arn);
      table!.set(resource, s);
      return s;
    };
  };

  const actionSlots = new Map(targets.map((t) => [t, actionsOf.get(t)!.map((a) => actionIndex.get(a.qualified)! * labels.length)]));
  const classIdOf = new Map(targets.map((t) => [t, classIds.get(classOf.get(t)!)!]));
  const contextKeyOf = new Map(targets.map((t) => [t, contextKey(t)]));

  for (const name of names) {
    const principal = store.principals.get(name);
    if (!principal) continue;
    const compiled = compiledFor(principal);
    // One tally per (action, class), in a flat array: the hot loop does no string keys.
    const tallies: (Tally | undefined)[] = new Array(actions.length * labels.length);
    const contexts = new Map<string, ReturnType<typeof contextMap>>();
    const signatures = signaturesOf(compiled);
    // Answers per (context, resource signature): the same question for another resource of the same kind.
    const answered = new Map<string, AuthorizationResult[]>();
    for (const resource of targets) {
      const onResource = actionsOf.get(resource)!;
      if (onResource.length === 0) continue;
      const contextKey = contextKeyOf.get(resource)!;
      const classId = classIdOf.get(resource)!;
      const slots = actionSlots.get(resource)!;
      const keepAll = classSize[classId]! <= SPLIT_PER_RESOURCE_UP_TO;
      const signature = signatures(resource);
      const questionKey = signature === undefined ? undefined : `${contextKey}\u0000${signature}`;
      let results = questionKey === undefined ? undefined : answered.get(questionKey);
      if (!results) {
        const ctx = contextFor(contexts, contextKey, principal, onResource[0]!.qualified, resource, settings);
        // One request object per resource; only its action changes (decide keeps no reference to it).
        const request: { -readonly [K in keyof Request]: Request[K] } = { principal: principal.arn, action: '', resource: resource === '*' ? '*' : resource.arn, context: ctx.context, contextKeySpelling: ctx.spelling };
        results = onResource.map((a) => {
          request.action = a.qualified;
          return compiled.decide(request);
        });
        evaluated += results.length;
        if (questionKey !== undefined && answered.size < 65536) answered.set(questionKey, results);
      }
      for (let i = 0; i < onResource.length; i++) {
        const result = results[i]!;
        decisions++;
        const tally = (tallies[slots[i]! + classId] ??= new Tally(keepAll));
        if (result.kind === 'decision') tally.add(resource, result.decision, result.determining);
        else tally.add(resource, 'CannotDecide', NO_DETERMINING);
      }
    }
    tallies.forEach((tally, slot) => {
      if (tally) cells.push(...summarise(name, actions[Math.floor(slot / labels.length)]!.qualified, labels[slot % labels.length]!, tally));
    });
    options.onProgress?.(decisions);
  }
  return { cells, decisions, evaluated };
}

const NO_DETERMINING: readonly Determining[] = [];

/**
 * The context of one principal's requests on one resource, built by requestContext (the scenarios'
 * function) and shared by every resource it would be built alike for. requestContext reads a stored
 * resource only through its region, account and tags (and the action, which follows from its kind), so
 * resources equal in those get the same context: an organization of 1,000 brokers has a few hundred.
 */
function contextFor(cache: Map<string, ReturnType<typeof contextMap>>, key: string, principal: StoredPrincipal, action: string, resource: StoredResource | '*', settings: ScenarioSettings): ReturnType<typeof contextMap> {
  let ctx = cache.get(key);
  if (!ctx) cache.set(key, (ctx = contextMap(requestContext(principal, { action, resource }, settings))));
  return ctx;
}

/**
 * The compiled engine returns the same Decision (and so the same determining entries) for equal answers:
 * their recorded form is built once and shared by every cell that shows it, which keeps an
 * organization-sized matrix small in memory.
 */
const recorded = new WeakMap<Determining, ReturnType<typeof recordedDetermining>>();
function recordedOnce(d: Determining): ReturnType<typeof recordedDetermining> {
  let r = recorded.get(d);
  if (!r) recorded.set(d, (r = recordedDetermining(d)));
  return r;
}

/** What requestContext reads of a resource (tags in their order: the context keeps insertion order). */
function contextKey(resource: StoredResource | '*'): string {
  return resource === '*' ? '*' : JSON.stringify([resource.kind, resource.region, resource.account, Object.entries(resource.tags)]);
}

/** Answers for one (principal, action, class): counts and the first of each answer; every one only for small classes. */
class Tally {
  readonly firstOf = new Map<DecisionRecord['outcome'], Decided>();
  readonly all: Decided[] | undefined;
  total = 0;
  constructor(keepAll: boolean) {
    this.all = keepAll ? [] : undefined;
  }
  add(resource: StoredResource | '*', outcome: DecisionRecord['outcome'], determining: readonly Determining[]): void {
    this.total++;
    const first = !this.firstOf.has(outcome);
    if (first || this.all) {
      const d: Decided = { resource, outcome, determining };
      if (first) this.firstOf.set(outcome, d);
      this.all?.push(d);
    }
    if (outcome === this.lastOutcome) this.lastCount++;
    else {
      this.flush();
      this.lastOutcome = outcome;
      this.lastCount = 1;
    }
  }

  /** Counts per answer; runs of one answer (the usual case) are counted without a map update each. */
  get counts(): ReadonlyMap<DecisionRecord['outcome'], number> {
    this.flush();
    return this.countsByOutcome;
  }

  private readonly countsByOutcome = new Map<DecisionRecord['outcome'], number>();
  private lastOutcome: DecisionRecord['outcome'] | undefined;
  private lastCount = 0;

  private flush(): void {
    if (this.lastOutcome === undefined) return;
    this.countsByOutcome.set(this.lastOutcome, (this.countsByOutcome.get(this.lastOutcome) ?? 0) + this.lastCount);
    this.lastOutcome = undefined;
    this.lastCount = 0;
  }
}

/**
 * One cell when the class got one answer. Otherwise small classes are shown resource by resource,
 * and large ones as one cell per answer with the count (`brokers environment=dev [allowed: 3 of 12]`),
 * so a cell never claims more than was decided and the matrix stays bounded at organization scale.
 */
function summarise(principal: string, action: string, label: string, tally: Tally): MatrixCell[] {
  const arn = (r: StoredResource | '*'): string => (r === '*' ? '*' : r.arn);
  const cell = (resourceClass: string, d: Decided): MatrixCell => ({ principal, action, resourceClass, resource: arn(d.resource), outcome: d.outcome, determining: d.determining.map(recordedOnce), assertedBy: [] });
  if (tally.firstOf.size === 1) return [cell(label, [...tally.firstOf.values()][0]!)];
  if (tally.all) return tally.all.map((d) => cell(`${label}: ${d.resource === '*' ? '*' : d.resource.name}`, d));
  return [...tally.firstOf.entries()].map(([outcome, d]) => cell(`${label} [${outcome}: ${tally.counts.get(outcome)} of ${tally.total}]`, d));
}
