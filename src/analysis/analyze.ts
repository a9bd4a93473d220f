import type { Policy, PolicyKind, Statement } from '../model';
import type { PolicyStore } from '../load/store-types';
import type { PolicySet } from '../engine';
import { admitsAction } from './action-match';
import { decideOn } from './decide';
import { contextRecord, buildClassSpace, classesOf, representative, RequestCursor } from './request-classes';
import { analysedActions, sideOf, storeHints } from './sides';
import type { ConcreteRequest } from './diff';
import { placeOf, placeText } from './place';
import { unanalysedActionsOf } from './analysed-scope';

/**
 * What every stored statement does over every request class of every principal that holds it:
 * - dead: it applies to no request of any holder (it can never matter);
 * - shadowed: an Allow that applies somewhere, but every request it applies to is denied by a Deny or
 *   a guardrail (named);
 * - redundant: removing it changes no decision of any holder;
 * - outside-analysis: held, decides no analysed request, but admits actions the analysis does not decide (a
 *   service the catalog does not describe in full), so it may matter there: not judged;
 * and per principal the over-permissive actions, allowed in every class (any resource, any context).
 */
export type StatementVerdict = 'dead' | 'shadowed' | 'redundant' | 'decisive' | 'outside-analysis';

export interface StatementAnalysis {
  readonly policy: string;
  readonly kind: PolicyKind;
  readonly file?: string;
  readonly line?: number;
  readonly statementIndex: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly verdict: StatementVerdict;
  /** Principals that hold it (through their identity policies, boundary, session policies or SCPs). */
  readonly holders: readonly string[];
  /** Shadowed: what denies every request it would allow. */
  readonly shadowedBy?: readonly string[];
  /** Decisive: one request where removing it changes the decision. */
  readonly example?: ConcreteRequest & { readonly principalName: string; readonly with: string; readonly without: string };
  readonly approximate: readonly string[];
  /** Outside-analysis: some of the actions it admits that the analysis does not decide. */
  readonly unanalysed?: readonly string[];
}

export interface OverPermissive {
  readonly principal: string;
  readonly actions: readonly string[];
}

export interface AnalyzeResult {
  readonly principals: readonly string[];
  readonly classes: number;
  readonly statements: readonly StatementAnalysis[];
  readonly overPermissive: readonly OverPermissive[];
}

interface Located {
  readonly policy: Policy;
  readonly statement: Statement;
}

const statementKey = (p: Policy, s: Statement): string => `${p.kind}:${p.name}#${s.index}`;

function policiesOf(set: PolicySet): Policy[] {
  return [...(set.scp ?? []).flat(), ...set.identity, ...(set.boundary ?? []), ...(set.session ?? [])];
}

/** The set with one statement removed (the policy object replaced, so compiled forms stay apart). */
function without(set: PolicySet, target: Policy, statement: Statement): PolicySet {
  const swap = (p: Policy): Policy => (p === target ? { ...p, statements: p.statements.filter((s) => s !== statement) } : p);
  return {
    identity: set.identity.map(swap),
    ...(set.boundary ? { boundary: set.boundary.map(swap) } : {}),
    ...(set.scp ? { scp: set.scp.map((l) => l.map(swap)) } : {}),
    ...(set.session ? { session: set.session.map(swap) } : {}),
  };
}

/** A set in which only this statement counts, as an Allow: Allowed exactly when it applies. */
function alone(policy: Policy, statement: Statement): PolicySet {
  return { identity: [{ ...policy, kind: 'identity', statements: [{ ...statement, effect: 'Allow' }] }] };
}

export interface AnalyzeOptions {
  readonly principals?: readonly string[];
  readonly actions?: readonly string[];
}

