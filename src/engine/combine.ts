import type { AuthorizationResult, CannotDecide, CrossAccount, DecisionKind, Determining, LayerResult, PolicyKind, StatementRef } from '../model';
import type { PrincipalKind } from './principal';

/** Which layers apply to a caller, in AWS's evaluation order (E3), and the notes that say why. */
export interface LayerPlan<L> {
  readonly layers: readonly L[];
  readonly notes: readonly string[];
  readonly federatedWithoutSession: boolean;
}

export function planLayers<L>(kind: PrincipalKind | undefined, scp: readonly L[], identity: L, boundary: L | undefined, session: L | undefined): LayerPlan<L> {
  const layers: L[] = [];
  const notes: string[] = [];
  if (scp.length > 0) {
    if (kind !== 'service-linked-role') layers.push(...scp);
    else notes.push('SCPs do not restrict service-linked roles (E3d); the SCP layer was skipped');
  }
  if (kind === 'root') notes.push('the root user is not limited by identity-based policies; only SCPs apply (E3c)');
  else layers.push(identity);
  if (boundary) layers.push(boundary);
  if (session) layers.push(session);
  const federatedWithoutSession = kind === 'federated-user' && !session;
  if (federatedWithoutSession) notes.push('a federated-user session without session policies has no permissions for services without resource-based policies (E3b)');
  return { layers, notes, federatedWithoutSession };
}

/** Applicable statements of one layer, split by effect, plus those whose applicability is unknown. */
export interface LayerHits {
  readonly layer: LayerIdentity;
  readonly allows: readonly StatementDetermining[];
  readonly denies: readonly StatementDetermining[];
  readonly unknownAllows: readonly CannotDecide[];
  readonly unknownDenies: readonly CannotDecide[];
}

export interface LayerIdentity {
  readonly kind: PolicyKind;
  readonly level?: number;
  /** The four possible LayerResults (index: allows + 2·denies), prepared once by callers that decide often. */
  readonly results?: readonly LayerResult[];
}

export type StatementDetermining = Extract<Determining, { type: 'statement' }>;

export function determiningOf(statement: StatementRef): StatementDetermining {
  return { type: 'statement', statement };
}

/** The four LayerResult values a layer can produce, so hot paths do not allocate them. */
export function layerResults(kind: PolicyKind, level: number | undefined): LayerResult[] {
  return [0, 1, 2, 3].map((i) => ({ layer: kind, ...(level !== undefined ? { level } : {}), allows: (i & 1) === 1, denies: (i & 2) === 2 }));
}

export interface Combined {
  readonly decision: DecisionKind;
  readonly determining: readonly Determining[];
  readonly layers: readonly LayerResult[];
}

/**
 * The only place outcomes are combined (E3): a Deny anywhere wins; otherwise every layer must
 * allow; otherwise an implicit deny naming the layers that did not. A cross-account request (E0)
 * is never allowed: the resource account would have to allow it too. `unknownApplies` decides as if
 * every statement of unknown applicability applied (or, when false, none did).
 */
export function combine(hits: readonly LayerHits[], unknownApplies: boolean, federatedWithoutSession: boolean, crossAccount?: CrossAccount): Combined {
  const layers: LayerResult[] = [];
  let anyDeny = false;
  for (const h of hits) {
    const allows = h.allows.length > 0 || (unknownApplies && h.unknownAllows.length > 0);
    const denies = h.denies.length > 0 || (unknownApplies && h.unknownDenies.length > 0);
    anyDeny ||= denies;
    const index = (allows ? 1 : 0) + (denies ? 2 : 0);
    layers.push(h.layer.results?.[index] ?? { layer: h.layer.kind, ...(h.layer.level !== undefined ? { level: h.layer.level } : {}), allows, denies });
  }
  if (anyDeny) return { decision: 'ExplicitDeny', determining: concat(hits, 'denies'), layers };
  const failing: Determining[] = [];
  if (crossAccount) failing.push({ type: 'cross-account', crossAccount });
  if (federatedWithoutSession) failing.push({ type: 'layer', layer: 'session', note: 'federated user without session policies' });
  for (const l of layers) if (!l.allows) failing.push({ type: 'layer', layer: l.layer, ...(l.level !== undefined ? { level: l.level } : {}) });
  if (failing.length > 0) return { decision: 'ImplicitDeny', determining: failing, layers };
  // The identity policies grant; guardrails only permit. Name the grant first.
  const identityFirst = [...hits.filter((h) => h.layer.kind === 'identity'), ...hits.filter((h) => h.layer.kind !== 'identity')];
  return { decision: 'Allowed', determining: concat(identityFirst, 'allows'), layers };
}

function concat(hits: readonly LayerHits[], which: 'allows' | 'denies'): StatementDetermining[] {
  const out: StatementDetermining[] = [];
  for (const h of hits) for (const d of h[which]) out.push(d);
  return out;
}

export function hasUnknown(hits: readonly LayerHits[]): boolean {
  for (const h of hits) if (h.unknownAllows.length > 0 || h.unknownDenies.length > 0) return true;
  return false;
}

/**
 * Decides with unknown statements applying and not applying; equal answers mean they cannot matter.
 * A cross-account request to a service that may have resource-based policies is decided only when
 * the caller's own side denies explicitly: the resource side is not modelled, so it is never guessed.
 */
export function decideWithUnknowns(hits: readonly LayerHits[], plan: LayerPlan<unknown>, missingContextKeys: readonly string[], crossAccount?: CrossAccount): AuthorizationResult {
  const lower = combine(hits, false, plan.federatedWithoutSession, crossAccount);
  const unknown = hasUnknown(hits);
  if (unknown && combine(hits, true, plan.federatedWithoutSession, crossAccount).decision !== lower.decision) {
    return hits.flatMap((h) => [...h.unknownDenies, ...h.unknownAllows])[0]!;
  }
  if (crossAccount?.resourcePolicies && lower.decision !== 'ExplicitDeny') return unmodelledCrossAccount(crossAccount);
  return {
    kind: 'decision',
    decision: lower.decision,
    determining: lower.determining,
    layers: lower.layers,
    missingContextKeys,
    notes: unknown ? [...plan.notes, 'some statements could not be evaluated, but they cannot change this decision'] : plan.notes,
  };
}

function unmodelledCrossAccount(c: CrossAccount): CannotDecide {
  return {
    kind: 'cannot-decide',
    code: 'unsupported-feature',
    message: `cross-account request: a principal of account ${c.principalAccount} calls \`${c.service}\` on a resource of account ${c.resourceAccount}; only a resource-based policy (or resource share) of ${c.resourceAccount} could allow it, and the harness does not model those`,
  };
}
