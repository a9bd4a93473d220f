import type { CrossAccount, Request } from '../model';

/**
 * Services that support no resource-based policies: for them a cross-account request can never be
 * allowed, because the resource account has no policy that could allow it (reference E0). Amazon MQ
 * "doesn't support resource-based policies" (Amazon MQ Developer Guide, How Amazon MQ works with IAM).
 * Other services may grant cross-account access through resource-based policies or AWS RAM shares,
 * which the harness does not model: such requests cannot be decided (never guessed).
 */
const WITHOUT_RESOURCE_POLICIES: ReadonlySet<string> = new Set(['mq']);

/** `arn:partition:…:account:…` → [partition, account]; undefined when the ARN has no account. */
function partitionAndAccount(arn: string): readonly [string, string] | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  const p = arn.indexOf(':', 4);
  const s = p < 0 ? -1 : arn.indexOf(':', p + 1);
  const r = s < 0 ? -1 : arn.indexOf(':', s + 1);
  const a = r < 0 ? -1 : arn.indexOf(':', r + 1);
  if (a < 0) return undefined;
  return [arn.slice(4, p), arn.slice(r + 1, a)];
}

/**
 * The request's accounts when the resource belongs to another account (or partition) than the
 * caller, else undefined. A wildcard-only request (`*`) is made in the caller's own account, and a
 * resource ARN without an account (S3 buckets) names no other account.
 */
export function crossAccountOf(request: Request): CrossAccount | undefined {
  if (request.resource === '*') return undefined;
  const resource = partitionAndAccount(request.resource);
  if (resource === undefined || resource[1] === '') return undefined;
  const principal = partitionAndAccount(request.principal);
  if (principal === undefined) return undefined;
  if (principal[0] === resource[0] && principal[1] === resource[1]) return undefined;
  const colon = request.action.indexOf(':');
  const service = (colon < 0 ? request.action : request.action.slice(0, colon)).toLowerCase();
  return {
    principalAccount: principal[1],
    resourceAccount: resource[1],
    ...(principal[0] !== resource[0] ? { principalPartition: principal[0], resourcePartition: resource[0] } : {}),
    service,
    resourcePolicies: !WITHOUT_RESOURCE_POLICIES.has(service),
  };
}
