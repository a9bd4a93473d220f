import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Policy, PolicyKind } from '../model';
import { findAction, isDetailedService, isKnownService, suggestAction } from '../catalog';
import { readPolicyFile } from './read-policy-file';
import { formatOf } from './read-document';
import { readDataFile } from './yaml-file';
import { readPrincipals } from './principals';
import { readInventory } from './inventory';
import type { PolicyStore, StoreDiagnostic, StoreLoadResult } from './store-types';

/** Folders of the store and the kind of policy each holds; `scps/` has one sub-folder per level. */
const POLICY_FOLDERS: Readonly<Record<string, PolicyKind>> = { identity: 'identity', managed: 'identity', boundaries: 'boundary', sessions: 'session' };
const DATA_FILES = ['waivers.yaml', 'principals.yaml', 'inventory.yaml'];
const IGNORED = /^(README(\.md)?|\.gitkeep|\..*)$/i;

/**
 * Reads the whole policy store under `root` and validates it. Every problem of every file comes back
 * at once; the store is returned only when there is no error, so nothing runs on a broken store.
 */
export function loadPolicyStore(root: string): StoreLoadResult {
  const diagnostics: StoreDiagnostic[] = [];
  const rel = (p: string): string => relative(process.cwd(), p) || p;
  let entries: string[];
  try {
    entries = readdirSync(root).sort();
  } catch {
    return { diagnostics: [{ code: 'missing-store', severity: 'error', message: `no policy store at \`${rel(root)}\``, help: 'run from the project folder, or set MQ_POLICY_STORE to the store folder', source: { policy: rel(root), pointer: '' } }] };
  }
  const policies = new Map<string, Policy>();
  const scpLevels: { name: string; policies: Policy[] }[] = [];
  // Policies that exist but failed validation: references to them are not reported a second time.
  const invalid = new Set<string>();

  const readFolder = (dir: string, kind: PolicyKind, into?: Policy[]): void => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (IGNORED.test(entry)) continue;
      const file = rel(path);
      if (statSync(path).isDirectory() || !formatOf(entry)) {
        diagnostics.push({ code: 'unexpected-file', severity: 'error', message: `\`${file}\` is not a policy file`, help: 'a policy folder holds only `*.json`, `*.yaml` or `*.yml` files', source: { file, policy: entry, pointer: '' } });
        continue;
      }
      const result = readPolicyFile({ path, kind, root: process.cwd() });
      diagnostics.push(...result.diagnostics);
      const policy = result.policy;
      if (!policy) {
        invalid.add(entry.replace(/\.(json|ya?ml)$/i, ''));
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
    const path = join(root, entry);
    if (IGNORED.test(entry) || DATA_FILES.includes(entry)) continue;
    const kind = POLICY_FOLDERS[entry];
    if (kind && statSync(path).isDirectory()) readFolder(path, kind);
    else if (entry === 'scps' && statSync(path).isDirectory()) {
      for (const level of readdirSync(path).sort()) {
        const levelPath = join(path, level);
        if (IGNORED.test(level)) continue;
        if (!statSync(levelPath).isDirectory()) {
          diagnostics.push({ code: 'unexpected-file', severity: 'error', message: `\`${rel(levelPath)}\` is not in a level folder`, help: 'put SCPs in one folder per organization level, root first: `scps/0-root/`, `scps/1-<ou>/`', source: { file: rel(levelPath), policy: level, pointer: '' } });
          continue;
        }
        const policiesOfLevel: Policy[] = [];
        readFolder(levelPath, 'scp', policiesOfLevel);
        scpLevels.push({ name: level, policies: policiesOfLevel });
      }
    } else {
      diagnostics.push({ code: 'unexpected-file', severity: 'error', message: `\`${rel(path)}\` is not part of a policy store`, help: 'the store holds identity/, managed/, boundaries/, sessions/, scps/<level>/, principals.yaml, inventory.yaml and waivers.yaml', source: { file: rel(path), policy: entry, pointer: '' } });
    }
  }
  scpLevels.forEach((level, i) => {
    if (level.policies.length === 0) diagnostics.push({ code: 'empty-scp-level', severity: 'error', message: `SCP level \`${level.name}\` (level ${i}) has no policy, so it would deny everything`, help: 'attach at least one SCP that allows (e.g. FullAWSAccess) or remove the folder', source: { file: rel(join(root, 'scps', level.name)), policy: level.name, pointer: '' } });
  });

  let account = '000000000000';
  const principalsFile = readDataFile(join(root, 'principals.yaml'), rel(join(root, 'principals.yaml')), diagnostics);
  const principals = principalsFile ? readPrincipals(principalsFile, policies, invalid, diagnostics) : undefined;
  if (principals) account = principals.account;
  const inventoryFile = readDataFile(join(root, 'inventory.yaml'), rel(join(root, 'inventory.yaml')), diagnostics);
  const resources = inventoryFile ? readInventory(inventoryFile, account, diagnostics) : undefined;

  if (diagnostics.some((d) => d.severity === 'error') || !principals || !resources) return { diagnostics };
  const store: PolicyStore = { root, account, policies, scpLevels, principals: principals.principals, resources };
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
