import type { Policy, Statement } from '../model';
import type { PolicyStore, StoredPrincipal } from '../load/store-types';

/**
 * The edits between two revisions of a store, in units small enough to name the one that opened an
 * access: one statement changed, added or removed; one policy added, removed or re-versioned; one
 * principal's attachments or attributes changed.
 */
export type ChangeUnit =
  | StatementUnit
  | { readonly kind: 'policy-added' | 'policy-removed' | 'policy-changed'; readonly policy: string }
  | { readonly kind: 'principal-changed' | 'principal-added' | 'principal-removed'; readonly principal: string };

export interface StatementUnit {
  readonly kind: 'statement-changed' | 'statement-added' | 'statement-removed';
  readonly policy: string;
  readonly base?: Statement;
  readonly head?: Statement;
}

/** A statement's meaning as text (no locations), to tell changed statements from moved ones. */
export function statementText(s: Statement): string {
  return JSON.stringify({
    e: s.effect,
    a: [s.action.negated, s.action.patterns],
    r: [s.resource.negated, s.resource.patterns.map((p) => p.raw)],
    c: s.conditions.map((c) => [c.operator, c.keyLower, c.values.map((v) => v.raw)]),
  });
}

function principalText(p: StoredPrincipal): string {
  return JSON.stringify([p.arn, p.principalArn, p.userId, p.tags, p.identityPolicies, p.boundary ?? null, p.sessionPolicies, p.temporaryCredentials, p.mfa]);
}

const levelOf = (store: PolicyStore, name: string): number => store.scpLevels.findIndex((l) => l.policies.some((p) => p.name === name));

/** Pairs statements by Sid when every statement of both sides has a distinct one, else by position. */
function pairStatements(base: Policy, head: Policy): ChangeUnit[] {
  const sids = (p: Policy): string[] | undefined => {
    const s = p.statements.map((x) => x.sid);
    return s.every((x) => x !== undefined) && new Set(s).size === s.length ? (s as string[]) : undefined;
  };
  const out: ChangeUnit[] = [];
  const bs = sids(base);
  const hs = sids(head);
  const key = (p: Policy, s: Statement, bySid: boolean): string => (bySid ? `sid:${s.sid}` : `index:${s.index}`);
  const bySid = bs !== undefined && hs !== undefined;
  const baseMap = new Map(base.statements.map((s) => [key(base, s, bySid), s]));
  const headMap = new Map(head.statements.map((s) => [key(head, s, bySid), s]));
  for (const [k, b] of baseMap) {
    const h = headMap.get(k);
    if (!h) out.push({ kind: 'statement-removed', policy: base.name, base: b });
    else if (statementText(b) !== statementText(h)) out.push({ kind: 'statement-changed', policy: base.name, base: b, head: h });
  }
  for (const [k, h] of headMap) if (!baseMap.has(k)) out.push({ kind: 'statement-added', policy: head.name, head: h });
  return out;
}

export function storeChanges(base: PolicyStore, head: PolicyStore): ChangeUnit[] {
  const out: ChangeUnit[] = [];
  for (const [name, b] of base.policies) {
    const h = head.policies.get(name);
    if (!h) out.push({ kind: 'policy-removed', policy: name });
    else if (b.kind !== h.kind || b.version !== h.version || levelOf(base, name) !== levelOf(head, name)) out.push({ kind: 'policy-changed', policy: name });
    else out.push(...pairStatements(b, h));
  }
  for (const name of head.policies.keys()) if (!base.policies.has(name)) out.push({ kind: 'policy-added', policy: name });
  for (const [name, b] of base.principals) {
    const h = head.principals.get(name);
    if (!h) out.push({ kind: 'principal-removed', principal: name });
    else if (principalText(b) !== principalText(h)) out.push({ kind: 'principal-changed', principal: name });
  }
  for (const name of head.principals.keys()) if (!base.principals.has(name)) out.push({ kind: 'principal-added', principal: name });
  return out;
}

/** The base store with some of the units applied (taken from head). */
export function applyChanges(base: PolicyStore, head: PolicyStore, units: readonly ChangeUnit[]): PolicyStore {
  const policies = new Map(base.policies);
  const principals = new Map(base.principals);
  const moved = new Set<string>();
  for (const u of units) {
    if ('principal' in u) {
      const h = head.principals.get(u.principal);
      if (h) principals.set(u.principal, h);
      else principals.delete(u.principal);
    } else if (u.kind === 'policy-added' || u.kind === 'policy-removed' || u.kind === 'policy-changed') {
      const h = head.policies.get(u.policy);
      if (h) policies.set(u.policy, h);
      else policies.delete(u.policy);
      moved.add(u.policy);
    } else {
      const su = u as StatementUnit;
      const p = policies.get(u.policy);
      if (!p) continue;
      let statements = [...p.statements];
      if (su.kind === 'statement-added') statements.push(su.head!);
      else if (su.kind === 'statement-removed') statements = statements.filter((s) => s !== su.base);
      else statements = statements.map((s) => (s === su.base ? su.head! : s));
      policies.set(u.policy, { ...p, statements });
    }
  }
  const scpLevels = base.scpLevels.map((level, i) => ({
    name: level.name,
    policies: [
      ...level.policies.filter((p) => !moved.has(p.name) || levelOf(head, p.name) === i).map((p) => policies.get(p.name) ?? p),
      ...[...moved].filter((n) => levelOf(head, n) === i && !level.policies.some((p) => p.name === n)).flatMap((n) => (policies.get(n) ? [policies.get(n)!] : [])),
    ],
  }));
  return { ...base, policies, principals, scpLevels };
}

/** One line for a unit: `statement 2 (Sid X) of deny-production-changes changed`. */
export function changeText(u: ChangeUnit): string {
  if ('principal' in u) return `principal \`${u.principal}\` ${u.kind.replace('principal-', '')}`;
  if (u.kind === 'policy-added' || u.kind === 'policy-removed' || u.kind === 'policy-changed') return `policy \`${u.policy}\` ${u.kind.replace('policy-', '')}`;
  const s = (u as StatementUnit).head ?? (u as StatementUnit).base!;
  const where = `${s.source.file ?? u.policy}${s.source.line !== undefined ? `:${s.source.line}` : ''}`;
  return `${where} statement ${s.index}${s.sid !== undefined ? ` (Sid ${s.sid})` : ''} ${u.kind.replace('statement-', '')}`;
}