export function analyzeStore(store: PolicyStore, options: AnalyzeOptions = {}): AnalyzeResult {
  const principals = options.principals ?? [...store.principals.keys()].sort();
  const actions = options.actions ?? analysedActions();
  const hints = storeHints(store);
  const applies = new Set<string>();
  const decisive = new Map<string, StatementAnalysis['example']>();
  const allowedUndenied = new Set<string>();
  const denials = new Map<string, Set<string>>();
  const holders = new Map<string, Set<string>>();
  const notes = new Map<string, Set<string>>();
  const located = new Map<string, Located>();
  const overPermissive: OverPermissive[] = [];
  let classes = 0;

  for (const name of principals) {
    const principal = store.principals.get(name);
    if (!principal) continue;
    const side = sideOf(store, principal);
    const open: string[] = [];
    const held = policiesOf(side.policies).flatMap((policy) => policy.statements.map((statement) => ({ policy, statement })));
    for (const l of held) {
      const key = statementKey(l.policy, l.statement);
      located.set(key, l);
      (holders.get(key) ?? holders.set(key, new Set()).get(key)!).add(name);
    }
    // Compiled once per principal and statement: the statement alone (does it apply?) and the set without it.
    const variants = held.map((l) => ({ ...l, key: statementKey(l.policy, l.statement), alone: { ...side, policies: alone(l.policy, l.statement) }, without: { ...side, policies: without(side.policies, l.policy, l.statement) } }));
    for (const action of actions) {
      const actionLower = action.toLowerCase();
      const space = buildClassSpace(action, [side], hints);
      const reduced = variants.filter((l) => admitsAction(l.statement.action, actionLower));
      let everywhere = true;
      let allowedSomewhere = false;
      const cursor = new RequestCursor(space, side);
      for (const c of classesOf(space)) {
        classes++;
        const request = cursor.at(c.coords);
        const full = decideOn(side, request);
        // A resource of another account is denied for want of a resource-based policy (Amazon MQ has none), whatever
        // the principal's policies say: it does not make an action less open.
        const crossAccountOnly = full.outcome === 'ImplicitDeny' && full.determining.length > 0 && full.determining.every((d) => d.type === 'cross-account');
        if (full.outcome !== 'Allowed' && !crossAccountOnly) everywhere = false;
        else if (full.outcome === 'Allowed') allowedSomewhere = true;
        for (const r of reduced) {
          (notes.get(r.key) ?? notes.set(r.key, new Set()).get(r.key)!);
          for (const n of space.approximate) notes.get(r.key)!.add(n);
          const applied = decideOn(r.alone, request).outcome === 'Allowed';
          if (!applied) continue;
          applies.add(r.key);
          if (r.statement.effect === 'Allow') {
            if (full.outcome === 'Allowed') allowedUndenied.add(r.key);
            else {
              const by = denials.get(r.key) ?? new Set<string>();
              for (const d of full.determining) by.add(placeText(placeOf(d)));
              denials.set(r.key, by);
            }
          }
          if (!decisive.has(r.key)) {
            const other = decideOn(r.without, request);
            if (other.outcome !== full.outcome) {
              const shown = representative(space, c.coords, side);
              decisive.set(r.key, { principal: shown.principal, action: shown.action, resource: shown.resource, context: contextRecord(shown), principalName: name, with: full.outcome, without: other.outcome });
            }
          }
        }
      }
      if (everywhere && allowedSomewhere) open.push(action);
    }
    if (open.length > 0) overPermissive.push({ principal: name, actions: open });
  }

  const statements: StatementAnalysis[] = [];
  const all = new Map<string, Located>(located);
  for (const policy of store.policies.values()) for (const statement of policy.statements) if (!all.has(statementKey(policy, statement))) all.set(statementKey(policy, statement), { policy, statement });
  const analysed = new Set(actions.map((a) => a.toLowerCase()));
  for (const [key, { policy, statement }] of [...all].sort(([a], [b]) => a.localeCompare(b))) {
    const example = decisive.get(key);
    // A held statement that also admits actions no class covers may decide requests the analysis never saw.
    const unanalysed = !example && holders.has(key) ? unanalysedActionsOf(statement.action, analysed) : [];
    const verdict: StatementVerdict = example ? 'decisive' : unanalysed.length > 0 ? 'outside-analysis' : !applies.has(key) ? 'dead' : statement.effect === 'Allow' && !allowedUndenied.has(key) ? 'shadowed' : 'redundant';
    statements.push({
      policy: policy.name,
      kind: policy.kind,
      ...(statement.source.file !== undefined ? { file: statement.source.file } : {}),
      ...(statement.source.line !== undefined ? { line: statement.source.line } : {}),
      statementIndex: statement.index,
      ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
      effect: statement.effect,
      verdict,
      holders: [...(holders.get(key) ?? [])].sort(),
      ...(verdict === 'shadowed' ? { shadowedBy: [...(denials.get(key) ?? [])].sort() } : {}),
      ...(example ? { example } : {}),
      approximate: [...(notes.get(key) ?? [])].sort(),
      ...(verdict === 'outside-analysis' ? { unanalysed } : {}),
    });
  }
  return { principals, classes, statements, overPermissive };
}

/** Joins shards: a statement is dead only if dead for every shard's holders, decisive if decisive in one. */
export function mergeAnalyses(parts: readonly AnalyzeResult[]): AnalyzeResult {
  const rank: Record<StatementVerdict, number> = { dead: 0, shadowed: 1, redundant: 2, 'outside-analysis': 3, decisive: 4 };
  const byKey = new Map<string, StatementAnalysis>();
  for (const part of parts) {
    for (const s of part.statements) {
      const key = `${s.kind}:${s.policy}#${s.statementIndex}`;
      const prev = byKey.get(key);
      if (!prev) {
        byKey.set(key, s);
        continue;
      }
      const holders = [...new Set([...prev.holders, ...s.holders])].sort();
      const approximate = [...new Set([...prev.approximate, ...s.approximate])].sort();
      // Decisive for some holder beats not judged (outside-analysis) beats allowed-somewhere (redundant) beats
      // always-denied (shadowed) beats dead.
      const verdict: StatementVerdict = rank[s.verdict] > rank[prev.verdict] ? s.verdict : prev.verdict;
      // The unsharded run keeps the example of the first principal (sorted) where the statement is decisive.
      const example = [prev.example, s.example].filter((e) => e !== undefined).sort((a, b) => a!.principalName.localeCompare(b!.principalName))[0];
      const shadowedBy = verdict === 'shadowed' ? [...new Set([...(prev.shadowedBy ?? []), ...(s.shadowedBy ?? [])])].sort() : undefined;
      const unanalysed = verdict === 'outside-analysis' ? (prev.unanalysed ?? s.unanalysed) : undefined;
      const { example: _e, shadowedBy: _s, unanalysed: _u, ...rest } = prev;
      byKey.set(key, { ...rest, verdict, holders, approximate, ...(verdict === 'decisive' && example ? { example } : {}), ...(shadowedBy ? { shadowedBy } : {}), ...(unanalysed ? { unanalysed } : {}) });
    }
  }
  return {
    principals: parts.flatMap((p) => p.principals).sort(),
    classes: parts.reduce((n, p) => n + p.classes, 0),
    statements: [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, s]) => s),
    overPermissive: parts.flatMap((p) => p.overPermissive).sort((a, b) => a.principal.localeCompare(b.principal)),
  };
}
