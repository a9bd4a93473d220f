import type { AuthorizationResult, ContextValue, DecisionRecord, Policy, Request } from '../model';
import { compiledFor } from '../engine';
import type { PolicyStore, StoredPrincipal } from '../load/store-types';
// The harness's modules, not its index: that one loads the property laws (and fast-check) as well.
import type { Evaluation } from '../harness/evaluate';
import { meets, parseExpectation, type Expectation } from '../harness/expectation';
import { admitsAction } from './action-match';
import { decideOn, type Outcome } from './decide';
import type { ConcreteRequest } from './diff';
import { mutantsOf, type Mutant, type MutationOperator } from './mutants';
import { buildClassSpace, classesOf, contextRecord, representative, RequestCursor, type Side } from './request-classes';
import { analysedActions, sideOf, storeHints } from './sides';

/** One expectation of the last `mq-policy test` run, as recorded in its decision attachments. */
export interface RecordedExpectation {
  readonly record: DecisionRecord;
  /** Where it was asserted (`features/x.feature:12 Scenario name`). */
  readonly scenario: string;
}

export type MutantStatus = 'killed' | 'equivalent' | 'surviving';

export interface MutantResult {
  readonly id: string;
  readonly operator: MutationOperator;
  readonly description: string;
  readonly policy: string;
  readonly file?: string;
  readonly line?: number;
  readonly statementIndex: number;
  readonly sid?: string;
  readonly status: MutantStatus;
  /** Killed: the first expectation that fails under the mutant. */
  readonly killedBy?: string;
  /** Surviving: one request whose decision the mutant changes (a scenario to add). */
  readonly request?: ConcreteRequest & { readonly principalName: string; readonly before: Outcome; readonly after: Outcome };
  readonly approximate: readonly string[];
}

export interface MutationReport {
  readonly mutants: readonly MutantResult[];
  readonly killed: number;
  readonly surviving: number;
  readonly equivalent: number;
  /** killed / (killed + surviving), in percent; 100 when every mutant is equivalent. */
  readonly score: number;
  /** Expectations re-decided for every mutant. */
  readonly expectations: number;
  /** Recorded expectations that do not reproduce on the unmutated store (a replaced policy, a store changed since the run). */
  readonly unreplayable: readonly string[];
}

interface Replay {
  readonly principal: StoredPrincipal;
  readonly request: Request;
  readonly expectation: Expectation;
  readonly label: string;
}

function requestOf(record: DecisionRecord): Request {
  const context = new Map<string, ContextValue>();
  const spelling = new Map<string, string>();
  for (const [k, v] of Object.entries(record.context)) {
    context.set(k.toLowerCase(), v);
    spelling.set(k.toLowerCase(), k);
  }
  return { principal: record.principalArn, action: record.action, resource: record.resource, context, contextKeySpelling: spelling };
}

/** The store with one policy replaced (SCP levels included). */
export function withPolicy(store: PolicyStore, policy: Policy): PolicyStore {
  const policies = new Map(store.policies).set(policy.name, policy);
  const scpLevels = store.scpLevels.map((l) => ({ name: l.name, policies: l.policies.map((p) => (p.name === policy.name ? policy : p)) }));
  return { ...store, policies, scpLevels };
}

/** True when the principal's policy set includes the named policy (identity, boundary, session, or any SCP). */
export const holds = (store: PolicyStore, p: StoredPrincipal, name: string): boolean =>
  p.identityPolicies.includes(name) || p.boundary === name || p.sessionPolicies.includes(name) || store.scpLevels.some((l) => l.policies.some((x) => x.name === name));

function met(side: Side, replay: Replay): boolean {
  const result = compiledDecision(side, replay.request);
  return meets({ result } as unknown as Evaluation, replay.expectation);
}

const compiledDecision = (side: Side, request: Request): AuthorizationResult => compiledFor(side.policies).decide(request);

export interface MutateOptions {
  /** Only these policies are mutated (default: every policy some principal holds). */
  readonly policies?: readonly string[];
}

/**
 * Applies every mutation operator to the store's policies and, for each mutant, re-decides every
 * recorded expectation in process with the compiled engine. A mutant is killed when one fails,
 * equivalent when it changes no decision over the request classes of the principals holding the
 * policy, surviving otherwise (with one request it changes).
 */
