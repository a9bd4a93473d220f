import type { Policy, PolicyKind } from '../model';
import { closest } from '../catalog';
import type { DataFile } from './yaml-file';
import { FieldReader } from './yaml-file';
import type { StoreDiagnostic, StoredPrincipal, StoredRole, Tags } from './store-types';
import { mergeTags } from './merge-tags';

const ACCOUNT = /^\d{12}$/;
const NAME = /^[\w+=,.@-]+$/;
const PATH = /^\/(?:[\x21-\x7e]*\/)?$/;

interface RoleEntry {
  readonly name: string;
  readonly path: string;
  readonly roleId: string;
  readonly policies: readonly string[];
  readonly boundary?: string;
  readonly tags: Tags;
  readonly source: StoredRole['source'];
}

export interface PrincipalsFile {
  readonly account: string;
  readonly principals: Map<string, StoredPrincipal>;
  readonly roles: Map<string, StoredRole>;
  readonly groups: readonly string[];
  readonly sourceIp: string;
}

/** Reads principals.yaml: groups, users, roles and assumed-role sessions, every policy name checked. */
export function readPrincipals(data: DataFile, policies: ReadonlyMap<string, Policy>, invalid: ReadonlySet<string>, diagnostics: StoreDiagnostic[]): PrincipalsFile {
  const f = new FieldReader(data, diagnostics);
  if (data.value === null || data.value === undefined) f.error('empty-file', '', '`principals.yaml` is empty', 'write `account:` and the `users:` and `sessions:` scenarios act as (see the README)');
  const top = f.object(data.value, '', '`principals.yaml`', ['account', 'sourceIp', 'groups', 'users', 'roles', 'sessions']) ?? {};
  const account = f.string(top.account, '/account', '`account`', true) ?? '000000000000';
  if (!ACCOUNT.test(account)) f.error('invalid-account', '/account', `\`${account}\` is not an AWS account ID`, 'write the 12 digits in quotes, e.g. `"111122223333"`');
  const defaultIp = f.ipAddress(top.sourceIp, '/sourceIp', '`sourceIp`') ?? '203.0.113.10';

  const policyRef = (name: string, pointer: string, kind: PolicyKind): void => {
    const p = policies.get(name);
    if (!p && invalid.has(name)) return; // its own errors are already listed
    if (!p) {
      const guess = closest(name, [...policies.values()].filter((x) => x.kind === kind).map((x) => x.name));
      f.error('unknown-policy', pointer, `unknown policy \`${name}\``, guess ? `did you mean \`${guess}\`?` : `add \`${name}.json\` under policies/${folderOf(kind)}/`);
    } else if (p.kind !== kind) {
      f.error('wrong-policy-kind', pointer, `\`${name}\` is a ${p.kind} policy (${p.source.file ?? p.name}), but it is used here as a ${kind} policy`, `move it to policies/${folderOf(kind)}/ or name another policy`);
    }
  };
  const policyList = (value: unknown, pointer: string, kind: PolicyKind): string[] => {
    const names = f.strings(value, pointer, '`policies`');
    names.forEach((n, i) => policyRef(n, `${pointer}/${i}`, kind));
    return names;
  };

  const groups = new Map<string, string[]>();
  for (const [name, raw] of Object.entries(f.section(top.groups, '/groups', '`groups`'))) {
    const g = f.object(raw, `/groups/${name}`, `group \`${name}\``, ['policies']) ?? {};
    groups.set(name, policyList(g.policies, `/groups/${name}/policies`, 'identity'));
  }

  const roles = new Map<string, RoleEntry>();
  for (const [name, raw] of Object.entries(f.section(top.roles, '/roles', '`roles`'))) {
    const at = `/roles/${name}`;
    const r = f.object(raw, at, `role \`${name}\``, ['path', 'roleId', 'policies', 'boundary', 'tags']) ?? {};
    if (!NAME.test(name)) f.error('invalid-name', at, `\`${name}\` is not a valid role name`);
    const path = f.string(r.path, `${at}/path`, '`path`', false) ?? '/';
    if (!PATH.test(path)) f.error('invalid-path', `${at}/path`, `\`${path}\` is not an IAM path`, 'a path starts and ends with `/`, e.g. `/teams/`');
    const boundary = f.string(r.boundary, `${at}/boundary`, '`boundary`', false);
    if (boundary !== undefined) policyRef(boundary, `${at}/boundary`, 'boundary');
    roles.set(name, {
      name,
      path,
      roleId: f.string(r.roleId, `${at}/roleId`, '`roleId`', false) ?? `AROA${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}`,
      policies: policyList(r.policies, `${at}/policies`, 'identity'),
      ...(boundary !== undefined ? { boundary } : {}),
      tags: f.tags(r.tags, `${at}/tags`, `role \`${name}\``),
      source: data.at(at),
    });
  }

  const principals = new Map<string, StoredPrincipal>();
  const add = (p: StoredPrincipal, pointer: string): void => {
    if (principals.has(p.name)) f.error('duplicate-principal', pointer, `principal \`${p.name}\` is defined as a user and as a session`, 'rename one of them');
    else principals.set(p.name, p);
  };

  for (const [name, raw] of Object.entries(f.section(top.users, '/users', '`users`'))) {
    const at = `/users/${name}`;
    const u = f.object(raw, at, `user \`${name}\``, ['userName', 'path', 'userId', 'groups', 'policies', 'boundary', 'tags', 'sourceIp']) ?? {};
    const userName = f.string(u.userName, `${at}/userName`, '`userName`', false) ?? name;
    if (!NAME.test(userName)) f.error('invalid-name', `${at}/userName`, `\`${userName}\` is not a valid IAM user name`);
    const path = f.string(u.path, `${at}/path`, '`path`', false) ?? '/';
    if (!PATH.test(path)) f.error('invalid-path', `${at}/path`, `\`${path}\` is not an IAM path`, 'a path starts and ends with `/`, e.g. `/developers/`');
    const own = policyList(u.policies, `${at}/policies`, 'identity');
    const memberOf = f.strings(u.groups, `${at}/groups`, '`groups`');
    const fromGroups: string[] = [];
    memberOf.forEach((g, i) => {
      const gp = groups.get(g);
      if (gp) fromGroups.push(...gp);
      else {
        const guess = closest(g, groups.keys());
        f.error('unknown-group', `${at}/groups/${i}`, `unknown group \`${g}\``, guess ? `did you mean \`${guess}\`?` : 'define it under `groups:`');
      }
    });
    const boundary = f.string(u.boundary, `${at}/boundary`, '`boundary`', false);
    if (boundary !== undefined) policyRef(boundary, `${at}/boundary`, 'boundary');
    const arn = `arn:aws:iam::${account}:user${path}${userName}`;
    add(
      {
        name,
        type: 'user',
        arn,
        principalArn: arn,
        account,
        userId: f.string(u.userId, `${at}/userId`, '`userId`', false) ?? `AIDA${userName.toUpperCase().replace(/[^A-Z0-9]/g, '')}`,
        userName,
        tags: f.tags(u.tags, `${at}/tags`, `user \`${name}\``),
        identityPolicies: [...new Set([...own, ...fromGroups])],
        ...(boundary !== undefined ? { boundary } : {}),
        sessionPolicies: [],
        temporaryCredentials: false,
        mfa: false,
        sourceIp: f.ipAddress(u.sourceIp, `${at}/sourceIp`, '`sourceIp`') ?? defaultIp,
        groups: memberOf.filter((g) => groups.has(g)),
        source: data.at(at),
      },
      at,
    );
  }

  for (const [name, raw] of Object.entries(f.section(top.sessions, '/sessions', '`sessions`'))) {
    const at = `/sessions/${name}`;
    const s = f.object(raw, at, `session \`${name}\``, ['role', 'sessionName', 'mfa', 'tags', 'policies', 'sourceIp']) ?? {};
    const roleName = f.string(s.role, `${at}/role`, '`role`', true);
    const role = roleName !== undefined ? roles.get(roleName) : undefined;
    if (roleName !== undefined && !role) {
      const guess = closest(roleName, roles.keys());
      f.error('unknown-role', `${at}/role`, `unknown role \`${roleName}\``, guess ? `did you mean \`${guess}\`?` : 'define it under `roles:`');
    }
    const sessionName = f.string(s.sessionName, `${at}/sessionName`, '`sessionName`', false) ?? name;
    if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) f.error('invalid-name', `${at}/sessionName`, `\`${sessionName}\` is not a valid role session name`, '2 to 64 letters, digits and `+=,.@_-`');
    const sessionPolicies = policyList(s.policies, `${at}/policies`, 'session');
    const sessionTags = f.tags(s.tags, `${at}/tags`, `session \`${name}\``);
    const mfa = f.boolean(s.mfa, `${at}/mfa`, '`mfa`') ?? false;
    const sourceIp = f.ipAddress(s.sourceIp, `${at}/sourceIp`, '`sourceIp`') ?? defaultIp;
    if (!role) continue;
    add(
      {
        name,
        type: 'session',
        // The assumed-role ARN drops the role's path; aws:PrincipalArn keeps it (reference §9).
        arn: `arn:aws:sts::${account}:assumed-role/${role.name}/${sessionName}`,
        principalArn: `arn:aws:iam::${account}:role${role.path}${role.name}`,
        account,
        userId: `${role.roleId}:${sessionName}`,
        roleName: role.name,
        sessionName,
        tags: mergeTags(role.tags, sessionTags),
        identityPolicies: role.policies,
        ...(role.boundary !== undefined ? { boundary: role.boundary } : {}),
        sessionPolicies,
        temporaryCredentials: true,
        mfa,
        sourceIp,
        source: data.at(at),
      },
      at,
    );
  }
  const storedRoles = new Map<string, StoredRole>([...roles.values()].map((r) => [r.name, { ...r, arn: `arn:aws:iam::${account}:role${r.path}${r.name}` }]));
  return { account, principals, roles: storedRoles, groups: [...groups.keys()], sourceIp: defaultIp };
}

function folderOf(kind: PolicyKind): string {
  return kind === 'identity' ? 'identity' : kind === 'boundary' ? 'boundaries' : kind === 'session' ? 'sessions' : 'scps/<level>';
}
