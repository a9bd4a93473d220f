import type { DataFile } from './yaml-file';
import { FieldReader } from './yaml-file';
import type { StoreDiagnostic, StoredResource } from './store-types';

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d$/;
const BROKER_NAME = /^[A-Za-z0-9_-]{1,50}$/;
const ID = /^[A-Za-z0-9-]+$/;

/** Reads inventory.yaml: brokers and configurations with the parts of their ARNs and their tags. */
export function readInventory(data: DataFile, defaultAccount: string, diagnostics: StoreDiagnostic[]): Map<string, StoredResource> {
  const f = new FieldReader(data, diagnostics);
  if (data.value === null || data.value === undefined) f.error('empty-file', '', '`inventory.yaml` is empty', 'list the `brokers:` (and `configurations:`) scenarios talk about, with `id`, `region` and `tags`');
  const top = f.object(data.value, '', '`inventory.yaml`', ['brokers', 'configurations']) ?? {};
  const resources = new Map<string, StoredResource>();
  for (const kind of ['broker', 'configuration'] as const) {
    const section = `${kind}s`;
    for (const [name, raw] of Object.entries(f.section(top[section], `/${section}`, `\`${section}\``))) {
      const at = `/${section}/${name}`;
      const r = f.object(raw, at, `${kind} \`${name}\``, ['id', 'region', 'account', 'tags', 'tokenAudience']) ?? {};
      if (kind === 'broker' && !BROKER_NAME.test(name)) f.error('invalid-name', at, `\`${name}\` is not a valid broker name`, '1 to 50 letters, digits, `-` and `_`');
      const id = f.string(r.id, `${at}/id`, '`id`', true) ?? '';
      if (id !== '' && !ID.test(id)) f.error('invalid-id', `${at}/id`, `\`${id}\` is not a valid ${kind} ID`, `IDs look like \`${kind === 'broker' ? 'b' : 'c'}-1234a5b6-78cd-901e-2fgh-3i45j6k178l9\``);
      const region = f.string(r.region, `${at}/region`, '`region`', true) ?? '';
      if (region !== '' && !REGION.test(region)) f.error('invalid-region', `${at}/region`, `\`${region}\` is not an AWS Region code`, 'e.g. `eu-west-1`');
      const account = f.string(r.account, `${at}/account`, '`account`', false) ?? defaultAccount;
      if (!/^\d{12}$/.test(account)) f.error('invalid-account', `${at}/account`, `\`${account}\` is not an AWS account ID`, 'write the 12 digits in quotes');
      if (resources.has(name)) {
        f.error('duplicate-resource', at, `\`${name}\` names both a broker and a configuration`, 'scenarios name resources by these names: rename one');
        continue;
      }
      const tokenAudience = kind === 'broker' ? f.string(r.tokenAudience, `${at}/tokenAudience`, '`tokenAudience`', false) : undefined;
      const arn = kind === 'broker' ? `arn:aws:mq:${region}:${account}:broker:${name}:${id}` : `arn:aws:mq:${region}:${account}:configuration:${id}`;
      resources.set(name, { name, kind, id, region, account, tags: f.tags(r.tags, `${at}/tags`, `${kind} \`${name}\``), arn, ...(tokenAudience !== undefined ? { tokenAudience } : {}), source: data.at(at) });
    }
  }
  return resources;
}
