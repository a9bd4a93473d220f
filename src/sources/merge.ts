import { emptyEstate, type Estate } from './estate';

/** Several inputs of one kind (templates of several stacks) as one estate; keys are prefixed so they stay distinct. */
export function mergeEstates(estates: readonly Estate[]): Estate {
  if (estates.length === 1) return estates[0]!;
  const out = emptyEstate(estates[0]!.kind, estates.flatMap((e) => e.inputs));
  estates.forEach((e, i) => {
    const k = (key: string): string => `${i}|${key}`;
    const ks = (keys: string[]): string[] => keys.map(k);
    if (e.account !== undefined) {
      if (out.account !== undefined && out.account !== e.account) out.errors.push({ code: 'account-mismatch', message: `\`${e.inputs.join(', ')}\` is in account ${e.account}, the others in ${out.account}: import one account at a time` });
      out.account ??= e.account;
    }
    for (const [key, p] of e.policies) out.policies.set(k(key), p);
    for (const u of e.users) out.users.push({ ...u, policies: ks(u.policies), groups: [...u.groups], ...(u.boundary !== undefined ? { boundary: k(u.boundary) } : {}) });
    for (const g of e.groups) out.groups.push({ ...g, policies: ks(g.policies) });
    for (const r of e.roles) out.roles.push({ ...r, policies: ks(r.policies), ...(r.boundary !== undefined ? { boundary: k(r.boundary) } : {}), ...(r.trust !== undefined ? { trust: k(r.trust) } : {}) });
    out.resources.push(...e.resources);
    for (const l of e.scpLevels) out.scpLevels.push({ ...l, policies: ks(l.policies) });
    out.unresolved.push(...e.unresolved);
    out.notes.push(...e.notes);
    out.errors.push(...e.errors);
    for (const [what, n] of e.read) out.read.set(what, (out.read.get(what) ?? 0) + n);
  });
  return out;
}
