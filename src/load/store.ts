import type { Policy, PolicyKind } from '../model';
import { findAction, isDetailedService, isKnownService, suggestAction } from '../catalog';
import { policyNameOf, readPolicyBytes } from './read-policy-file';
import { formatOf } from './read-document';
import { readDataFile } from './yaml-file';
import { readPrincipals } from './principals';
import { readInventory } from './inventory';
import { diskStoreFiles, storePath, type StoreFiles } from './store-files';
import type { PolicyStore, StoreDiagnostic, StoreLoadResult } from './store-types';

/** Folders of the store and the kind of policy each holds; `scps/` has one sub-folder per level. */
const POLICY_FOLDERS: Readonly<Record<string, PolicyKind>> = { identity: 'identity', managed: 'identity', boundaries: 'boundary', sessions: 'session' };
const DATA_FILES = ['waivers.yaml', 'accepted-changes.yaml', 'principals.yaml', 'inventory.yaml'];
const IGNORED = /^(README(\.md)?|\.gitkeep|\..*)$/i;

/**
 * Reads the whole policy store (a folder on disk, or any other `StoreFiles`) and validates it. Every
 * problem of every file comes back at once; the store is returned only when there is no error, so
 * nothing runs on a broken store.
 */
export function loadPolicyStore(root: string | StoreFiles): StoreLoadResult {
  const files = typeof root === 'string' ? diskStoreFiles(root) : root;
  const diagnostics: StoreDiagnostic[] = [];
  const show = (p: string): string => files.display(p);
  const entries = files.list('');
  if (!entries) {
    return { diagnostics: [{ code: 'missing-store', severity: 'error', message: `no policy store at \`${files.name}\``, help: 'run from the project folder, or name the store folder with --store DIR (or MQ_POLICY_STORE)', source: { policy: files.name, pointer: '' } }] };
  }
  const policies = new Map<string, Policy>();
  const scpLevels: { name: string; policies: Policy[] }[] = [];
  // Policies that exist but failed validation: references to them are not reported a second time.
  const invalid = new Set<string>();

  const readFolder = (dir: string, kind: PolicyKind, into?: Policy[]): void => {
    for (const entry of files.list(dir) ?? []) {
      const path = storePath(dir, entry);
      if (IGNORED.test(entry)) continue;
      const file = show(path);
      if (files.isDirectory(path) || !formatOf(entry)) {
        diagnostics.push({ code: 'unexpected-file', severity: 'error', message: `\`${file}\` is not a policy file`, help: 'a policy folder holds only `*.json`, `*.yaml` or `*.yml` files', source: { file, policy: entry, pointer: '' } });
        continue;
      }
      const bytes = files.read(path) ?? new Uint8Array();
      const result = readPolicyBytes(bytes, { file, kind, name: policyNameOf(entry) });
      diagnostics.push(...result.diagnostics);
      const policy = result.policy;
      if (!policy) {
        invalid.add(policyNameOf(entry));
        continue;
      }
      const other = policies.get(policy.name);
      if (other) {
        diagnostics.push({ code: 'duplicate-policy-name', severity: 'error', message: `policy name \`${policy.name}\` is used by \`${other.source.file ?? other.name}\` and \`${file}\``, help: 'principals name policies by file name: rename one file', source: policy.source });
        continue;
      }
      diagnostics.push(...lintActions(policy));
      policies.set(policy.name, policy);
      into?.push(policy);
    }
  };

  for (const entry of entries) {
    if (IGNORED.test(entry) || DATA_FILES.includes(entry)) continue;
    const kind = POLICY_FOLDERS[entry];
    if (kind && files.isDirectory(entry)) readFolder(entry, kind);
    else if (entry === 'scps' && files.isDirectory(entry)) {
      for (const level of files.list(entry) ?? []) {
        const levelPath = storePath(entry, level);
        if (IGNORED.test(level)) continue;
        if (!files.isDirectory(levelPath)) {
          diagnostics.push({ code: 'unexpected-file', severity: 'error', message: `\`${show(levelPath)}\` is not in a level folder`, help: 'put SCPs in one folder per organization level, root first: `scps/0-root/`, `scps/1-<ou>/`', source: { file: show(levelPath), policy: level, pointer: '' } });
          continue;
        }
        const policiesOfLevel: Policy[] = [];
        readFolder(levelPath, 'scp', policiesOfLevel);
        scpLevels.push({ name: level, policies: policiesOfLevel });
      }
    } else {
      diagnostics.push({ code: 'unexpected-file', severity: 'error', message: `\`${show(entry)}\` is not part of a policy store`, help: 'the store holds identity/, managed/, boundaries/, sessions/, scps/<level>/, principals.yaml, inventory.yaml, waivers.yaml and accepted-changes.yaml', source: { file: show(entry), policy: entry, pointer: '' } });
    }
  }
  scpLevels.forEach((level, i) => {
    if (level.policies.length === 0) diagnostics.push({ code: 'empty-scp-level', severity: 'error', message: `SCP level \`${level.name}\` (level ${i}) has no policy, so it would deny everything`, help: 'attach at least one SCP that allows (e.g. FullAWSAccess) or remove the folder', source: { file: show(storePath('scps', level.name)), policy: level.name, pointer: '' } });
  });

  let account = '000000000000';
  const principalsFile = readDataFile(files.read('principals.yaml'), show('principals.yaml'), diagnostics);
  const principals = principalsFile ? readPrincipals(principalsFile, policies, invalid, diagnostics) : undefined;
  if (principals) account = principals.account;
  const inventoryFile = readDataFile(files.read('inventory.yaml'), show('inventory.yaml'), diagnostics);
  const resources = inventoryFile ? readInventory(inventoryFile, account, diagnostics) : undefined;

  if (diagnostics.some((d) => d.severity === 'error') || !principals || !resources) return { diagnostics };
  const store: PolicyStore = { root: typeof root === 'string' ? root : files.name, account, policies, scpLevels, principals: principals.principals, roles: principals.roles, groups: principals.groups, sourceIp: principals.sourceIp, resources };
  return { store, diagnostics };
}

/**
 * Actions the catalog does not know are silent no-matches at evaluation time (reference A4). They are
 * warnings, not errors: AWS accepts such policies too, and the store keeps AWS's own documented
 * example with `mq:DeleteTag` on purpose to show what that costs.
 */
function lintActions(policy: Policy): StoreDiagnostic[] {
  const out: StoreDiagnostic[] = [];
  for (const statement of policy.statements) {
    statement.action.patterns.forEach((pattern, i) => {
      const service = pattern.split(':')[0]!.toLowerCase();
      if (pattern === '*' || /[*?]/.test(pattern)) return;
      if (!isKnownService(service) || (isDetailedService(service) && !findAction(pattern))) {
        const guess = suggestAction(pattern);
        const pointer = `${statement.source.pointer}/${statement.action.negated ? 'NotAction' : 'Action'}`;
        out.push({
          code: 'unknown-action',
          severity: 'warning',
          message: `\`${pattern}\` is not an action of the catalog, so this entry never matches a request`,
          ...(guess ? { help: `did you mean \`${guess}\`?` } : {}),
          source: { ...statement.source, pointer: `${pointer}${statement.action.patterns.length > 1 ? `/${i}` : ''}` },
        });
      }
    });
  }
  return out;
}
