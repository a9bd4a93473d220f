import type { JsonPosition } from '../../parse';
import { readDocument } from '../../load/read-document';
import { countRead, emptyEstate, type Estate, type EstatePolicy, type Origin, type SourceOptions } from '../estate';
import { awsManagedPolicy, FULL_AWS_ACCESS, isAwsManagedArn } from '../managed';
import { locateIn, readPolicyString } from '../policy-text';

/** One input file: its name as shown and its text. */
export interface SourceText {
  readonly file: string;
  readonly text: string;
}

/**
 * Reads an AWS account as the AWS CLI prints it: `aws iam get-account-authorization-details` (IAM API
 * reference, GetAccountAuthorizationDetails: UserDetailList, GroupDetailList, RoleDetailList, Policies),
 * with `aws mq list-brokers` / `describe-broker` / `list-configurations` / `describe-configuration` /
 * `list-tags` outputs for the inventory and `aws organizations describe-policy` outputs per SCP level.
 */
export function readAccountSnapshot(auth: SourceText, mq: readonly (SourceText & { readonly target?: string })[], scps: readonly (SourceText & { readonly level: string })[], options: SourceOptions): Estate {
  const estate = emptyEstate('aws-account', [auth.file, ...mq.map((m) => m.file), ...scps.map((s) => s.file)]);
  const decoded = decode(estate, auth);
  if (!decoded) return estate;
  const { value, positions } = decoded;
  const top = obj(value);
  if (!top || !['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'].some((k) => k in top)) {
    estate.errors.push({ code: 'not-authorization-details', message: 'the file is not the output of `aws iam get-account-authorization-details` (no UserDetailList, GroupDetailList, RoleDetailList or Policies)', origin: { file: auth.file, address: '(file)', pointer: '' } });
    return estate;
  }
  if (top.IsTruncated === true) estate.unresolved.push({ what: 'the rest of the account', why: 'the output is truncated (`IsTruncated`): run the AWS CLI without `--max-items` so it pages through everything', origin: { file: auth.file, address: 'IsTruncated', pointer: '/IsTruncated' } });
  const origin = (address: string, pointer: string): Origin => {
    const p = positions.get(pointer);
    return { file: auth.file, address, pointer, ...(p ? { line: p.line, column: p.column } : {}) };
  };

  /** A policy document as the CLI prints it (an object) or as the API returns it (a URL-encoded string). */
  const documentAt = (doc: unknown, pointer: string, name: string, use: EstatePolicy['use'], address: string, owner?: string): EstatePolicy | undefined => {
    const where = origin(address, pointer);
    if (typeof doc === 'string') {
      let text = doc;
      if (!text.trimStart().startsWith('{')) {
        try {
          text = decodeURIComponent(doc);
        } catch {
          estate.errors.push({ code: 'malformed-policy', message: `the document of \`${name}\` is neither JSON nor URL-encoded JSON`, origin: where });
          return undefined;
        }
      }
      const read = readPolicyString(text);
      if (!read.ok) {
        estate.errors.push({ code: 'malformed-policy', message: `the document of \`${name}\` is not JSON: ${read.message}`, origin: where });
        return undefined;
      }
      const at = positions.get(pointer);
      return { name, use, document: read.document, origin: where, locate: (p) => ({ ...read.locate(p), ...(at ? { line: at.line, column: at.column } : {}) }), ...(owner !== undefined ? { owner } : {}) };
    }
    if (obj(doc)) return { name, use, document: doc, origin: where, locate: locateIn(positions, pointer), ...(owner !== undefined ? { owner } : {}) };
    estate.unresolved.push({ what: `policy \`${name}\` (${address})`, why: 'the snapshot holds no document for it', origin: where });
    return undefined;
  };

  // Managed policies: only the default version counts.
  const managedByArn = new Map<string, { name: string; pointer: string; index: number; raw: Record<string, unknown> }>();
  arr(top.Policies).forEach((raw, i) => {
    const p = obj(raw);
    if (!p || typeof p.Arn !== 'string') return;
    countRead(estate, 'Policies');
    managedByArn.set(p.Arn, { name: typeof p.PolicyName === 'string' ? p.PolicyName : p.Arn, pointer: `/Policies/${i}`, index: i, raw: p });
  });
  const managedKey = (arn: string, use: 'identity' | 'boundary', at: Origin): string | undefined => {
    const key = `${use}:${arn}`;
    if (estate.policies.has(key)) return key;
    const entry = managedByArn.get(arn);
    if (entry) {
      const versions = arr(entry.raw.PolicyVersionList);
      const index = versions.findIndex((v) => obj(v)?.IsDefaultVersion === true || (entry.raw.DefaultVersionId !== undefined && obj(v)?.VersionId === entry.raw.DefaultVersionId));
      if (index < 0) {
        estate.unresolved.push({ what: `policy \`${arn}\``, why: 'the snapshot lists it without its default version document', origin: origin(entry.name, entry.pointer) });
        return undefined;
      }
      const p = documentAt(obj(versions[index])?.Document, `${entry.pointer}/PolicyVersionList/${index}/Document`, entry.name, use, `Policies[${entry.index}] ${entry.name} ${String(obj(versions[index])?.VersionId ?? '')}`.trim());
      if (!p) return undefined;
      estate.policies.set(key, isAwsManagedArn(arn) ? { ...p, managed: { arn, version: String(obj(versions[index])?.VersionId ?? ''), data: 'the snapshot' } } : p);
      return key;
    }
    if (isAwsManagedArn(arn)) return awsManagedPolicy(estate, arn, use, at, options);
    estate.unresolved.push({ what: `policy \`${arn}\``, why: 'it is attached but the snapshot does not list it under `Policies` (was the output filtered?)', origin: at });
    return undefined;
  };
  const attached = (raw: Record<string, unknown>, pointer: string, address: string): string[] =>
    arr(raw.AttachedManagedPolicies).flatMap((a, i) => {
      const arn = obj(a)?.PolicyArn;
      const key = typeof arn === 'string' ? managedKey(arn, 'identity', origin(address, `${pointer}/AttachedManagedPolicies/${i}`)) : undefined;
      return key ? [key] : [];
    });
  const inline = (raw: Record<string, unknown>, list: string, pointer: string, address: string, owner: string): string[] =>
    arr(raw[list]).flatMap((a, i) => {
      const p = obj(a);
      if (!p || typeof p.PolicyName !== 'string') return [];
      const doc = documentAt(p.PolicyDocument, `${pointer}/${list}/${i}/PolicyDocument`, p.PolicyName, 'identity', `${address} ${list}[${i}]`, owner);
      if (!doc) return [];
      const key = `inline:${address}:${p.PolicyName}`;
      estate.policies.set(key, doc);
      return [key];
    });
  const boundaryOf = (raw: Record<string, unknown>, pointer: string, address: string): string | undefined => {
    const arn = obj(raw.PermissionsBoundary)?.PermissionsBoundaryArn;
    return typeof arn === 'string' ? managedKey(arn, 'boundary', origin(address, `${pointer}/PermissionsBoundary`)) : undefined;
  };

  arr(top.GroupDetailList).forEach((raw, i) => {
    const g = obj(raw);
    if (!g || typeof g.GroupName !== 'string') return;
    countRead(estate, 'GroupDetailList');
    const pointer = `/GroupDetailList/${i}`;
    const address = `group ${g.GroupName}`;
    estate.groups.push({ name: g.GroupName, path: str(g.Path) ?? '/', policies: [...inline(g, 'GroupPolicyList', pointer, address, g.GroupName), ...attached(g, pointer, address)], origin: origin(address, pointer) });
  });
  arr(top.UserDetailList).forEach((raw, i) => {
    const u = obj(raw);
    if (!u || typeof u.UserName !== 'string') return;
    countRead(estate, 'UserDetailList');
    const pointer = `/UserDetailList/${i}`;
    const address = `user ${u.UserName}`;
    accountFrom(estate, u.Arn);
    const groups = arr(u.GroupList).filter((x): x is string => typeof x === 'string');
    for (const g of groups) if (!estate.groups.some((x) => x.name === g)) estate.unresolved.push({ what: `group \`${g}\` of user \`${u.UserName}\``, why: 'the snapshot does not list the group, so its policies are unknown', origin: origin(address, `${pointer}/GroupList`) });
    estate.users.push({ name: u.UserName, path: str(u.Path) ?? '/', ...(str(u.UserId) ? { id: str(u.UserId)! } : {}), groups, policies: [...inline(u, 'UserPolicyList', pointer, address, u.UserName), ...attached(u, pointer, address)], boundary: boundaryOf(u, pointer, address), tags: tags(u.Tags), origin: origin(address, pointer) });
  });
  arr(top.RoleDetailList).forEach((raw, i) => {
    const r = obj(raw);
    if (!r || typeof r.RoleName !== 'string') return;
    countRead(estate, 'RoleDetailList');
    const pointer = `/RoleDetailList/${i}`;
    const address = `role ${r.RoleName}`;
    accountFrom(estate, r.Arn);
    const trust = documentAt(r.AssumeRolePolicyDocument, `${pointer}/AssumeRolePolicyDocument`, `${r.RoleName}.trust`, 'trust', address, r.RoleName);
    if (trust) estate.policies.set(`trust:${r.RoleName}`, trust);
    estate.roles.push({ name: r.RoleName, path: str(r.Path) ?? '/', ...(str(r.RoleId) ? { id: str(r.RoleId)! } : {}), policies: [...inline(r, 'RolePolicyList', pointer, address, r.RoleName), ...attached(r, pointer, address)], boundary: boundaryOf(r, pointer, address), trust: trust ? `trust:${r.RoleName}` : undefined, tags: tags(r.Tags), origin: origin(address, pointer) });
  });
  if (options.account !== undefined) {
    if (estate.account !== undefined && estate.account !== options.account) estate.errors.push({ code: 'account-mismatch', message: `the snapshot is of account ${estate.account}, not of --account ${options.account}` });
    estate.account = options.account;
  }
  if (estate.account === undefined) estate.unresolved.push({ what: 'the AWS account ID', why: 'no ARN in the snapshot shows it: give `--account 111122223333`', origin: origin('(file)', '') });

  const tagged = new Set<string>();
  for (const m of mq) if (m.target === undefined) readMqOutput(estate, m, options, tagged);
  for (const m of mq) if (m.target !== undefined) applyListTags(estate, m, m.target, tagged);
  for (const r of estate.resources) {
    if (!tagged.has(`${r.kind}:${r.id}`)) estate.unresolved.push({ what: `the tags of ${r.kind} \`${r.name}\``, why: '`list-brokers` does not show tags: add its `aws mq describe-broker` output, or `--mq NAME=FILE` with its `aws mq list-tags` output', origin: r.origin });
  }
  readScpLevels(estate, scps);
  return estate;
}

