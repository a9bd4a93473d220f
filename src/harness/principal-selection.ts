import { closest } from '../catalog';
import { mergeTags } from '../load/merge-tags';
import type { PolicyStore, StoredPrincipal, StoredRole, Tags } from '../load/store-types';
import { HarnessInputError } from './harness-error';
import { parseTags, policyNamed } from './names';

/** A set of principals as a scenario names it, resolved against the store. */
export interface PrincipalSelection {
  /** The words the scenario used (`the members of group developers except orders-developer`). */
  readonly text: string;
  /** Members in store order, never empty. */
  readonly members: readonly StoredPrincipal[];
}

/** `a, b and c` → [a, b, c]; also accepts a single name. */
export function splitList(text: string): string[] {
  return text
    .split(/, | and /)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export interface AssumeRoleOptions {
  /** The principal's name in reports; `<role>/<session>` unless given. */
  readonly name?: string;
  readonly sessionTags?: Tags;
  readonly sessionPolicy?: string;
}

export function roleNamed(store: PolicyStore, name: string): StoredRole {
  const roles = store.roles ?? new Map<string, StoredRole>();
  const r = roles.get(name) ?? [...roles.values()].find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (r) return r;
  const guess = closest(name, roles.keys());
  throw new HarnessInputError(`unknown role \`${name}\`${guess !== undefined ? `; did you mean \`${guess}\`?` : `; the roles of principals.yaml are ${[...roles.keys()].map((k) => `\`${k}\``).join(', ') || 'none'}`}`);
}

/**
 * A session of `role` built by the scenario instead of principals.yaml (AssumeRole): temporary credentials
 * without MFA, from the store's usual address; session tags replace role tags of the same key (reference §9).
 */
export function assumeRole(store: PolicyStore, roleName: string, sessionName: string, options: AssumeRoleOptions = {}): StoredPrincipal {
  const role = roleNamed(store, roleName);
  if (!SESSION_NAME.test(sessionName)) throw new HarnessInputError(`\`${sessionName}\` is not a valid role session name: 2 to 64 letters, digits and \`+=,.@_-\``);
  const policy = options.sessionPolicy;
  if (policy !== undefined) {
    const p = policyNamed(store, policy);
    if (p.kind !== 'session') throw new HarnessInputError(`\`${policy}\` is a ${p.kind} policy, not a session policy; session policies live under policies/sessions/`);
  }
  return {
    name: options.name ?? `${role.name}/${sessionName}`,
    type: 'session',
    arn: `arn:aws:sts::${store.account}:assumed-role/${role.name}/${sessionName}`,
    principalArn: role.arn,
    account: store.account,
    userId: `${role.roleId}:${sessionName}`,
    roleName: role.name,
    sessionName,
    tags: mergeTags(role.tags, options.sessionTags ?? {}),
    identityPolicies: role.policies,
    ...(role.boundary !== undefined ? { boundary: role.boundary } : {}),
    sessionPolicies: policy !== undefined ? [policy] : [],
    temporaryCredentials: true,
    mfa: false,
    sourceIp: store.sourceIp ?? '203.0.113.10',
    source: role.source,
  };
}

/**
 * Each role as it acts when assumed plainly (no session policy, no session tags, no MFA), named by the role:
 * whoever may assume the role gets at least this, so claims about "everyone" include it.
 */
export function plainRoleSessions(store: PolicyStore): StoredPrincipal[] {
  return [...(store.roles?.values() ?? [])].map((r) => assumeRole(store, r.name, r.name, { name: r.name }));
}

/** Users and sessions of principals.yaml, then each role assumed plainly: the principals "everyone" means. */
export function everyPrincipal(store: PolicyStore): StoredPrincipal[] {
  const named = [...store.principals.values()];
  const taken = new Set(named.map((p) => p.name));
  return [...named, ...plainRoleSessions(store).filter((p) => !taken.has(p.name))];
}

function byName(all: readonly StoredPrincipal[], name: string): StoredPrincipal {
  const hit = all.find((p) => p.name === name);
  if (hit) return hit;
  const guess = closest(name, all.map((p) => p.name));
  throw new HarnessInputError(`unknown principal \`${name}\`${guess !== undefined ? `; did you mean \`${guess}\`?` : `; known: ${all.map((p) => `\`${p.name}\``).join(', ')}`}`);
}

