import type { JsonPosition } from '../../parse';
import { readDocument } from '../../load/read-document';
import { countRead, emptyEstate, placeholderId, type Estate, type EstatePolicy, type Origin, type SourceOptions } from '../estate';
import { awsManagedPolicy, isAwsManagedArn } from '../managed';
import { locateIn } from '../policy-text';
import { conditionValue, evaluate, NO_VALUE, Unknown, type IntrinsicContext } from './intrinsics';
import { readYamlTemplate } from './read-yaml-template';

export const CLOUDFORMATION_RESOURCE_TYPES = [
  'AWS::IAM::ManagedPolicy', 'AWS::IAM::Policy', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group', 'AWS::IAM::UserToGroupAddition', 'AWS::AmazonMQ::Broker', 'AWS::AmazonMQ::Configuration',
] as const;

interface Resource {
  readonly id: string;
  readonly type: string;
  readonly properties: Record<string, unknown>;
  readonly pointer: string;
}

/**
 * Reads a CloudFormation template (JSON, or YAML with the short-form intrinsic tags) as the CloudFormation
 * Template Reference describes its IAM and Amazon MQ resource types. Values are resolved where knowable
 * (see intrinsics.ts); what is not is reported by logical id and path.
 */
export function readCloudFormationTemplate(text: string, file: string, options: SourceOptions): Estate {
  const estate = emptyEstate('cloudformation', [file]);
  const trimmed = text.trimStart();
  const parsed = trimmed.startsWith('{') ? fromJson(text) : readYamlTemplate(text);
  if (!parsed.ok) {
    estate.errors.push({ code: 'malformed-template', message: `${parsed.message}${parsed.position ? ` at line ${parsed.position.line}, column ${parsed.position.column}` : ''}`, origin: { file, address: '(template)', pointer: '' } });
    return estate;
  }
  const { positions } = parsed;
  const template = obj(parsed.value);
  const resourcesRaw = obj(template?.Resources);
  if (!template || !resourcesRaw) {
    estate.errors.push({ code: 'not-a-template', message: 'the file is not a CloudFormation template (no `Resources`)', origin: { file, address: '(template)', pointer: '' } });
    return estate;
  }
  const origin = (address: string, pointer: string): Origin => {
    const p = positions.get(pointer) ?? nearestPosition(positions, pointer);
    return { file, address, pointer, ...(p ? { line: p.line, column: p.column } : {}) };
  };

  // Parameters and pseudo parameters.
  const values = new Map<string, unknown>();
  const unknownValues = new Map<string, string>();
  const partition = options.partition ?? 'aws';
  if (options.partition === undefined) estate.notes.push({ code: 'assumed-partition', message: '`AWS::Partition` is taken as `aws` (give `--partition` for another)' });
  values.set('AWS::Partition', partition);
  values.set('AWS::URLSuffix', partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com');
  if (options.account !== undefined) values.set('AWS::AccountId', options.account);
  else unknownValues.set('AWS::AccountId', '`AWS::AccountId` has no value: give `--account`');
  if (options.region !== undefined) values.set('AWS::Region', options.region);
  else unknownValues.set('AWS::Region', '`AWS::Region` has no value: give `--region`');
  for (const p of ['AWS::StackName', 'AWS::StackId', 'AWS::NotificationARNs']) unknownValues.set(p, `\`${p}\` is known only once the stack exists`);
  estate.account = options.account;
  for (const [name, raw] of Object.entries(obj(template.Parameters) ?? {})) {
    const p = obj(raw) ?? {};
    const given = options.parameters?.get(name);
    const value = given ?? (p.Default !== undefined ? String(p.Default) : undefined);
    if (p.NoEcho === true || p.NoEcho === 'true') unknownValues.set(name, `parameter \`${name}\` is NoEcho (sensitive) and is never written out`);
    else if (value === undefined) unknownValues.set(name, `parameter \`${name}\` has no default: give \`--parameter ${name}=VALUE\``);
    else values.set(name, typeof p.Type === 'string' && (p.Type === 'CommaDelimitedList' || p.Type.startsWith('List<')) ? value.split(',').map((s) => s.trim()) : value);
  }
  for (const name of options.parameters?.keys() ?? []) if (!(name in (obj(template.Parameters) ?? {}))) estate.notes.push({ code: 'unused-parameter', message: `\`--parameter ${name}\` names no parameter of ${file}` });

  const resources = new Map<string, Resource>();
  for (const [id, raw] of Object.entries(resourcesRaw)) {
    const r = obj(raw);
    if (r && typeof r.Type === 'string') resources.set(id, { id, type: r.Type, properties: obj(r.Properties) ?? {}, pointer: `/Resources/${id}/Properties` });
  }
  const conditionsRaw = obj(template.Conditions) ?? {};
  const conditionCache = new Map<string, boolean | Unknown>();
  const known = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

  // Names the reader can know before the stack exists: only those written in the template.
  const explicitName = (r: Resource): unknown => {
    const prop = { 'AWS::IAM::Role': 'RoleName', 'AWS::IAM::User': 'UserName', 'AWS::IAM::Group': 'GroupName', 'AWS::IAM::ManagedPolicy': 'ManagedPolicyName', 'AWS::AmazonMQ::Broker': 'BrokerName', 'AWS::AmazonMQ::Configuration': 'Name' }[r.type];
    return prop && r.properties[prop] !== undefined ? evaluate(r.properties[prop], ctx, `${r.pointer}/${prop}`) : undefined;
  };
  const iamArn = (r: Resource, kind: string): string | undefined => {
    const name = known(explicitName(r));
    const path = known(evaluate(r.properties.Path ?? '/', ctx, `${r.pointer}/Path`)) ?? '/';
    const account = values.get('AWS::AccountId');
    return name && typeof account === 'string' ? `arn:${partition}:iam::${account}:${kind}${path}${name}` : undefined;
  };
  const mqIds = new Map<string, string>();
  const mqId = (r: Resource): string => {
    let id = mqIds.get(r.id);
    if (!id) mqIds.set(r.id, (id = placeholderId(r.type === 'AWS::AmazonMQ::Broker' ? 'broker' : 'configuration', `${file}#${r.id}`)));
    return id;
  };
  const ctx: IntrinsicContext = {
    values,
    unknownValues,
    mappings: obj(template.Mappings) ?? {},
    resourceRef(id) {
      const r = resources.get(id);
      if (!r) return undefined;
      if (r.type === 'AWS::IAM::ManagedPolicy') return iamArn(r, 'policy');
      if (['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'].includes(r.type)) return known(explicitName(r));
      if (r.type === 'AWS::AmazonMQ::Broker' || r.type === 'AWS::AmazonMQ::Configuration') return mqId(r);
      return undefined;
    },
    resourceAttribute(id, attr) {
      const r = resources.get(id);
      if (!r) return undefined;
      if (attr === 'Arn' && r.type === 'AWS::IAM::Role') return iamArn(r, 'role');
      if (attr === 'Arn' && r.type === 'AWS::IAM::User') return iamArn(r, 'user');
      if (attr === 'Arn' && r.type === 'AWS::IAM::Group') return iamArn(r, 'group');
      if (attr === 'PolicyArn' && r.type === 'AWS::IAM::ManagedPolicy') return iamArn(r, 'policy');
      const region = values.get('AWS::Region');
      const account = values.get('AWS::AccountId');
      if (typeof region !== 'string' || typeof account !== 'string') return undefined;
      if (r.type === 'AWS::AmazonMQ::Broker' && attr === 'Arn') {
        const name = known(explicitName(r));
        return name ? `arn:${partition}:mq:${region}:${account}:broker:${name}:${mqId(r)}` : undefined;
      }
      if (r.type === 'AWS::AmazonMQ::Configuration' && (attr === 'Arn' || attr === 'Id')) return attr === 'Id' ? mqId(r) : `arn:${partition}:mq:${region}:${account}:configuration:${mqId(r)}`;
      return undefined;
    },
    condition(name) {
      const cached = conditionCache.get(name);
      if (cached !== undefined) return cached;
      if (!(name in conditionsRaw)) return new Unknown(`/Conditions/${name}`, `no condition \`${name}\``);
      conditionCache.set(name, new Unknown(`/Conditions/${name}`, `condition \`${name}\` refers to itself`));
      const v = conditionValue(conditionsRaw[name], ctx, `/Conditions/${name}`);
      conditionCache.set(name, v);
      return v;
    },
  };

  const unresolved = (r: Resource, what: string, u: Unknown): void => {
    estate.unresolved.push({ what: `${what} of \`${r.id}\` (${r.type})`, why: `${u.reason} at ${u.path}`, origin: origin(r.id, u.path) });
  };
  /** Evaluates one property; undefined (and an unresolved entry) when it is not knowable. */
  const prop = (r: Resource, name: string, what = `\`${name}\``): unknown => {
    if (r.properties[name] === undefined) return undefined;
    const v = evaluate(r.properties[name], ctx, `${r.pointer}/${name}`);
    if (v instanceof Unknown) {
      unresolved(r, what, v);
      return undefined;
    }
    return v === NO_VALUE ? undefined : v;
  };
  const created = (id: string): boolean | undefined => {
    const cond = obj(resourcesRaw[id])?.Condition;
    if (typeof cond !== 'string') return true;
    const v = ctx.condition(cond);
    if (v instanceof Unknown) {
      estate.unresolved.push({ what: `whether \`${id}\` is created`, why: `its condition \`${cond}\`: ${v.reason}`, origin: origin(id, `/Resources/${id}/Condition`) });
      return undefined;
    }
    if (!v) estate.notes.push({ code: 'not-created', message: `\`${id}\` is not created (condition \`${cond}\` is false)`, origin: origin(id, `/Resources/${id}/Condition`) });
    return v;
  };
  const live = [...resources.values()].filter((r) => (CLOUDFORMATION_RESOURCE_TYPES as readonly string[]).includes(r.type) && created(r.id) === true);
  for (const r of live) countRead(estate, r.type);

  const policyDoc = (r: Resource, docPointer: string, raw: unknown, name: string, use: EstatePolicy['use'], owner?: string): EstatePolicy | undefined => {
    const v = evaluate(raw, ctx, docPointer);
    if (v instanceof Unknown) {
      estate.unresolved.push({ what: `${use === 'trust' ? 'trust policy' : 'policy'} \`${name}\` of \`${r.id}\``, why: `${v.reason} at ${v.path}`, origin: origin(r.id, v.path) });
      return undefined;
    }
    const doc = typeof v === 'string' ? safeJson(v) : v;
    if (doc === undefined) {
      estate.errors.push({ code: 'malformed-policy', message: `the policy document of \`${r.id}\` is a string that is not JSON`, origin: origin(r.id, docPointer) });
      return undefined;
    }
    return { name, use, document: doc, origin: origin(r.id, docPointer), locate: locateIn(positions, docPointer), ...(owner !== undefined ? { owner } : {}) };
  };

  // Managed policies (customer): by logical id, and by ARN when knowable.
  const managedByArn = new Map<string, string>();
  const managedByName = new Map<string, string>();
  for (const r of live.filter((x) => x.type === 'AWS::IAM::ManagedPolicy')) {
    const name = known(prop(r, 'ManagedPolicyName')) ?? r.id;
    const p = policyDoc(r, `${r.pointer}/PolicyDocument`, r.properties.PolicyDocument, name, 'identity');
    if (!p) continue;
    estate.policies.set(r.id, p);
    const arn = iamArn(r, 'policy');
    if (arn) managedByArn.set(arn, r.id);
    managedByName.set(name, r.id);
  }
  /** A `ManagedPolicyArns` / `PermissionsBoundary` entry: `!Ref` of a policy of the template, or an ARN. */
  const policyRef = (r: Resource, raw: unknown, pointer: string, use: 'identity' | 'boundary'): string | undefined => {
    let key: string | undefined;
    const refId = obj(raw)?.Ref;
    if (typeof refId === 'string' && resources.get(refId)?.type === 'AWS::IAM::ManagedPolicy') {
      key = estate.policies.has(refId) ? refId : undefined;
      if (!key && created(refId) !== false) return undefined; // already listed as unresolved
      if (!key) return undefined;
    } else {
      const v = evaluate(raw, ctx, pointer);
      if (v instanceof Unknown) {
        unresolved(r, use === 'boundary' ? '`PermissionsBoundary`' : 'a managed policy ARN', v);
        return undefined;
      }
      if (typeof v !== 'string') return undefined;
      if (isAwsManagedArn(v)) key = awsManagedPolicy(estate, v, use, origin(r.id, pointer), options);
      else {
        key = managedByArn.get(v) ?? managedByName.get(v.replace(/^.*\//, ''));
        if (!key) estate.unresolved.push({ what: `policy \`${v}\` of \`${r.id}\``, why: 'the policy is not in this template, so its document is unknown', origin: origin(r.id, pointer) });
      }
    }
    if (key && use === 'boundary') {
      const bkey = `${key}#boundary`;
      if (!estate.policies.has(bkey)) estate.policies.set(bkey, { ...estate.policies.get(key)!, use: 'boundary' });
      return bkey;
    }
    return key;
  };
  const inlinePolicies = (r: Resource, owner: string): string[] =>
    arr(r.properties.Policies).flatMap((raw, i) => {
      const p = obj(raw);
      const name = known(p ? evaluate(p.PolicyName, ctx, `${r.pointer}/Policies/${i}/PolicyName`) : undefined) ?? `${r.id}-policy-${i}`;
      const doc = p ? policyDoc(r, `${r.pointer}/Policies/${i}/PolicyDocument`, p.PolicyDocument, name, 'identity', owner) : undefined;
      if (!doc) return [];
      const key = `${r.id}#Policies.${i}`;
      estate.policies.set(key, doc);
      return [key];
    });
  const managedArns = (r: Resource): string[] =>
    arr(r.properties.ManagedPolicyArns).flatMap((raw, i) => {
      const k = policyRef(r, raw, `${r.pointer}/ManagedPolicyArns/${i}`, 'identity');
      return k ? [k] : [];
    });
  const tagsOf = (r: Resource): Record<string, string> => {
    const out: Record<string, string> = {};
    const v = prop(r, 'Tags', '`Tags`');
    for (const t of arr(v)) {
      const o = obj(t);
      if (o && typeof o.Key === 'string' && typeof o.Value === 'string') out[o.Key] = o.Value;
    }
    return out;
  };
  const pathOf = (r: Resource): string => known(prop(r, 'Path')) ?? '/';
  const nameOf = (r: Resource, property: string): string => {
    const v = r.properties[property] !== undefined ? prop(r, property) : undefined;
    if (r.properties[property] === undefined) estate.notes.push({ code: 'logical-id-name', message: `\`${r.id}\` has no \`${property}\`: CloudFormation will generate one; scenarios name it by its logical id`, origin: origin(r.id, `/Resources/${r.id}`) });
    return known(v) ?? r.id;
  };

  const groupNames = new Map<string, string>();
  for (const r of live.filter((x) => x.type === 'AWS::IAM::Group')) {
    const name = nameOf(r, 'GroupName');
    groupNames.set(r.id, name);
    estate.groups.push({ name, path: pathOf(r), policies: [...inlinePolicies(r, name), ...managedArns(r)], origin: origin(r.id, `/Resources/${r.id}`) });
  }
  const userNames = new Map<string, string>();
  for (const r of live.filter((x) => x.type === 'AWS::IAM::User')) {
    const name = nameOf(r, 'UserName');
    userNames.set(r.id, name);
    const groups = nameList(r, 'Groups', groupNames);
    const boundary = r.properties.PermissionsBoundary !== undefined ? policyRef(r, r.properties.PermissionsBoundary, `${r.pointer}/PermissionsBoundary`, 'boundary') : undefined;
    estate.users.push({ name, path: pathOf(r), groups, policies: [...inlinePolicies(r, name), ...managedArns(r)], boundary, tags: tagsOf(r), origin: origin(r.id, `/Resources/${r.id}`) });
  }
  const roleNames = new Map<string, string>();
  for (const r of live.filter((x) => x.type === 'AWS::IAM::Role')) {
    const name = nameOf(r, 'RoleName');
    roleNames.set(r.id, name);
    const trust = policyDoc(r, `${r.pointer}/AssumeRolePolicyDocument`, r.properties.AssumeRolePolicyDocument, `${name}.trust`, 'trust', name);
    if (trust) estate.policies.set(`${r.id}#trust`, trust);
    const boundary = r.properties.PermissionsBoundary !== undefined ? policyRef(r, r.properties.PermissionsBoundary, `${r.pointer}/PermissionsBoundary`, 'boundary') : undefined;
    estate.roles.push({ name, path: pathOf(r), policies: [...inlinePolicies(r, name), ...managedArns(r)], boundary, trust: trust ? `${r.id}#trust` : undefined, tags: tagsOf(r), origin: origin(r.id, `/Resources/${r.id}`) });
  }
  /** Names in a list property (`Groups`, `Roles`, `Users`): `!Ref` of a template resource, or a name. */
  function nameList(r: Resource, property: string, byId: ReadonlyMap<string, string>): string[] {
    return arr(r.properties[property]).flatMap((raw, i) => {
      const refId = obj(raw)?.Ref;
      if (typeof refId === 'string' && byId.has(refId)) return [byId.get(refId)!];
      const v = evaluate(raw, ctx, `${r.pointer}/${property}/${i}`);
      if (v instanceof Unknown) {
        unresolved(r, `\`${property}\``, v);
        return [];
      }
      return typeof v === 'string' ? [v] : [];
    });
  }
  const attach = (r: Resource, key: string): void => {
    for (const [property, list, byId, what] of [['Roles', estate.roles, roleNames, 'role'], ['Users', estate.users, userNames, 'user'], ['Groups', estate.groups, groupNames, 'group']] as const) {
      for (const name of nameList(r, property, byId)) {
        const holder = (list as { name: string; policies: string[] }[]).find((e) => e.name === name);
        if (!holder) estate.unresolved.push({ what: `${what} \`${name}\` of \`${r.id}\``, why: `the ${what} is not in this template, so its other policies are unknown`, origin: origin(r.id, `${r.pointer}/${property}`) });
        else if (!holder.policies.includes(key)) holder.policies.push(key);
      }
    }
  };
  for (const r of live.filter((x) => x.type === 'AWS::IAM::ManagedPolicy')) if (estate.policies.has(r.id)) attach(r, r.id);
  for (const r of live.filter((x) => x.type === 'AWS::IAM::Policy')) {
    const name = known(prop(r, 'PolicyName')) ?? r.id;
    const p = policyDoc(r, `${r.pointer}/PolicyDocument`, r.properties.PolicyDocument, name, 'identity');
    if (!p) continue;
    estate.policies.set(r.id, p);
    attach(r, r.id);
  }
  for (const r of live.filter((x) => x.type === 'AWS::IAM::UserToGroupAddition')) {
    const group = r.properties.GroupName !== undefined ? (typeof obj(r.properties.GroupName)?.Ref === 'string' ? groupNames.get(obj(r.properties.GroupName)!.Ref as string) : known(prop(r, 'GroupName'))) : undefined;
    for (const user of nameList(r, 'Users', userNames)) {
      const u = estate.users.find((e) => e.name === user);
      if (!u || !group || !estate.groups.some((g) => g.name === group)) {
        estate.unresolved.push({ what: `membership of \`${user}\` in \`${group ?? '?'}\` (${r.id})`, why: 'the user or the group is not in this template', origin: origin(r.id, r.pointer) });
        continue;
      }
      if (!u.groups.includes(group)) u.groups.push(group);
    }
  }

  // Amazon MQ.
  const region = values.get('AWS::Region');
  for (const r of live.filter((x) => x.type === 'AWS::AmazonMQ::Broker' || x.type === 'AWS::AmazonMQ::Configuration')) {
    const kind = r.type === 'AWS::AmazonMQ::Broker' ? 'broker' : 'configuration';
    const name = known(prop(r, kind === 'broker' ? 'BrokerName' : 'Name'));
    const where = origin(r.id, `/Resources/${r.id}`);
    if (!name) {
      if (r.properties[kind === 'broker' ? 'BrokerName' : 'Name'] === undefined) estate.errors.push({ code: 'missing-name', message: `\`${r.id}\` has no ${kind === 'broker' ? '`BrokerName`' : '`Name`'} (CloudFormation requires it)`, origin: where });
      continue;
    }
    if (typeof region !== 'string') estate.unresolved.push({ what: `the region of ${kind} \`${name}\``, why: '`AWS::Region` has no value: give `--region`', origin: where });
    estate.notes.push({ code: 'placeholder-id', message: `${kind} \`${name}\` gets its id when the stack is created; it is stored with the placeholder id \`${mqId(r)}\`, which \`Ref\`/\`Fn::GetAtt\` of \`${r.id}\` in policies also stand for`, origin: where });
    const engine = known(prop(r, 'EngineType'));
    estate.resources.push({ kind, name, id: mqId(r), placeholderId: true, region: typeof region === 'string' ? region : 'us-east-1', tags: tagsOf(r), ...(engine ? { engine } : {}), origin: where });
  }
  return estate;
}

function fromJson(text: string): { ok: true; value: unknown; positions: ReadonlyMap<string, JsonPosition> } | { ok: false; message: string; position?: JsonPosition } {
  const doc = readDocument(text, 'json');
  return doc.ok ? { ok: true, value: doc.value, positions: doc.positions } : { ok: false, message: doc.message, ...(doc.position ? { position: doc.position } : {}) };
}

function nearestPosition(positions: ReadonlyMap<string, JsonPosition>, pointer: string): JsonPosition | undefined {
  let p = pointer;
  while (p !== '') {
    p = p.slice(0, p.lastIndexOf('/'));
    const pos = positions.get(p);
    if (pos) return pos;
  }
  return undefined;
}
function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