/**
 * Amazon MQ CLI outputs: `list-brokers` (BrokerSummaries), `describe-broker` (BrokerArn, BrokerName, Tags),
 * `list-configurations` (Configurations), `describe-configuration` (Arn, Name, Tags), one object or an array of
 * them per file. `list-tags` prints only `{"Tags": …}`, so its file is named `--mq BROKER=FILE`.
 */
function readMqOutput(estate: Estate, input: SourceText, options: SourceOptions, tagged: Set<string>): void {
  const decoded = decode(estate, input);
  if (!decoded) return;
  const objects = Array.isArray(decoded.value) ? decoded.value : [decoded.value];
  const at = (pointer: string, address: string): Origin => {
    const p = decoded.positions.get(pointer);
    return { file: input.file, address, pointer, ...(p ? { line: p.line, column: p.column } : {}) };
  };
  objects.forEach((raw, i) => {
    const base = Array.isArray(decoded.value) ? `/${i}` : '';
    const o = obj(raw);
    if (!o) return;
    const add = (kind: 'broker' | 'configuration', arn: unknown, id: unknown, name: unknown, tagsValue: unknown, engine: unknown, pointer: string): void => {
      if (typeof name !== 'string' || typeof id !== 'string') return;
      const m = typeof arn === 'string' ? /^arn:aws[\w-]*:mq:([a-z0-9-]+):(\d{12}):/.exec(arn) : null;
      const where = at(pointer, `${kind} ${name}`);
      countRead(estate, kind === 'broker' ? 'Amazon MQ broker records' : 'Amazon MQ configuration records');
      const existing = estate.resources.findIndex((r) => r.kind === kind && r.id === id);
      const tagsKnown = obj(tagsValue) !== undefined;
      if (tagsKnown) tagged.add(`${kind}:${id}`);
      const resource = { kind, name, id, placeholderId: false, region: m?.[1] ?? options.region ?? '', ...(m?.[2] ? { account: m[2] } : {}), tags: tagsKnown ? stringTags(tagsValue) : existing >= 0 ? estate.resources[existing]!.tags : {}, ...(typeof engine === 'string' ? { engine } : {}), origin: where };
      if (resource.region === '') estate.unresolved.push({ what: `the region of ${kind} \`${name}\``, why: 'its ARN is not in the output: give `--region`', origin: where });
      if (existing >= 0) estate.resources[existing] = tagsKnown ? resource : { ...resource, tags: estate.resources[existing]!.tags };
      else estate.resources.push(resource);
    };
    arr(o.BrokerSummaries).forEach((b, j) => {
      const s = obj(b);
      if (s) add('broker', s.BrokerArn, s.BrokerId, s.BrokerName, undefined, s.EngineType, `${base}/BrokerSummaries/${j}`);
    });
    if (typeof o.BrokerId === 'string') add('broker', o.BrokerArn, o.BrokerId, o.BrokerName, o.Tags, o.EngineType, base);
    arr(o.Configurations).forEach((c, j) => {
      const s = obj(c);
      if (s) add('configuration', s.Arn, s.Id, s.Name, s.Tags, s.EngineType, `${base}/Configurations/${j}`);
    });
    if (typeof o.Id === 'string' && typeof o.Arn === 'string' && o.Arn.includes(':configuration:')) add('configuration', o.Arn, o.Id, o.Name, o.Tags, o.EngineType, base);
  });
  // Brokers listed by list-brokers only: their tags come from describe-broker or list-tags, else are unknown.
}

