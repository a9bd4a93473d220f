import type { JsonPosition } from '../../parse';
import { escapePointerToken } from '../../parse';
import { readDocument } from '../../load/read-document';
import { countRead, emptyEstate, placeholderId, type Estate, type EstatePolicy, type Origin, type SourceOptions } from '../estate';
import { awsManagedPolicy, FULL_AWS_ACCESS, isAwsManagedArn } from '../managed';
import { LineIndex, readPolicyString } from '../policy-text';

/**
 * Reads the JSON of `terraform show -json` (a plan, or a state) as HashiCorp's "JSON Output Format" documents
 * it: `planned_values` (or a state's `values`) with `root_module` and nested `child_modules`, `resource_changes`
 * for `after_unknown` / `after_sensitive`, `prior_state` for data sources read during the plan, and
 * `configuration` for references whose value is unknown until apply.
 */

/** One resource instance as the plan will leave it. */
interface Instance {
  readonly address: string;
  readonly moduleAddress: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
  /** Pointer of `values` in the plan file. */
  readonly pointer: string;
  readonly unknown: unknown;
  readonly sensitive: unknown;
}

export const TERRAFORM_RESOURCE_TYPES = [
  'aws_iam_policy', 'aws_iam_role', 'aws_iam_role_policy', 'aws_iam_role_policy_attachment', 'aws_iam_user', 'aws_iam_user_policy',
  'aws_iam_user_policy_attachment', 'aws_iam_group', 'aws_iam_group_policy', 'aws_iam_group_policy_attachment', 'aws_iam_user_group_membership',
  'aws_iam_group_membership', 'aws_iam_policy_attachment', 'data.aws_iam_policy_document', 'data.aws_caller_identity', 'aws_mq_broker', 'aws_mq_configuration',
  'aws_organizations_policy', 'aws_organizations_policy_attachment',
] as const;

