import type {
  AuthorizationResult,
  CannotDecide,
  Determining,
  LayerResult,
  Policy,
  PolicyKind,
  Request,
  StatementOutcome,
  StatementRef,
} from '../model';
import { evaluateStatement } from './evaluate-statement';
import { principalKind } from './principal';

/** The policies in force for one request, grouped by layer. */
export interface PolicySet {
  readonly identity: readonly Policy[];
  /** Permissions boundary; absent or empty = no boundary. */
  readonly boundary?: readonly Policy[];
  /** SCP levels, root first; each level needs an Allow. Absent or empty = SCPs not in scope. */
  readonly scp?: readonly (readonly Policy[])[];
  /** Session policies; absent or empty = none. */
  readonly session?: readonly Policy[];
}

export interface AuthorizeOptions {
  /** Build the outcome of every statement (for explanations and coverage). */
  readonly explain?: boolean;
}

interface Layer {
  readonly kind: PolicyKind;
  readonly level?: number;
  readonly policies: readonly Policy[];
}

/** Applicable statements of one layer, split by effect, plus those whose applicability is unknown. */
interface LayerHits {
  readonly layer: Layer;
  readonly allows: StatementRef[];
  readonly denies: StatementRef[];
  readonly unknownAllows: CannotDecide[];
  readonly unknownDenies: CannotDecide[];
}

function refOf(policy: Policy, index: number, layer: Layer): StatementRef {
  const s = policy.statements[index]!;
  return {
    policy: policy.name,
    kind: policy.kind,
    ...(layer.level !== undefined ? { level: layer.level } : {}),
    statementIndex: s.index,
    ...(s.sid !== undefined ? { sid: s.sid } : {}),
    effect: s.effect,
    source: s.source,
  };
}

/**
 * Decides a request the way AWS IAM does for an identity-based, same-account request (E3):
 * an applicable Deny anywhere wins; otherwise it is allowed only when the identity policies and
 * every guardrail present (each SCP level, boundary, session policies) allow; otherwise it is an
 * implicit deny naming the layers that did not allow. When a statement's applicability cannot be
 * known and the decision depends on it, the answer is "cannot decide", never a guess.
 */
export function authorize(request: Request, policies: PolicySet, options: AuthorizeOptions = {}): AuthorizationResult {
  const kind = principalKind(request.principal);
  const notes: string[] = [];
  const layers: Layer[] = [];
  const scpInScope = kind !== 'service-linked-role';
  if (policies.scp && policies.scp.length > 0) {
    if (scpInScope) policies.scp.forEach((level, i) => layers.push({ kind: 'scp', level: i, policies: level }));
    else notes.push('SCPs do not restrict service-linked roles (E3d); the SCP layer was skipped');
  }
  const rootUser = kind === 'root';
  if (rootUser) notes.push('the root user is not limited by identity-based policies; only SCPs apply (E3c)');
  else layers.push({ kind: 'identity', policies: policies.identity });
  if (policies.boundary && policies.boundary.length > 0) layers.push({ kind: 'boundary', policies: policies.boundary });
  const hasSession = policies.session !== undefined && policies.session.length > 0;
  if (hasSession) layers.push({ kind: 'session', policies: policies.session! });

  const actionLower = request.action.toLowerCase();
  const outcomes: StatementOutcome[] = [];
  const missing = new Map<string, string>();
  const hits: LayerHits[] = layers.map((layer) => {
    const h: LayerHits = { layer, allows: [], denies: [], unknownAllows: [], unknownDenies: [] };
    for (const policy of layer.policies) {
      policy.statements.forEach((statement, i) => {
        const e = evaluateStatement(statement, request, actionLower);
        for (const key of e.missingKeys) if (!missing.has(key.toLowerCase())) missing.set(key.toLowerCase(), key);
        const deny = statement.effect === 'Deny';
        if (e.applies) (deny ? h.denies : h.allows).push(refOf(policy, i, layer));
        else if (e.unknown) (deny ? h.unknownDenies : h.unknownAllows).push(e.unknown);
        if (options.explain) outcomes.push({ statement: refOf(policy, i, layer), applies: e.applies, reasons: e.reasons, conditions: e.conditions });
      });
    }
    return h;
  });

  // Decide with every unknown statement applying, and with none applying: the outcome is monotone
  // in both, so equal answers mean the unknowns cannot change it.
  const lower = combine(hits, false, kind === 'federated-user' && !hasSession);
  const upper = combine(hits, true, kind === 'federated-user' && !hasSession);
  if (lower.decision !== upper.decision) {
    const unknown = hits.flatMap((h) => [...h.unknownDenies, ...h.unknownAllows])[0]!;
    return unknown;
  }
  if (kind === 'federated-user' && !hasSession) notes.push('a federated-user session without session policies has no permissions for services without resource-based policies (E3b)');
  if (hits.some((h) => h.unknownAllows.length + h.unknownDenies.length > 0)) notes.push('some statements could not be evaluated, but they cannot change this decision');

  return {
    kind: 'decision',
    decision: lower.decision,
    determining: lower.determining,
    layers: lower.layers,
    ...(options.explain ? { statements: outcomes } : {}),
    missingContextKeys: [...missing.values()],
    notes,
  };
}

function combine(hits: readonly LayerHits[], unknownApplies: boolean, federatedWithoutSession: boolean): Pick<Extract<AuthorizationResult, { kind: 'decision' }>, 'decision' | 'determining' | 'layers'> {
  const layers: LayerResult[] = hits.map((h) => ({
    layer: h.layer.kind,
    ...(h.layer.level !== undefined ? { level: h.layer.level } : {}),
    allows: h.allows.length > 0 || (unknownApplies && h.unknownAllows.length > 0),
    denies: h.denies.length > 0 || (unknownApplies && h.unknownDenies.length > 0),
  }));
  const denies = hits.flatMap((h) => h.denies);
  if (layers.some((l) => l.denies)) {
    return { decision: 'ExplicitDeny', determining: denies.map((statement) => ({ type: 'statement', statement })), layers };
  }
  const failing: Determining[] = [];
  if (federatedWithoutSession) failing.push({ type: 'layer', layer: 'session', note: 'federated user without session policies' });
  for (const l of layers) {
    if (!l.allows) failing.push({ type: 'layer', layer: l.layer, ...(l.level !== undefined ? { level: l.level } : {}) });
  }
  if (failing.length > 0) return { decision: 'ImplicitDeny', determining: failing, layers };
  return { decision: 'Allowed', determining: hits.flatMap((h) => h.allows).map((statement) => ({ type: 'statement', statement })), layers };
}
