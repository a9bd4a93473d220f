import { stringify } from 'yaml';
import type { Estate, EstatePolicy, Note, Origin, PolicyLocation } from './estate';

/** What `import` writes beside the store and what `--source` reports: what was read, from where, and what was not. */
export interface ImportReport {
  readonly format: 'mq-policy-import-report/1';
  readonly kind: Estate['kind'];
  readonly inputs: readonly string[];
  readonly account?: string;
  readonly managedPolicyData?: string;
  readonly read: Readonly<Record<string, number>>;
  readonly written: readonly { readonly file: string; readonly from: string }[];
  readonly unresolved: readonly { readonly what: string; readonly why: string; readonly from: string }[];
  readonly notes: readonly { readonly code: string; readonly message: string; readonly from?: string }[];
  readonly errors: readonly { readonly code: string; readonly message: string; readonly from?: string }[];
  /** True when nothing that decides access was left unresolved and every input was read. */
  readonly complete: boolean;
}

/** A policy file of the built store, and how to find each of its values in the source. */
export interface StoredPolicyOrigin {
  readonly origin: Origin;
  readonly locate?: (pointer: string) => PolicyLocation | undefined;
  readonly name: string;
  readonly kind: 'identity' | 'boundary' | 'scp' | 'session' | 'trust';
}

export interface BuiltStore {
  /** Store-relative path → text (policies as YAML with a provenance header, principals.yaml, inventory.yaml). */
  readonly files: Map<string, string>;
  /** Store-relative policy path → where it came from. */
  readonly policyOrigins: Map<string, StoredPolicyOrigin>;
  readonly report: ImportReport;
}

export const describeOrigin = (o: Origin): string => `${o.file}${o.line !== undefined ? `:${o.line}${o.column !== undefined ? `:${o.column}` : ''}` : ''} ${o.address}`;

/** Session name used for the one session written per imported role (a role acts only through sessions). */
export const IMPORTED_SESSION_NAME = 'mq-policy-session';

/**
 * Turns an estate into store files. Names follow the IAM names (user, role, group, broker, configuration,
 * policy names); when two things claim the same name both are qualified and the collision is reported.
 */
