import type { CrossAccount } from '../model';

const SERVICE_NAMES: Readonly<Record<string, string>> = { mq: 'Amazon MQ' };

function account(c: CrossAccount, side: 'principal' | 'resource'): string {
  const partition = side === 'principal' ? c.principalPartition : c.resourcePartition;
  const id = side === 'principal' ? c.principalAccount : c.resourceAccount;
  return partition !== undefined ? `account ${id} (partition ${partition})` : `account ${id}`;
}

/**
 * Why a cross-account request is implicitly denied (reference E0), in one sentence: which accounts,
 * and why no policy of the resource account can allow it.
 */
export function crossAccountSentence(c: CrossAccount): string {
  const service = SERVICE_NAMES[c.service] ?? `\`${c.service}\``;
  return (
    `cross-account request: the caller is in ${account(c, 'principal')}, the resource in ${account(c, 'resource')}; ` +
    `a cross-account request is allowed only if the resource account allows it too, which takes a resource-based policy, ` +
    `and ${service} supports no resource-based policies, so no policy of ${account(c, 'resource')} can allow it ` +
    `(call as a role of ${account(c, 'resource')} instead)`
  );
}