export function readTerraformPlan(text: string, file: string, options: SourceOptions): Estate {
  const estate = emptyEstate('terraform', [file]);
  const fail = (code: string, message: string, pointer = ''): Estate => {
    estate.errors.push({ code, message, origin: { file, address: '(plan)', pointer } });
    return estate;
  };
  const doc = readDocument(text, 'json');
  if (!doc.ok) return fail('malformed-json', `${doc.message}${doc.position ? ` at line ${doc.position.line}, column ${doc.position.column}` : ''}`, doc.pointer);
  const plan = obj(doc.value);
  if (!plan) return fail('not-a-plan', 'the file is not the JSON of `terraform show -json` (an object with `format_version`)');
  const version = plan.format_version;
  if (typeof version !== 'string' || !/^\d+\.\d+$/.test(version)) return fail('not-a-plan', 'no `format_version`: produce the file with `terraform show -json PLANFILE > plan.json`', '/format_version');
  if (!version.startsWith('1.')) return fail('unsupported-format-version', `\`format_version\` ${version} has a major version this reader does not know (it reads 1.x); HashiCorp says to reject an unsupported major version`, '/format_version');

  const lines = new LineIndex(text);
  const positionOf = (pointer: string): JsonPosition | undefined => doc.positions.get(pointer);
  const origin = (address: string, pointer: string): Origin => {
    const p = positionOf(pointer);
    return { file, address, pointer, ...(p ? { line: p.line, column: p.column } : {}) };
  };

  // What the plan will leave: planned_values for a plan, values for a state.
  const changes = new Map<string, Record<string, unknown>>();
  arr(plan.resource_changes).forEach((rc) => {
    const r = obj(rc);
    const change = obj(r?.change);
    if (r && change && typeof r.address === 'string' && r.deposed === undefined) changes.set(r.address, change);
  });
  const instances: Instance[] = [];
  const seen = new Set<string>();
  const walkModule = (m: unknown, pointer: string, sensitiveKey: 'sensitive_values'): void => {
    const mod = obj(m);
    if (!mod) return;
    arr(mod.resources).forEach((raw, i) => {
      const r = obj(raw);
      if (!r || typeof r.address !== 'string' || typeof r.type !== 'string' || seen.has(r.address)) return;
      seen.add(r.address);
      const change = changes.get(r.address);
      instances.push({
        address: r.address,
        moduleAddress: typeof mod.address === 'string' ? mod.address : '',
        mode: r.mode === 'data' ? 'data' : 'managed',
        type: r.type,
        name: typeof r.name === 'string' ? r.name : '',
        values: obj(r.values) ?? {},
        pointer: `${pointer}/resources/${i}/values`,
        unknown: change?.after_unknown,
        sensitive: mergeSensitive(r[sensitiveKey], change?.after_sensitive),
      });
    });
    arr(mod.child_modules).forEach((c, i) => walkModule(c, `${pointer}/child_modules/${i}`, sensitiveKey));
  };
  const planned = obj(plan.planned_values);
  const stateValues = obj(plan.values);
  if (planned) walkModule(planned.root_module, '/planned_values/root_module', 'sensitive_values');
  else if (stateValues) walkModule(stateValues.root_module, '/values/root_module', 'sensitive_values');
  else return fail('not-a-plan', 'the file has neither `planned_values` (a plan) nor `values` (a state)');
  // Data sources read while planning are in prior_state; those deferred to apply are in planned_values.
  const prior = obj(obj(plan.prior_state)?.values);
  if (prior) {
    const before = instances.length;
    walkModule(prior.root_module, '/prior_state/values/root_module', 'sensitive_values');
    instances.splice(before, instances.length - before, ...instances.slice(before).filter((x) => x.mode === 'data'));
  }
  const config = new ConfigIndex(obj(plan.configuration));

  const byAddress = new Map(instances.map((x) => [x.address, x]));
  const ofType = (type: string, mode: 'managed' | 'data' = 'managed'): Instance[] => instances.filter((x) => x.type === type && x.mode === mode);
  const typeLabel = (x: Instance): string => (x.mode === 'data' ? `data.${x.type}` : x.type);
  for (const x of instances) if ((TERRAFORM_RESOURCE_TYPES as readonly string[]).includes(typeLabel(x))) countRead(estate, typeLabel(x));

  const known = (x: Instance, attr: string): boolean => !isMarked(x.unknown, [attr]);
  const sensitive = (x: Instance, path: readonly (string | number)[]): boolean => isMarked(x.sensitive, path);
  const str = (x: Instance, attr: string): string | undefined => (known(x, attr) && !sensitive(x, [attr]) && typeof x.values[attr] === 'string' && x.values[attr] !== '' ? (x.values[attr] as string) : undefined);
  /** The instance an unknown attribute refers to, from the configuration's references. */
  const referenced = (x: Instance, attr: string, type: string): Instance | undefined => {
    const targets = config.references(x, attr).filter((r) => r.startsWith(`${type}.`) || r.startsWith(`data.${type}.`));
    const candidates = instances.filter((i) => targets.some((t) => config.instanceOf(i, t)));
    return candidates.length === 1 ? candidates[0] : undefined;
  };
  const tagsOf = (x: Instance): Record<string, string> => {
    // tags_all adds the provider's default_tags: what AWS will hold. Unknown, it leaves the real tags unknown.
    if (!known(x, 'tags_all')) estate.unresolved.push({ what: `the tags of \`${x.address}\``, why: '`tags_all` (its tags with the provider\'s default_tags) is unknown until apply; only `tags` is stored', origin: origin(x.address, x.pointer) });
    const attr = known(x, 'tags_all') && obj(x.values.tags_all) ? 'tags_all' : 'tags';
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(obj(x.values[attr]) ?? {})) {
      if (sensitive(x, [attr, k])) estate.notes.push({ code: 'sensitive-value', message: `tag \`${k}\` of \`${x.address}\` is sensitive and is not written`, origin: origin(x.address, x.pointer) });
      else if (isMarked(x.unknown, [attr, k])) estate.unresolved.push({ what: `tag \`${k}\` of \`${x.address}\``, why: 'its value is unknown until apply', origin: origin(x.address, `${x.pointer}/${attr}`) });
      else if (typeof v === 'string') out[k] = v;
    }
    return out;
  };

  // Account and region.
  const arnAccount = (): string | undefined => {
    for (const x of ofType('aws_caller_identity', 'data')) if (str(x, 'account_id')) return str(x, 'account_id');
    for (const x of instances) {
      const m = /^arn:aws[\w-]*:(?:iam|mq)::?(?:[a-z0-9-]*:)?(\d{12}):/.exec(str(x, 'arn') ?? '');
      if (m) return m[1];
    }
    return undefined;
  };
  estate.account = options.account ?? arnAccount();
  if (!estate.account) estate.unresolved.push({ what: 'the AWS account ID', why: 'no ARN or `data.aws_caller_identity` in the plan shows it: give `--account 111122223333`', origin: origin('(plan)', '') });
  const region = options.region ?? config.providerRegion();

  // Policies.
  const policyKeys = new Map<string, string>();
  const arnKeys = new Map<string, string>();
  const readDocumentAttr = (x: Instance, attr: string, name: string, use: EstatePolicy['use'], owner?: string, path: (string | number)[] = [attr]): EstatePolicy | undefined => {
    const pointer = `${x.pointer}/${path.map(escapePointerToken).join('/')}`;
    const where = origin(x.address, pointer);
    if (isMarked(x.unknown, path)) {
      // An unknown argument that is the `json` of an aws_iam_policy_document the plan already rendered.
      const rendered = path.length === 1 ? referenced(x, attr, 'aws_iam_policy_document') : undefined;
      if (rendered && rendered.mode === 'data' && str(rendered, 'json')) return readDocumentAttr(rendered, 'json', name, use, owner);
      estate.unresolved.push({ what: `${use === 'trust' ? 'trust policy' : 'policy'} \`${name}\` (${x.address}${path.length > 1 ? ` ${path.join('.')}` : ''})`, why: 'the document is unknown until apply (it depends on values the plan cannot know)', origin: where });
      return undefined;
    }
    if (isMarked(x.sensitive, path)) {
      estate.unresolved.push({ what: `policy \`${name}\` (${x.address})`, why: 'the document is marked sensitive, and sensitive values are never written out', origin: where });
      return undefined;
    }
    let value: unknown = x.values;
    for (const p of path) value = (value as Record<string | number, unknown> | undefined)?.[p];
    if (typeof value !== 'string' || value === '') {
      estate.unresolved.push({ what: `policy \`${name}\` (${x.address})`, why: 'the plan holds no policy document here', origin: where });
      return undefined;
    }
    const at = positionOf(pointer);
    const read = readPolicyString(value, at ? { raw: text, lines, at } : undefined);
    if (!read.ok) {
      estate.errors.push({ code: 'malformed-policy', message: `the policy document of \`${x.address}\` is not JSON: ${read.message}`, origin: where });
      return undefined;
    }
    return { name, use, document: read.document, origin: where, locate: read.locate, ...(owner !== undefined ? { owner } : {}) };
  };

  for (const x of ofType('aws_iam_policy')) {
    const name = str(x, 'name') ?? x.name;
    const p = readDocumentAttr(x, 'policy', name, 'identity');
    if (!p) continue;
    estate.policies.set(x.address, p);
    policyKeys.set(x.address, x.address);
    const arn = str(x, 'arn') ?? (estate.account ? `arn:${options.partition ?? 'aws'}:iam::${estate.account}:policy${str(x, 'path') ?? '/'}${name}` : undefined);
    if (arn) arnKeys.set(arn, x.address);
  }
  /** The estate key of the policy an attachment names (by ARN, or by reference when the ARN is unknown). */
  const policyOf = (x: Instance, attr: string, use: 'identity' | 'boundary'): string | undefined => {
    const arn = str(x, attr);
    const where = origin(x.address, `${x.pointer}/${attr}`);
    let key: string | undefined;
    if (arn && isAwsManagedArn(arn)) key = awsManagedPolicy(estate, arn, use, where, options);
    else if (arn) {
      key = arnKeys.get(arn);
      if (!key) estate.unresolved.push({ what: `policy \`${arn}\` (${x.address})`, why: 'the policy is not managed in this plan, so its document is unknown', origin: where });
    } else {
      const target = referenced(x, attr, 'aws_iam_policy');
      key = target ? policyKeys.get(target.address) : undefined;
      if (!key && !(target && isMarked(target.unknown, ['policy']))) estate.unresolved.push({ what: `the policy of \`${x.address}\``, why: 'its ARN is unknown until apply and the configuration does not name one policy of this plan', origin: where });
    }
    if (key && use === 'boundary') {
      const p = estate.policies.get(key)!;
      const bkey = `${key}#boundary`;
      if (!estate.policies.has(bkey)) estate.policies.set(bkey, { ...p, use: 'boundary' });
      return bkey;
    }
    return key;
  };

  // Principals.
  type Principal = { policies: string[] };
  const roles = new Map<string, Instance>();
  const users = new Map<string, Instance>();
  const groups = new Map<string, Instance>();
  const entity = <T extends Principal>(x: Instance, kind: 'role' | 'user' | 'group', build: (name: string) => T, into: Map<string, Instance>, list: T[]): void => {
    const name = str(x, 'name');
    if (!name) {
      estate.unresolved.push({ what: `the name of \`${x.address}\``, why: 'it is unknown until apply (name_prefix?); scenarios could not name this principal', origin: origin(x.address, `${x.pointer}/name`) });
      return;
    }
    into.set(name, x);
    list.push(build(name));
    void kind;
  };
  for (const x of ofType('aws_iam_role')) {
    entity(x, 'role', (name) => ({ name, path: str(x, 'path') ?? '/', ...(str(x, 'unique_id') ? { id: str(x, 'unique_id')! } : {}), policies: [], tags: tagsOf(x), origin: origin(x.address, x.pointer) }), roles, estate.roles);
  }
  for (const x of ofType('aws_iam_user')) {
    entity(x, 'user', (name) => ({ name, path: str(x, 'path') ?? '/', ...(str(x, 'unique_id') ? { id: str(x, 'unique_id')! } : {}), groups: [], policies: [], tags: tagsOf(x), origin: origin(x.address, x.pointer) }), users, estate.users);
  }
  for (const x of ofType('aws_iam_group')) {
    entity(x, 'group', (name) => ({ name, path: str(x, 'path') ?? '/', policies: [], origin: origin(x.address, x.pointer) }), groups, estate.groups);
  }
  const findByName = <T extends { name: string }>(list: T[], into: Map<string, Instance>, x: Instance, attr: string, type: string, what: string): T | undefined => {
    let name = str(x, attr);
    if (!name) {
      const target = referenced(x, attr, type);
      name = target ? [...into].find(([, i]) => i === target)?.[0] : undefined;
    }
    const found = name !== undefined ? list.find((e) => e.name === name) : undefined;
    if (!found) estate.unresolved.push({ what: `the ${what} of \`${x.address}\`${name ? ` (\`${name}\`)` : ''}`, why: name ? `the ${what} is not in this plan, so its other policies are unknown` : `its name is unknown until apply and the configuration does not name one ${what} of this plan`, origin: origin(x.address, `${x.pointer}/${attr}`) });
    return found;
  };

  for (const role of estate.roles) {
    const x = roles.get(role.name)!;
    const trust = readDocumentAttr(x, 'assume_role_policy', `${role.name}.trust`, 'trust', role.name);
    if (trust) {
      estate.policies.set(`${x.address}#trust`, trust);
      role.trust = `${x.address}#trust`;
    }
    if (isMarked(x.unknown, ['inline_policy']) && config.sets(x, 'inline_policy')) estate.unresolved.push({ what: `\`inline_policy\` of \`${x.address}\``, why: 'unknown until apply', origin: origin(x.address, `${x.pointer}/inline_policy`) });
    arr(x.values.inline_policy).forEach((raw, i) => {
      const name = obj(raw)?.name;
      if (typeof name !== 'string' || name === '') return;
      const p = readDocumentAttr(x, 'policy', name, 'identity', role.name, ['inline_policy', i, 'policy']);
      if (p) {
        estate.policies.set(`${x.address}#inline.${name}`, p);
        role.policies.push(`${x.address}#inline.${name}`);
      }
    });
    // A computed list the configuration does not set is the sum of the attachment resources, read below.
    if (isMarked(x.unknown, ['managed_policy_arns']) && config.sets(x, 'managed_policy_arns')) estate.unresolved.push({ what: `\`managed_policy_arns\` of \`${x.address}\``, why: 'unknown until apply', origin: origin(x.address, `${x.pointer}/managed_policy_arns`) });
    arr(x.values.managed_policy_arns).forEach((arn, i) => {
      if (typeof arn !== 'string') return;
      const fake: Instance = { ...x, values: { a: arn }, unknown: isMarked(x.unknown, ['managed_policy_arns', i]) ? { a: true } : undefined };
      const key = policyOf(fake, 'a', 'identity');
      if (key) role.policies.push(key);
    });
    if (x.values.permissions_boundary !== undefined && x.values.permissions_boundary !== null && x.values.permissions_boundary !== '') role.boundary = policyOf(x, 'permissions_boundary', 'boundary');
    else if (isMarked(x.unknown, ['permissions_boundary'])) role.boundary = policyOf(x, 'permissions_boundary', 'boundary');
  }
  for (const user of estate.users) {
    const x = users.get(user.name)!;
    if ((x.values.permissions_boundary ?? '') !== '' || isMarked(x.unknown, ['permissions_boundary'])) user.boundary = policyOf(x, 'permissions_boundary', 'boundary');
  }

  const inline = (type: string, holderAttr: string, list: { name: string; policies: string[] }[], into: Map<string, Instance>, holderType: string, what: string): void => {
    for (const x of ofType(type)) {
      const holder = findByName(list, into, x, holderAttr, holderType, what);
      const name = str(x, 'name') ?? x.name;
      const p = readDocumentAttr(x, 'policy', name, 'identity', holder?.name);
      if (!p || !holder) continue;
      estate.policies.set(x.address, p);
      // The provider also reports this policy in the role's computed `inline_policy`: the resource is the one read.
      const echoed = holder.policies.findIndex((k) => k.endsWith(`#inline.${name}`));
      if (echoed >= 0) {
        estate.policies.delete(holder.policies[echoed]!);
        holder.policies.splice(echoed, 1);
      }
      holder.policies.push(x.address);
    }
  };
  inline('aws_iam_role_policy', 'role', estate.roles, roles, 'aws_iam_role', 'role');
  inline('aws_iam_user_policy', 'user', estate.users, users, 'aws_iam_user', 'user');
  inline('aws_iam_group_policy', 'group', estate.groups, groups, 'aws_iam_group', 'group');
  const attachment = (type: string, holderAttr: string, list: { name: string; policies: string[] }[], into: Map<string, Instance>, holderType: string, what: string): void => {
    for (const x of ofType(type)) {
      const holder = findByName(list, into, x, holderAttr, holderType, what);
      const key = policyOf(x, 'policy_arn', 'identity');
      if (holder && key && !holder.policies.includes(key)) holder.policies.push(key);
    }
  };
  attachment('aws_iam_role_policy_attachment', 'role', estate.roles, roles, 'aws_iam_role', 'role');
  attachment('aws_iam_user_policy_attachment', 'user', estate.users, users, 'aws_iam_user', 'user');
  attachment('aws_iam_group_policy_attachment', 'group', estate.groups, groups, 'aws_iam_group', 'group');
  for (const x of ofType('aws_iam_policy_attachment')) {
    const key = policyOf(x, 'policy_arn', 'identity');
    for (const [attr, list] of [['roles', estate.roles], ['users', estate.users], ['groups', estate.groups]] as const) {
      if (isMarked(x.unknown, [attr])) estate.unresolved.push({ what: `\`${attr}\` of \`${x.address}\``, why: 'unknown until apply', origin: origin(x.address, `${x.pointer}/${attr}`) });
      for (const n of arr(x.values[attr])) {
        const holder = (list as { name: string; policies: string[] }[]).find((e) => e.name === n);
        if (!holder) estate.unresolved.push({ what: `\`${String(n)}\` of \`${x.address}\``, why: `not in this plan, so its other policies are unknown`, origin: origin(x.address, `${x.pointer}/${attr}`) });
        else if (key && !holder.policies.includes(key)) holder.policies.push(key);
      }
    }
  }
  const join = (user: string, group: string, x: Instance, attr: string): void => {
    const u = estate.users.find((e) => e.name === user);
    const g = estate.groups.find((e) => e.name === group);
    if (!u || !g) {
      estate.unresolved.push({ what: `membership of \`${user}\` in \`${group}\` (${x.address})`, why: `${!u ? `user \`${user}\`` : `group \`${group}\``} is not in this plan`, origin: origin(x.address, `${x.pointer}/${attr}`) });
      return;
    }
    if (!u.groups.includes(group)) u.groups.push(group);
  };
  for (const x of ofType('aws_iam_user_group_membership')) {
    const user = findByName(estate.users, users, x, 'user', 'aws_iam_user', 'user');
    if (isMarked(x.unknown, ['groups'])) estate.unresolved.push({ what: `\`groups\` of \`${x.address}\``, why: 'unknown until apply', origin: origin(x.address, `${x.pointer}/groups`) });
    if (user) for (const g of arr(x.values.groups)) if (typeof g === 'string') join(user.name, g, x, 'groups');
  }
  for (const x of ofType('aws_iam_group_membership')) {
    const group = findByName(estate.groups, groups, x, 'group', 'aws_iam_group', 'group');
    if (isMarked(x.unknown, ['users'])) estate.unresolved.push({ what: `\`users\` of \`${x.address}\``, why: 'unknown until apply', origin: origin(x.address, `${x.pointer}/users`) });
    if (group) for (const u of arr(x.values.users)) if (typeof u === 'string') join(u, group.name, x, 'users');
  }

  // Amazon MQ.
  for (const [type, kind, nameAttr] of [['aws_mq_broker', 'broker', 'broker_name'], ['aws_mq_configuration', 'configuration', 'name']] as const) {
    for (const x of ofType(type)) {
      const name = str(x, nameAttr);
      const where = origin(x.address, x.pointer);
      if (!name) {
        estate.unresolved.push({ what: `the name of \`${x.address}\``, why: 'unknown until apply: scenarios could not name it', origin: where });
        continue;
      }
      const arn = str(x, 'arn');
      const m = arn ? /^arn:aws[\w-]*:mq:([a-z0-9-]+):(\d{12}):/.exec(arn) : null;
      const id = str(x, 'id');
      const r = m?.[1] ?? region;
      if (!r) estate.unresolved.push({ what: `the region of ${kind} \`${name}\``, why: 'neither its ARN nor the provider configuration shows it: give `--region`', origin: where });
      if (!id) estate.notes.push({ code: 'placeholder-id', message: `the id and ARN of ${kind} \`${name}\` are unknown until apply; it is stored with the placeholder id \`${placeholderId(kind, x.address)}\` (its name and tags are known)`, origin: where });
      estate.resources.push({ kind, name, id: id ?? placeholderId(kind, x.address), placeholderId: !id, region: r ?? 'us-east-1', ...(m?.[2] ? { account: m[2] } : {}), tags: tagsOf(x), ...(str(x, 'engine_type') ? { engine: str(x, 'engine_type')! } : {}), origin: where });
    }
  }

  readScps(estate, ofType('aws_organizations_policy'), ofType('aws_organizations_policy_attachment'), { origin, str, readDocumentAttr, referenced, isUnknown: (x, a) => isMarked(x.unknown, [a]) });
  void byAddress;
  return estate;
}

