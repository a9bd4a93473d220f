import { compiledFor } from '../engine';
import type { Determining, Request } from '../model';
import type { Side } from './request-classes';

/** A decision as the analyses compare it; `NoSuchPrincipal` when the principal does not exist on that side. */
export type Outcome = 'Allowed' | 'ExplicitDeny' | 'ImplicitDeny' | 'CannotDecide' | 'NoSuchPrincipal';

export interface Decided {
  readonly outcome: Outcome;
  readonly determining: readonly Determining[];
  /** For CannotDecide: why. */
  readonly reason?: string;
}

const NONE: Decided = { outcome: 'NoSuchPrincipal', determining: [] };

/** Decides with the compiled engine (built once per policy set object). */
export function decideOn(side: Side | undefined, request: Request): Decided {
  if (!side) return NONE;
  const r = compiledFor(side.policies).decide(request);
  return r.kind === 'decision' ? { outcome: r.decision, determining: r.determining } : { outcome: 'CannotDecide', determining: [], reason: r.message };
}

/** Access compares alike when both sides deny in the same way; a missing principal denies implicitly. */
export function sameAccess(a: Outcome, b: Outcome): boolean {
  const norm = (o: Outcome): Outcome => (o === 'NoSuchPrincipal' ? 'ImplicitDeny' : o);
  return norm(a) === norm(b);
}
