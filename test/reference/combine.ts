/**
 * Reference model of how IAM combines policy layers for one identity-based request
 * (reference E0, E3, E3b–E3d), over abstract per-layer answers. Written from the documentation, not
 * from src/engine: the engine must agree with it (test/properties/combine.laws.test.ts).
 */

export type PrincipalKind = 'user' | 'role-session' | 'root' | 'federated-user' | 'service-linked-role';

/** What one layer says about the request: does an applicable statement allow / deny? */
export interface LayerAnswer {
  readonly allows: boolean;
  readonly denies: boolean;
}

export interface AbstractCase {
  readonly principal: PrincipalKind;
  readonly identity: LayerAnswer;
  /** Absent = the principal has no permissions boundary / session policies. */
  readonly boundary?: LayerAnswer;
  readonly session?: LayerAnswer;
  /** One answer per SCP level (root, OUs, account); empty = SCPs not in scope. */
  readonly scpLevels: readonly LayerAnswer[];
  /** The Amazon MQ resource belongs to another account than the caller (E0). */
  readonly crossAccount?: boolean;
}

export type Verdict = 'Allowed' | 'ExplicitDeny' | 'ImplicitDeny';

export function referenceDecision(c: AbstractCase): Verdict {
  const inForce: LayerAnswer[] = [];
  if (c.principal !== 'root') inForce.push(c.identity); // E3c: the root user is not limited by identity policies
  if (c.boundary) inForce.push(c.boundary);
  if (c.session) inForce.push(c.session);
  if (c.principal !== 'service-linked-role') inForce.push(...c.scpLevels); // E3d
  if (inForce.some((l) => l.denies)) return 'ExplicitDeny'; // E3 step 1: a Deny anywhere wins
  if (c.crossAccount) return 'ImplicitDeny'; // E0: only a resource-based policy could allow, and Amazon MQ has none
  if (c.principal === 'federated-user' && !c.session) return 'ImplicitDeny'; // E3b
  return inForce.every((l) => l.allows) ? 'Allowed' : 'ImplicitDeny'; // E3 steps 3–7
}