interface ScpHelpers {
  origin(address: string, pointer: string): Origin;
  str(x: Instance, attr: string): string | undefined;
  readDocumentAttr(x: Instance, attr: string, name: string, use: EstatePolicy['use']): EstatePolicy | undefined;
  referenced(x: Instance, attr: string, type: string): Instance | undefined;
  isUnknown(x: Instance, attr: string): boolean;
}

/**
 * SCPs and where they are attached. Levels the plan shows become SCP levels root → OUs → account; each also
 * carries the assumed FullAWSAccess (AWS attaches it by default and the plan cannot show its detachment), so
 * a plan's SCP is never evaluated as the only policy of its level. Levels the plan does not show allow all.
 */
function readScps(estate: Estate, policies: Instance[], attachments: Instance[], h: ScpHelpers): void {
  if (attachments.length === 0 && policies.length === 0) return;
  const byId = new Map<string, Instance>();
  for (const p of policies) {
    const type = h.str(p, 'type') ?? 'SERVICE_CONTROL_POLICY';
    if (type !== 'SERVICE_CONTROL_POLICY') {
      estate.notes.push({ code: 'not-an-scp', message: `\`${p.address}\` is a ${type}, not an SCP: it does not decide IAM requests here and is not read`, origin: h.origin(p.address, p.pointer) });
      continue;
    }
    const id = h.str(p, 'id');
    if (id) byId.set(id, p);
  }
  const levels = new Map<string, { target: string; keys: string[]; explicitFull: boolean }>();
  for (const a of attachments) {
    const where = h.origin(a.address, a.pointer);
    let target = h.str(a, 'target_id');
    if (!target) {
      estate.unresolved.push({ what: `the target of \`${a.address}\``, why: 'its target id is unknown until apply, so the level it guards is unknown', origin: where });
      continue;
    }
    if (/^\d{12}$/.test(target) && estate.account && target !== estate.account) {
      estate.notes.push({ code: 'other-account', message: `\`${a.address}\` attaches an SCP to account ${target}, not to ${estate.account}: left out`, origin: where });
      continue;
    }
    target = target.trim();
    const level = levels.get(target) ?? { target, keys: [], explicitFull: false };
    levels.set(target, level);
    const policyId = h.str(a, 'policy_id');
    if (policyId === 'p-FullAWSAccess') {
      level.explicitFull = true;
      continue;
    }
    const policy = policyId ? byId.get(policyId) : h.referenced(a, 'policy_id', 'aws_organizations_policy');
    if (!policy) {
      estate.unresolved.push({ what: `the SCP attached by \`${a.address}\`${policyId ? ` (\`${policyId}\`)` : ''}`, why: 'the policy is not in this plan, so its document is unknown', origin: where });
      continue;
    }
    const key = `${policy.address}@${target}`;
    const doc = h.readDocumentAttr(policy, 'content', h.str(policy, 'name') ?? policy.name, 'scp');
    if (!doc) continue;
    estate.policies.set(key, doc);
    level.keys.push(key);
  }
  const rank = (t: string): number => (t.startsWith('r-') ? 0 : t.startsWith('ou-') ? 1 : 2);
  const ordered = [...levels.values()].sort((a, b) => rank(a.target) - rank(b.target) || a.target.localeCompare(b.target));
  if (ordered.filter((l) => rank(l.target) === 1).length > 1) estate.notes.push({ code: 'ou-order', message: 'the plan attaches SCPs to several OUs; they are taken as the account\'s OU chain in id order (each level must allow, so the order changes explanations, not decisions)' });
  ordered.forEach((l, i) => {
    const name = `${i}-${l.target}`;
    const full = `full@${l.target}`;
    estate.policies.set(full, { name: 'FullAWSAccess', use: 'scp', document: FULL_AWS_ACCESS, origin: { file: estate.inputs[0]!, address: l.explicitFull ? `p-FullAWSAccess attached to ${l.target}` : `assumed FullAWSAccess on ${l.target}`, pointer: '' } });
    estate.scpLevels.push({ name, target: l.target, policies: [full, ...l.keys], assumedFullAccess: !l.explicitFull });
    if (!l.explicitFull) estate.notes.push({ code: 'assumed-full-aws-access', message: `SCP level \`${l.target}\` also carries AWS's default FullAWSAccess: the plan cannot show whether it was detached` });
  });
  const shown = new Set(ordered.map((l) => rank(l.target)));
  const missing = [shown.has(0) ? undefined : 'the root', shown.has(1) ? undefined : 'the OU chain', shown.has(2) ? undefined : 'the account'].filter(Boolean);
  if (missing.length > 0) estate.notes.push({ code: 'assumed-full-aws-access', message: `the plan shows no SCP attached to ${missing.join(', ')}: those levels are assumed to carry only AWS's default FullAWSAccess (they allow everything)` });
}

