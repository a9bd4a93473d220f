import type { PolicyStore } from '../load/store-types';
import { analyzeStore, type AnalyzeResult } from './analyze';
import { decideOn } from './decide';
import { holds } from './mutate';
import { placeOf, type Place } from './place';
import { buildClassSpace, classesOf, RequestCursor } from './request-classes';
import { analysedActions, sideOf, storeHints } from './sides';
import { admitsAction } from './action-match';

/**
 * An action a principal is allowed on every resource in every context, and the identity-policy Allow
 * statements that allow it in some class (one of them, or several together, grant it everywhere).
 */
export interface OverPermissiveGrant {
  readonly principal: string;
  readonly action: string;
  readonly statements: readonly Place[];
  /** Why the classes of this action are not exact for this principal; empty = exact. */
  readonly approximate: readonly string[];
}

/** What lint reports from the analysis: the verdicts, over the principals that hold the policies asked about. */
export interface StoreVerdicts {
  readonly result: AnalyzeResult;
  readonly grants: readonly OverPermissiveGrant[];
}

/** The principals whose verdicts decide those of the named policies' statements: their holders (all without names). */
export function principalsFor(store: PolicyStore, policies?: readonly string[]): string[] {
  const names = [...store.principals.keys()].sort();
  return policies ? names.filter((n) => policies.some((p) => holds(store, store.principals.get(n)!, p))) : names;
}

/**
 * The actions whose classes decide the verdicts of the named policies' statements: those some statement of them
 * admits (a statement's verdict is made of the actions it admits alone). All analysed actions without names.
 */
export function actionsFor(store: PolicyStore, policies?: readonly string[]): string[] {
  const all = analysedActions();
  if (!policies) return all;
  const blocks = policies.flatMap((n) => store.policies.get(n)?.statements.map((s) => s.action) ?? []);
  return all.filter((a) => blocks.some((b) => admitsAction(b, a.toLowerCase())));
}

/**
 * The analysis lint needs. With `policies`, only the principals that hold one of them and the actions their
 * statements admit are analysed: the verdicts of those statements depend on these alone, so they are the same as
 * in a run over the whole store (a statement no principal holds is dead either way).
 */
export function storeVerdicts(store: PolicyStore, options: { readonly policies?: readonly string[]; readonly actions?: readonly string[] } = {}): StoreVerdicts {
  const full = analyzeStore(store, { principals: principalsFor(store, options.policies), actions: options.actions ?? actionsFor(store, options.policies) });
  return verdictsFrom(store, full, options.policies);
}

/** Verdicts from an analysis over `principalsFor(store, policies)` (in process, or merged from worker shards). */
export function verdictsFrom(store: PolicyStore, full: AnalyzeResult, policies?: readonly string[]): StoreVerdicts {
  // Other policies' statements were judged over some of their holders only: leave them out.
  const asked = policies ? new Set(policies) : undefined;
  const result = asked ? { ...full, statements: full.statements.filter((s) => asked.has(s.policy)) } : full;
  return { result, grants: overPermissiveGrants(store, result) };
}

/** For each over-permissive action: the identity Allows that decide it, over every class of its space. */
export function overPermissiveGrants(store: PolicyStore, result: AnalyzeResult): OverPermissiveGrant[] {
  const hints = storeHints(store);
  const out: OverPermissiveGrant[] = [];
  for (const { principal: name, actions } of result.overPermissive) {
    const principal = store.principals.get(name);
    if (!principal) continue;
    const side = sideOf(store, principal);
    for (const action of actions) {
      const space = buildClassSpace(action, [side], hints);
      const cursor = new RequestCursor(space, side);
      const found = new Map<string, Place>();
      for (const c of classesOf(space)) {
        for (const d of decideOn(side, cursor.at(c.coords)).determining) {
          if (d.type !== 'statement' || d.statement.kind !== 'identity' || d.statement.effect !== 'Allow') continue;
          found.set(`${d.statement.policy}#${d.statement.statementIndex}`, placeOf(d));
        }
      }
      out.push({ principal: name, action, statements: [...found.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, p]) => p), approximate: [...space.approximate].sort() });
    }
  }
  return out;
}
