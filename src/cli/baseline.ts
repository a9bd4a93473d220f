import { spawnSync } from 'node:child_process';
import { gitStoreFiles, GitRevisionError, loadPolicyStore } from '../load';
import type { PolicyStore } from '../load/store-types';
import { computeMatrix } from '../matrix/compute';
import type { MatrixCell } from '../reports';
import { statementKey } from '../reports';

/**
 * `--baseline REV`: the access matrix of the store as it was at a git revision, read from git's objects
 * (no checkout), to compare this run's matrix with. Without the option, the merge base of HEAD with the
 * default branch is used when there is one, so a fresh CI checkout of a pull request still shows what it
 * changes; `--baseline none` turns the comparison off.
 */
export interface Baseline {
  readonly label: string;
  readonly cells: readonly MatrixCell[];
  /** Statements whose text differs between the baseline and the store (statementKey), or that are new. */
  readonly changedStatements: readonly string[];
  /** The git revision it was read at, and the store read there (so the access diff reads git only once). */
  readonly rev: string;
  readonly store: PolicyStore;
  /**
   * Named with `--baseline REV`: the run also computes the access diff over every request class and fails
   * on a new allow nobody accepted. The implicit merge base only lists matrix changes: a gate the user did
   * not ask for would fail every pull request that grants access on purpose.
   */
  readonly explicit: boolean;
}

export type BaselineChoice = { readonly kind: 'none' } | { readonly kind: 'default' } | { readonly kind: 'revision'; readonly rev: string };

function git(cwd: string, args: readonly string[]): string | undefined {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** The default branch (origin's HEAD, else a local main or master) and HEAD's merge base with it. */
export function defaultMergeBase(cwd: string): { rev: string; label: string } | undefined {
  const remoteHead = git(cwd, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']);
  const candidates = [remoteHead, 'origin/main', 'origin/master', 'main', 'master'].filter((c): c is string => c !== undefined && c !== '');
  for (const branch of candidates) {
    if (git(cwd, ['rev-parse', '--verify', '--quiet', `${branch}^{commit}`]) === undefined) continue;
    const base = git(cwd, ['merge-base', 'HEAD', branch]);
    if (base !== undefined && base !== '') return { rev: base, label: `the merge base with ${branch} (${base.slice(0, 12)})` };
  }
  return undefined;
}

/** Statement texts by key, for finding the statements a change touched. */
function statementTexts(store: PolicyStore): Map<string, string> {
  const levelOf = new Map<string, number>();
  store.scpLevels.forEach((l, i) => l.policies.forEach((p) => levelOf.set(p.name, i)));
  const out = new Map<string, string>();
  for (const policy of store.policies.values()) {
    for (const s of policy.statements) {
      const level = levelOf.get(policy.name);
      const key = statementKey({ kind: policy.kind, policy: policy.name, statementIndex: s.index, ...(level !== undefined ? { level } : {}) });
      out.set(key, JSON.stringify({ effect: s.effect, action: s.action, resource: s.resource, conditions: s.conditions.map((c) => ({ ...c, source: undefined })) }));
    }
  }
  return out;
}

export function changedStatements(before: PolicyStore, after: PolicyStore): string[] {
  const a = statementTexts(before);
  return [...statementTexts(after).entries()].filter(([k, text]) => a.get(k) !== text).map(([k]) => k);
}

/** Loads the baseline; a problem is one line for stderr (the run goes on without a comparison). */
export function loadBaseline(choice: BaselineChoice, storeDir: string, cwd: string, current: PolicyStore): Baseline | { readonly problem: string } | undefined {
  if (choice.kind === 'none') return undefined;
  const target = choice.kind === 'revision' ? { rev: choice.rev, label: choice.rev } : defaultMergeBase(cwd);
  if (!target) return undefined;
  let loaded;
  try {
    loaded = loadPolicyStore(gitStoreFiles(storeDir, target.rev));
  } catch (err) {
    if (err instanceof GitRevisionError) return { problem: `--baseline ${target.rev}: ${err.message}` };
    throw err;
  }
  if (!loaded.store) {
    const first = loaded.diagnostics.find((d) => d.severity === 'error');
    return { problem: `the store at ${target.label} is invalid (${first?.message ?? 'unknown error'}); no access changes are shown` };
  }
  return { label: target.label, cells: computeMatrix(loaded.store).cells, changedStatements: changedStatements(loaded.store, current), rev: target.rev, store: loaded.store, explicit: choice.kind === 'revision' };
}

/** Reads `--baseline REV` / `--baseline=REV` / `--baseline none` out of an argument list. */
export function takeBaselineOption(all: readonly string[]): { args: string[]; choice: BaselineChoice } {
  const args: string[] = [];
  let choice: BaselineChoice = { kind: 'default' };
  for (let i = 0; i < all.length; i++) {
    const a = all[i]!;
    const inline = a.startsWith('--baseline=') ? a.slice('--baseline='.length) : undefined;
    if (a === '--baseline' || inline !== undefined) {
      const rev = inline ?? all[++i];
      if (rev === undefined || rev === '' || rev.startsWith('--')) throw new BaselineUsageError('--baseline needs a git revision (a branch, tag or commit), or `none`');
      choice = rev === 'none' ? { kind: 'none' } : { kind: 'revision', rev };
    } else args.push(a);
  }
  return { args, choice };
}

export class BaselineUsageError extends Error {}