export function mutateStore(store: PolicyStore, expectations: readonly RecordedExpectation[], options: MutateOptions = {}): MutationReport {
  const unreplayable: string[] = [];
  const replays: Replay[] = [];
  const sides = new Map<string, Side>();
  for (const p of store.principals.values()) sides.set(p.name, sideOf(store, p));
  for (const { record, scenario } of expectations) {
    if (record.expected === undefined) continue;
    const principal = store.principals.get(record.principal);
    const label = `${scenario}: ${record.principal} ${record.action} on ${record.resourceName ?? record.resource} is ${record.expected}`;
    if (!principal) {
      unreplayable.push(`${label} (no principal \`${record.principal}\` in the store)`);
      continue;
    }
    let expectation: Expectation;
    try {
      expectation = parseExpectation(store, record.expected);
    } catch (err) {
      unreplayable.push(`${label} (${err instanceof Error ? err.message : String(err)})`);
      continue;
    }
    const replay: Replay = { principal, request: requestOf(record), expectation, label };
    // Only what reproduces on the store as it is can tell a mutant apart (a scenario may swap a policy).
    if (!met(sides.get(principal.name)!, replay)) {
      unreplayable.push(`${label} (does not hold on the store as it is)`);
      continue;
    }
    replays.push(replay);
  }
  const held = new Set([...store.policies.keys()].filter((name) => [...store.principals.values()].some((p) => holds(store, p, name))));
  const targets = options.policies ?? [...held].sort();
  const hints = storeHints(store);
  const results: MutantResult[] = [];
  for (const name of targets) {
    const policy = store.policies.get(name);
    if (!policy) continue;
    for (const mutant of mutantsOf(policy)) results.push(judge(store, mutant, replays, sides, hints));
  }
  const killed = results.filter((r) => r.status === 'killed').length;
  const surviving = results.filter((r) => r.status === 'surviving').length;
  const equivalent = results.length - killed - surviving;
  return { mutants: results, killed, surviving, equivalent, score: killed + surviving === 0 ? 100 : (100 * killed) / (killed + surviving), expectations: replays.length, unreplayable };
}

function judge(store: PolicyStore, mutant: Mutant, replays: readonly Replay[], sides: ReadonlyMap<string, Side>, hints: ReturnType<typeof storeHints>): MutantResult {
  const base = {
    id: mutant.id,
    operator: mutant.operator,
    description: mutant.description,
    policy: mutant.policy,
    ...(mutant.file !== undefined ? { file: mutant.file } : {}),
    ...(mutant.line !== undefined ? { line: mutant.line } : {}),
    statementIndex: mutant.statementIndex,
    ...(mutant.sid !== undefined ? { sid: mutant.sid } : {}),
  };
  const mutantStore = withPolicy(store, mutant.mutated);
  const holders = [...store.principals.values()].filter((p) => holds(store, p, mutant.policy)).sort((a, b) => a.name.localeCompare(b.name));
  const mutantSides = new Map(holders.map((p) => [p.name, sideOf(mutantStore, p)]));
  for (const r of replays) {
    const side = mutantSides.get(r.principal.name);
    if (side && !met(side, r)) return { ...base, status: 'killed', killedBy: r.label, approximate: [] };
  }
  // Not killed: does it change any decision at all? Only actions a changed statement admits can differ.
  const statements = [...mutant.original.statements, ...mutant.mutated.statements];
  const changed = mutant.operator === 'change-version' ? statements : statements.filter((s) => s.index === mutant.statementIndex);
  const actions = analysedActions().filter((a) => changed.some((s) => admitsAction(s.action, a.toLowerCase())));
  const notes = new Set<string>();
  for (const p of holders) {
    const before = sides.get(p.name)!;
    const after = mutantSides.get(p.name)!;
    for (const action of actions) {
      const space = buildClassSpace(action, [before, after], hints);
      space.approximate.forEach((n) => notes.add(n));
      const cb = new RequestCursor(space, before);
      const ca = new RequestCursor(space, after);
      for (const c of classesOf(space)) {
        const db = decideOn(before, cb.at(c.coords)).outcome;
        const da = decideOn(after, ca.at(c.coords)).outcome;
        if (db !== da) {
          const rb = representative(space, c.coords, before);
          return { ...base, status: 'surviving', request: { principal: rb.principal, action, resource: rb.resource, context: contextRecord(rb), principalName: p.name, before: db, after: da }, approximate: space.approximate };
        }
      }
    }
  }
  return { ...base, status: 'equivalent', approximate: [...notes].sort() };
}
