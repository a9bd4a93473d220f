import type { Policy } from '../model';
import type { PolicyStore, StoredPrincipal, StoredRole } from '../load/store-types';

/** The policies a stored principal brings to a request, as the simulate format's layers. */
export interface StoredPolicies {
  readonly principal: StoredPrincipal;
  readonly identity: readonly Policy[];
  readonly boundary?: readonly Policy[];
  readonly scp?: readonly (readonly Policy[])[];
  readonly session?: readonly Policy[];
}

export type PrincipalLookup = StoredPolicies | { readonly error: string };

const ROLE = /^arn:([\w-]+):iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/;
const SESSION = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/([\w+=,.@-]+)$/;

/**
 * Finds the stored principal a request ARN names: a user by its ARN, a role by its ARN (its identity policies,
 * no session policies), or an assumed-role session by role name — session ARNs carry no path — with the
 * stored session's policies when its session name matches. Every layer comes from the store.
 */
export function principalByArn(store: PolicyStore, arn: string): PrincipalLookup {
  const all = [...store.principals.values()];
  const layers = (p: StoredPrincipal, withSession: boolean): StoredPolicies => {
    const get = (n: string): Policy => store.policies.get(n)!; // INVARIANT: the loader checked every name
    return {
      principal: p,
      identity: p.identityPolicies.map(get),
      ...(p.boundary !== undefined ? { boundary: [get(p.boundary)] } : {}),
      ...(store.scpLevels.length > 0 ? { scp: store.scpLevels.map((l) => l.policies) } : {}),
      ...(withSession && p.sessionPolicies.length > 0 ? { session: p.sessionPolicies.map(get) } : {}),
    };
  };
  /** A stored role no session names: its own policies, no session policies. */
  const fromRole = (stored: StoredRole, requestArn: string): StoredPolicies => {
    const get = (n: string): Policy => store.policies.get(n)!; // INVARIANT: the loader checked every name
    const principal: StoredPrincipal = { name: stored.name, type: 'session', arn: requestArn, principalArn: stored.arn, account: stored.arn.split(':')[4]!, userId: stored.roleId, roleName: stored.name, tags: stored.tags, identityPolicies: stored.policies, ...(stored.boundary !== undefined ? { boundary: stored.boundary } : {}), sessionPolicies: [], temporaryCredentials: true, mfa: false, sourceIp: store.sourceIp ?? '', source: stored.source };
    return { principal, identity: stored.policies.map(get), ...(stored.boundary !== undefined ? { boundary: [get(stored.boundary)] } : {}), ...(store.scpLevels.length > 0 ? { scp: store.scpLevels.map((l) => l.policies) } : {}) };
  };
  const user = all.find((p) => p.type === 'user' && p.arn === arn);
  if (user) return layers(user, false);
  const role = ROLE.exec(arn);
  if (role) {
    const sessions = all.filter((p) => p.type === 'session' && p.principalArn === arn);
    if (sessions.length > 0) return layers(sessions.find((s) => s.sessionPolicies.length === 0) ?? sessions[0]!, false);
    const stored = [...(store.roles?.values() ?? [])].find((r) => r.arn === arn);
    if (stored) return fromRole(stored, arn);
    return { error: `no role with the ARN \`${arn}\` in the store${hintByName(all, role[3]!)}` };
  }
  const session = SESSION.exec(arn);
  if (session) {
    const [, , account, roleName, sessionName] = session;
    const sessions = all.filter((p) => p.type === 'session' && p.roleName === roleName && p.account === account);
    const stored = [...(store.roles?.values() ?? [])].find((r) => r.name === roleName && r.arn.split(':')[4] === account);
    if (sessions.length === 0 && stored) return fromRole(stored, arn);
    if (sessions.length === 0) return { error: `no role \`${roleName}\` in account ${account} in the store${hintByName(all, roleName!)}` };
    const exact = sessions.find((s) => s.sessionName === sessionName);
    return exact ? layers(exact, true) : layers(sessions.find((s) => s.sessionPolicies.length === 0) ?? sessions[0]!, false);
  }
  const name = /:user\/(?:.*\/)?([\w+=,.@-]+)$/.exec(arn)?.[1];
  return { error: `no principal with the ARN \`${arn}\` in the store${name ? hintByName(all, name) : ''}` };
}

function hintByName(all: readonly StoredPrincipal[], name: string): string {
  const same = all.find((p) => p.userName === name || p.roleName === name);
  return same ? ` (did you mean \`${same.type === 'user' ? same.arn : same.principalArn}\`?)` : '';
}