/** The configuration's view: references of each expression, and which instances a config address stands for. */
class ConfigIndex {
  private readonly resources = new Map<string, Record<string, unknown>>();
  constructor(private readonly config: Record<string, unknown> | undefined) {
    const walk = (m: unknown, prefix: string): void => {
      const mod = obj(m);
      if (!mod) return;
      for (const r of arr(mod.resources)) {
        const res = obj(r);
        if (res && typeof res.address === 'string') this.resources.set(`${prefix}${res.address}`, res);
      }
      for (const [name, call] of Object.entries(obj(mod.module_calls) ?? {})) walk(obj(call)?.module, `${prefix}module.${name}.`);
    };
    walk(config?.root_module, '');
  }

  /** The configuration address of an instance: the address without instance keys (`module.a["x"].b.c[0]` → `module.a.b.c`). */
  static configAddress(address: string): string {
    return address.replace(/\[[^\]]*\]/g, '');
  }

  references(x: Instance, attr: string): string[] {
    const r = this.resources.get(ConfigIndex.configAddress(x.address));
    const refs = obj(obj(obj(r?.expressions)?.[attr])?.references);
    void refs;
    const list = arr(obj(obj(r?.expressions)?.[attr])?.references).filter((s): s is string => typeof s === 'string');
    const modulePrefix = ConfigIndex.configAddress(x.moduleAddress);
    return list.map((s) => (modulePrefix ? `${modulePrefix}.${s}` : s));
  }

  /** True when `ref` (`aws_iam_policy.mq.arn`, `module.m.aws_iam_policy.mq`) names the instance's configuration resource. */
  instanceOf(i: Instance, ref: string): boolean {
    const base = ConfigIndex.configAddress(i.address);
    return ref === base || ref.startsWith(`${base}.`);
  }

  /** True when the configuration sets the argument (or when there is no configuration to tell). */
  sets(x: Instance, attr: string): boolean {
    if (!this.config) return true;
    const r = this.resources.get(ConfigIndex.configAddress(x.address));
    return !r || obj(r.expressions)?.[attr] !== undefined;
  }

  providerRegion(): string | undefined {
    const aws = obj(obj(this.config?.provider_config)?.aws);
    const v = obj(obj(aws?.expressions)?.region)?.constant_value;
    return typeof v === 'string' && v !== '' ? v : undefined;
  }
}

/** A `after_unknown` / `sensitive_values` marker: `true` at the path or at one of its ancestors. */
export function isMarked(marks: unknown, path: readonly (string | number)[]): boolean {
  let m: unknown = marks;
  for (const p of path) {
    if (m === true) return true;
    if (m === null || typeof m !== 'object') return false;
    m = (m as Record<string | number, unknown>)[p];
  }
  return m === true;
}

/** Sensitivity from planned_values and resource_changes together: sensitive in either is sensitive. */
function mergeSensitive(a: unknown, b: unknown): unknown {
  if (a === true || b === true) return true;
  if (a === undefined || a === null || a === false) return b;
  if (b === undefined || b === null || b === false) return a;
  if (typeof a !== 'object' || typeof b !== 'object') return a;
  const out: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) out[k] = mergeSensitive((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]);
  return Array.isArray(a) ? Object.assign([], out) : out;
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