const hasTags = (p: StoredPrincipal, want: Tags): boolean =>
  // Principal tag keys compare without case, as aws:PrincipalTag/<key> does; values compare exactly.
  Object.entries(want).every(([k, v]) => Object.entries(p.tags).some(([pk, pv]) => pk.toLowerCase() === k.toLowerCase() && pv === v));

/** The members of one set phrase (SET_PHRASE). */
function baseSet(store: PolicyStore, all: readonly StoredPrincipal[], base: string): StoredPrincipal[] | undefined {
  if (base === 'every principal') return [...all];
  if (base === 'the users') return all.filter((p) => p.type === 'user');
  if (base === 'the sessions') return [...store.principals.values()].filter((p) => p.type === 'session');
  if (base === 'the roles') return plainRoleSessions(store);
  const group = /^the members of group (.+)$/.exec(base);
  if (group) {
    const g = group[1]!;
    const groups = store.groups ?? [];
    if (!groups.includes(g)) {
      const guess = closest(g, groups);
      throw new HarnessInputError(`unknown group \`${g}\`${guess !== undefined ? `; did you mean \`${guess}\`?` : `; the groups of principals.yaml are ${groups.map((x) => `\`${x}\``).join(', ') || 'none'}`}`);
    }
    return all.filter((p) => p.groups?.includes(g) ?? false);
  }
  const tagged = /^the principals tagged (.+)$/.exec(base);
  if (tagged) {
    const want = parseTags(tagged[1]!);
    return all.filter((p) => hasTags(p, want));
  }
  const bounded = /^the principals with the boundary (.+)$/.exec(base);
  if (bounded) {
    const name = bounded[1]!;
    const p = policyNamed(store, name);
    if (p.kind !== 'boundary') throw new HarnessInputError(`\`${name}\` is a ${p.kind} policy, not a permissions boundary`);
    return all.filter((x) => x.boundary === name);
  }
  return undefined;
}

const SET_PHRASE = /^(?:every principal|the members of group .+|the principals tagged .+|the principals with the boundary .+|the users|the roles|the sessions)$/;

/**
 * The parts of a union `the principals tagged team=platform and break-glass`: set phrases and names. A tag
 * `k=v` after `the principals tagged …` belongs to that phrase (`tagged team=platform, env=prod`).
 */
function unionParts(text: string): string[] {
  const parts: string[] = [];
  for (const chunk of splitList(text)) {
    const last = parts[parts.length - 1];
    if (last !== undefined && last.startsWith('the principals tagged ') && /^[^\s=,]+=/.test(chunk)) parts[parts.length - 1] = `${last}, ${chunk}`;
    else parts.push(chunk);
  }
  return parts;
}

/**
 * Resolves `every principal`, `the members of group <g>`, `the principals tagged <k>=<v>`, `the principals with
 * the boundary <p>`, `the users`, `the roles`, `the sessions`, or names, several joined by `, ` and ` and `
 * (their union), optionally followed by `except <a>, <b> and <c>`. An empty set is an input error: a claim
 * about nobody would pass without checking.
 */
export function selectPrincipals(store: PolicyStore, text: string): PrincipalSelection {
  const t = text.trim();
  const all = everyPrincipal(store);
  const at = t.indexOf(' except ');
  const base = at >= 0 ? t.slice(0, at) : t;
  const exceptText = at >= 0 ? t.slice(at + ' except '.length) : undefined;
  const chosen = new Set<string>();
  for (const part of unionParts(base)) {
    const set = SET_PHRASE.test(part) ? baseSet(store, all, part)! : [byName(all, part)];
    set.forEach((p) => chosen.add(p.name));
  }
  const set = all.filter((p) => chosen.has(p.name));
  const excluded = new Set<string>();
  for (const name of exceptText !== undefined ? splitList(exceptText) : []) {
    const p = byName(all, name);
    if (!set.includes(p)) throw new HarnessInputError(`\`${name}\` is not one of ${base}, so \`except ${name}\` excludes nothing; its members are ${set.map((m) => `\`${m.name}\``).join(', ') || 'none'}`);
    excluded.add(p.name);
  }
  const members = set.filter((p) => !excluded.has(p.name));
  if (members.length === 0) throw new HarnessInputError(`\`${t}\` names no principal; a claim about nobody would hold without checking anything`);
  return { text: t, members };
}