/** Tags from `aws mq list-tags --resource-arn …` output, for the broker named on the command line. */
export function applyListTags(estate: Estate, input: SourceText, target: string, tagged: Set<string>): void {
  const decoded = decode(estate, input);
  if (!decoded) return;
  const t = obj(obj(decoded.value)?.Tags);
  const i = estate.resources.findIndex((r) => r.name === target || r.id === target || target.endsWith(`:${r.id}`));
  if (!t || i < 0) {
    estate.errors.push({ code: 'unmatched-tags', message: !t ? 'not the output of `aws mq list-tags` (no `Tags`)' : `no broker or configuration \`${target}\` in the --mq outputs`, origin: { file: input.file, address: target, pointer: '/Tags' } });
    return;
  }
  estate.resources[i] = { ...estate.resources[i]!, tags: stringTags(t) };
  tagged.add(`${estate.resources[i]!.kind}:${estate.resources[i]!.id}`);
}

/**
 * SCP levels from `aws organizations describe-policy` outputs (Policy.PolicySummary, Policy.Content as a JSON
 * string), in the order their levels were named (root first). A level whose SCPs allow nothing also gets the
 * assumed FullAWSAccess, so no SCP is evaluated alone as the only policy of its level.
 */
function readScpLevels(estate: Estate, scps: readonly (SourceText & { readonly level: string })[]): void {
  if (scps.length === 0) {
    estate.notes.push({ code: 'no-scps', message: 'no SCPs were given (`--scp LEVEL=FILE…`): requests are decided as if no SCP restricts the account (FullAWSAccess at every level)' });
    return;
  }
  const levels = new Map<string, string[]>();
  for (const s of scps) {
    const decoded = decode(estate, s);
    if (!decoded) continue;
    const policy = obj(obj(decoded.value)?.Policy);
    const summary = obj(policy?.PolicySummary);
    const where: Origin = { file: s.file, address: `SCP ${String(summary?.Name ?? '?')} on ${s.level}`, pointer: '/Policy/Content', ...(decoded.positions.get('/Policy/Content') ?? {}) };
    if (!policy || typeof policy.Content !== 'string') {
      estate.errors.push({ code: 'not-describe-policy', message: 'not the output of `aws organizations describe-policy` (no `Policy.Content`)', origin: where });
      continue;
    }
    if (summary?.Type !== undefined && summary.Type !== 'SERVICE_CONTROL_POLICY') {
      estate.notes.push({ code: 'not-an-scp', message: `\`${String(summary.Name)}\` is a ${String(summary.Type)}, not an SCP: not read`, origin: where });
      continue;
    }
    const at: JsonPosition | undefined = decoded.positions.get('/Policy/Content');
    const read = readPolicyString(policy.Content);
    if (!read.ok) {
      estate.errors.push({ code: 'malformed-policy', message: `the SCP's Content is not JSON: ${read.message}`, origin: where });
      continue;
    }
    countRead(estate, 'SCPs (describe-policy)');
    const key = `scp:${s.level}:${s.file}`;
    estate.policies.set(key, { name: typeof summary?.Name === 'string' ? summary.Name : s.file, use: 'scp', document: read.document, origin: where, locate: (p) => ({ ...read.locate(p), ...(at ? { line: at.line, column: at.column } : {}) }) });
    levels.set(s.level, [...(levels.get(s.level) ?? []), key]);
  }
  [...levels].forEach(([level, keys], i) => {
    const allows = keys.some((k) => JSON.stringify(estate.policies.get(k)!.document).includes('"Allow"'));
    if (!allows) {
      const full = `scp:${level}:FullAWSAccess`;
      estate.policies.set(full, { name: 'FullAWSAccess', use: 'scp', document: FULL_AWS_ACCESS, origin: { file: '(assumed)', address: `FullAWSAccess on ${level}`, pointer: '' } });
      keys.unshift(full);
      estate.notes.push({ code: 'assumed-full-aws-access', message: `the SCPs given for level \`${level}\` allow nothing, so AWS's default FullAWSAccess is assumed there too (add its describe-policy output, p-FullAWSAccess, to make it explicit)` });
    }
    estate.scpLevels.push({ name: `${i}-${level}`, target: level, policies: keys, assumedFullAccess: !allows });
  });
}

function decode(estate: Estate, input: SourceText): { value: unknown; positions: ReadonlyMap<string, JsonPosition> } | undefined {
  const doc = readDocument(input.text, 'json');
  if (!doc.ok) {
    estate.errors.push({ code: doc.code, message: `${doc.message}${doc.position ? ` at line ${doc.position.line}, column ${doc.position.column}` : ''}`, origin: { file: input.file, address: '(file)', pointer: doc.pointer } });
    return undefined;
  }
  return { value: doc.value, positions: doc.positions };
}

function accountFrom(estate: Estate, arn: unknown): void {
  const m = typeof arn === 'string' ? /^arn:aws[\w-]*:iam::(\d{12}):/.exec(arn) : null;
  if (m && estate.account === undefined) estate.account = m[1];
}

/** IAM's `[{Key, Value}]` tag lists. */
function tags(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of arr(v)) {
    const o = obj(t);
    if (o && typeof o.Key === 'string' && typeof o.Value === 'string') out[o.Key] = o.Value;
  }
  return out;
}
function stringTags(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(obj(v) ?? {})) if (typeof x === 'string') out[k] = x;
  return out;
}
function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