export function buildStore(estate: Estate, managedPolicyData?: string): BuiltStore {
  const files = new Map<string, string>();
  const policyOrigins = new Map<string, StoredPolicyOrigin>();
  const notes: Note[] = [...estate.notes];
  const written: { file: string; from: string }[] = [];

  // Only policies something uses are written (an unattached managed policy decides nothing, but is listed).
  const used = new Set<string>();
  for (const g of estate.groups) g.policies.forEach((k) => used.add(k));
  for (const u of estate.users) [...u.policies, ...(u.boundary !== undefined ? [u.boundary] : [])].forEach((k) => used.add(k));
  for (const r of estate.roles) [...r.policies, ...(r.boundary !== undefined ? [r.boundary] : []), ...(r.trust !== undefined ? [r.trust] : [])].forEach((k) => used.add(k));
  for (const level of estate.scpLevels) level.policies.forEach((k) => used.add(k));

  // Policy names: IAM names, qualified when two different documents claim one name.
  const storeName = new Map<string, string>();
  const byName = new Map<string, string[]>();
  const levelOf = new Map<string, string>();
  for (const level of estate.scpLevels) for (const key of level.policies) levelOf.set(key, level.name);
  for (const [key, p] of estate.policies) {
    if (!used.has(key)) continue;
    const name = safeName(p.name);
    byName.set(name, [...(byName.get(name) ?? []), key]);
  }
  const taken = new Set<string>();
  for (const [name, keys] of byName) {
    if (keys.length === 1) {
      storeName.set(keys[0]!, name);
      taken.add(name);
    }
  }
  for (const [name, keys] of byName) {
    if (keys.length === 1) continue;
    const renamed: string[] = [];
    keys.forEach((key, i) => {
      const p = estate.policies.get(key)!;
      const qualifier = p.owner ?? (p.use === 'scp' ? levelOf.get(key) : p.use !== 'identity' ? p.use : undefined) ?? String(i + 1);
      let candidate = safeName(`${qualifier}.${name}`);
      for (let n = 2; taken.has(candidate); n++) candidate = safeName(`${qualifier}.${name}.${n}`);
      taken.add(candidate);
      storeName.set(key, candidate);
      renamed.push(`\`${candidate}\` (${describeOrigin(p.origin)})`);
    });
    notes.push({ code: 'name-collision', message: `${keys.length} different policies are named \`${name}\`; they are stored as ${renamed.join(', ')}` });
  }
  const ref = (key: string | undefined): string | undefined => (key === undefined ? undefined : storeName.get(key));

  // Principals: users by user name, roles (through one session each) by role name.
  const principalNames = new Map<string, string[]>();
  for (const u of estate.users) principalNames.set(u.name, [...(principalNames.get(u.name) ?? []), 'user']);
  for (const r of estate.roles) principalNames.set(r.name, [...(principalNames.get(r.name) ?? []), 'role']);
  const principalKey = (name: string, kind: 'user' | 'role'): string => {
    if ((principalNames.get(name) ?? []).length <= 1) return name;
    return `${kind}-${name}`;
  };
  for (const [name, kinds] of principalNames) {
    if (kinds.length > 1) notes.push({ code: 'name-collision', message: `\`${name}\` names ${kinds.length} principals (${kinds.join(', ')}); scenarios name them \`${kinds.map((k) => `${k}-${name}`).join('`, `')}\`` });
  }

  const groups: Record<string, unknown> = {};
  for (const g of estate.groups) groups[g.name] = { policies: g.policies.map(ref).filter(isString), source: describeOrigin(g.origin) };
  const users: Record<string, unknown> = {};
  for (const u of estate.users) {
    users[principalKey(u.name, 'user')] = {
      userName: u.name,
      path: u.path,
      ...(u.id !== undefined ? { userId: u.id } : {}),
      groups: u.groups.filter((g) => estate.groups.some((x) => x.name === g)),
      policies: u.policies.map(ref).filter(isString),
      ...(u.boundary !== undefined && ref(u.boundary) !== undefined ? { boundary: ref(u.boundary) } : {}),
      tags: u.tags,
      source: describeOrigin(u.origin),
    };
  }
  const roles: Record<string, unknown> = {};
  const sessions: Record<string, unknown> = {};
  for (const r of estate.roles) {
    roles[r.name] = {
      path: r.path,
      ...(r.id !== undefined ? { roleId: r.id } : {}),
      policies: r.policies.map(ref).filter(isString),
      ...(r.boundary !== undefined && ref(r.boundary) !== undefined ? { boundary: ref(r.boundary) } : {}),
      ...(r.trust !== undefined && ref(r.trust) !== undefined ? { trust: ref(r.trust) } : {}),
      tags: r.tags,
      source: describeOrigin(r.origin),
    };
    sessions[principalKey(r.name, 'role')] = { role: r.name, sessionName: IMPORTED_SESSION_NAME };
  }
  for (const [key, p] of estate.policies) {
    const name = storeName.get(key)!;
    const kind = p.use === 'scp' ? 'scp' : p.use;
    const folder = p.use === 'scp' ? `scps/${levelOf.get(key) ?? 'unattached'}` : p.use === 'boundary' ? 'boundaries' : p.use === 'trust' ? 'trust' : p.managed ? 'managed' : 'identity';
    if (!used.has(key)) {
      if (used.has(`${key}#boundary`)) continue;
      notes.push({ code: 'unattached-policy', message: `policy \`${p.name}\` is attached to no principal of the source, so it is not written`, origin: p.origin });
      continue;
    }
    const path = `${folder}/${name}.yaml`;
    files.set(path, policyFile(p));
    policyOrigins.set(path, { origin: p.origin, ...(p.locate ? { locate: p.locate } : {}), name, kind });
    written.push({ file: path, from: describeOrigin(p.origin) });
  }

  const header = (what: string): string =>
    `# ${what}, imported by \`mq-policy import ${estate.kind}\` from ${estate.inputs.join(', ')}.\n# Re-run the import to refresh it; every entry names its source. See import-report.json for what was not resolved.\n`;
  const incomplete = estate.unresolved.map((u) => ({ what: u.what, why: u.why, source: describeOrigin(u.origin) }));
  const principals = {
    account: estate.account ?? '000000000000',
    ...(incomplete.length > 0 ? { incomplete } : {}),
    // The loader refuses an empty section (a sign of bad indentation): sections with no entry are left out.
    ...nonEmpty({ groups, users, roles, sessions }),
  };
  files.set('principals.yaml', header('Users, groups, roles and one session per role') + stringify(principals, { lineWidth: 0 }));
  written.push({ file: 'principals.yaml', from: estate.inputs.join(', ') });

  const inventory: { brokers: Record<string, unknown>; configurations: Record<string, unknown> } = { brokers: {}, configurations: {} };
  const resourceNames = new Map<string, number>();
  for (const r of estate.resources) resourceNames.set(r.name, (resourceNames.get(r.name) ?? 0) + 1);
  for (const r of estate.resources) {
    const section = r.kind === 'broker' ? inventory.brokers : inventory.configurations;
    const key = (resourceNames.get(r.name) ?? 0) > 1 ? `${r.kind}-${r.name}` : r.name;
    section[key] = { id: r.id, region: r.region, ...(r.account !== undefined && r.account !== estate.account ? { account: r.account } : {}), tags: r.tags, ...(r.engine ? { engine: r.engine } : {}), ...(r.placeholderId ? { placeholderId: true } : {}), source: describeOrigin(r.origin) };
  }
  for (const [name, n] of resourceNames) if (n > 1) notes.push({ code: 'name-collision', message: `\`${name}\` names ${n} Amazon MQ resources; they are stored as \`broker-${name}\` / \`configuration-${name}\`` });
  const resourceSections = nonEmpty(inventory);
  files.set('inventory.yaml', header('Amazon MQ brokers and configurations') + (Object.keys(resourceSections).length > 0 ? stringify(resourceSections, { lineWidth: 0 }) : '{}\n'));
  written.push({ file: 'inventory.yaml', from: estate.inputs.join(', ') });

  const report: ImportReport = {
    format: 'mq-policy-import-report/1',
    kind: estate.kind,
    inputs: estate.inputs,
    ...(estate.account !== undefined ? { account: estate.account } : {}),
    ...(managedPolicyData !== undefined ? { managedPolicyData } : {}),
    read: Object.fromEntries([...estate.read].sort(([a], [b]) => a.localeCompare(b))),
    written,
    unresolved: incomplete.map((u) => ({ what: u.what, why: u.why, from: u.source })),
    notes: notes.map((n) => ({ code: n.code, message: n.message, ...(n.origin ? { from: describeOrigin(n.origin) } : {}) })),
    errors: estate.errors.map((n) => ({ code: n.code, message: n.message, ...(n.origin ? { from: describeOrigin(n.origin) } : {}) })),
    complete: estate.unresolved.length === 0 && estate.errors.length === 0,
  };
  return { files, policyOrigins, report };
}

/** A policy as YAML with the same shape as AWS's JSON, headed by where it came from. */
function policyFile(p: EstatePolicy): string {
  const lines = [`# ${p.use === 'trust' ? 'Trust policy' : p.use === 'scp' ? 'Service control policy' : p.use === 'boundary' ? 'Permissions boundary' : 'Policy'} \`${p.name}\``, `# source: ${describeOrigin(p.origin)}`];
  if (p.managed) lines.push(`# AWS managed policy ${p.managed.arn}, default version ${p.managed.version} (data: ${p.managed.data})`);
  return `${lines.join('\n')}\n${stringify(p.document, { lineWidth: 0 })}`;
}

/** File-safe store names: IAM names already are ([\w+=,.@-]); anything else becomes `_`. */
function safeName(name: string): string {
  return name.replace(/[^\w+=,.@-]/g, '_');
}

const isString = (v: unknown): v is string => typeof v === 'string';

function nonEmpty(sections: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(sections).filter(([, entries]) => Object.keys(entries).length > 0));
}
