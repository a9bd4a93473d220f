import { isAbsolute, relative } from 'node:path';
import { cpus } from 'node:os';
import type { AnalyzeResult } from '../analysis/analyze';
import type { StoreVerdicts } from '../analysis/store-verdicts';
import type { PolicyStore } from '../load/store-types';

const IN_PROCESS_PRINCIPALS = 50;

/** What `mq-policy lint` hands lint for the store-wide checks: the verdicts, or why there are none. */
export type LintAnalysis = StoreVerdicts | { readonly skipped: string };

export interface LintAnalysisInput {
  /** `--no-analysis` was given. */
  readonly disabled: boolean;
  /** The store folder, as shown to the user. */
  readonly storeShown: string;
  readonly storeRoot: string;
  /** The loaded store, or why it could not be used (no principals.yaml, errors). */
  readonly store: PolicyStore | { readonly problem: string };
  /** Files named on the command line (absolute); empty = the whole store. */
  readonly named: readonly string[];
}

/**
 * Store-wide verdicts when the store loads: over every principal for a whole-store lint, over the holders of
 * the named files' policies otherwise (their verdicts depend on those principals alone). The analysis module is
 * loaded only here, so lint without it (and every other command) never pays for it.
 */
export async function lintAnalysis(input: LintAnalysisInput): Promise<{ analysis: LintAnalysis; notes: string[] }> {
  if (input.disabled) return { analysis: { skipped: '`--no-analysis`' }, notes: [] };
  if ('problem' in input.store) return { analysis: { skipped: input.store.problem }, notes: [] };
  if (input.named.length === 0) return { analysis: await verdicts(input.store, input.storeRoot), notes: [] };
  const inside = input.named.filter((abs) => {
    const rel = relative(input.storeRoot, abs);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  });
  const outside = input.named.length - inside.length;
  if (inside.length === 0) return { analysis: { skipped: `${outside === 1 ? 'the file is' : 'the files are'} not in the policy store \`${input.storeShown}\`, so no principal holds ${outside === 1 ? 'it' : 'them'} (lint the store, or name files inside it)` }, notes: [] };
  const policies = inside.map((abs) => abs.replace(/^.*[\\/]/, '').replace(/\.(json|ya?ml)$/i, ''));
  return {
    analysis: await verdicts(input.store, input.storeRoot, policies),
    notes: outside > 0 ? [`store-wide checks skipped for ${outside} file${outside === 1 ? '' : 's'} outside the policy store \`${input.storeShown}\``] : [],
  };
}

/** Like `mq-policy analyze` (over the holders of `policies` and the actions they name, when given): in process for small stores, over worker threads (one per core) from 50 principals on. */
async function verdicts(store: PolicyStore, storeRoot: string, policies?: readonly string[]): Promise<StoreVerdicts> {
  const { actionsFor, principalsFor, verdictsFrom } = await import('../analysis/store-verdicts');
  const principals = principalsFor(store, policies);
  const actions = actionsFor(store, policies);
  const workers = Math.min(principals.length < IN_PROCESS_PRINCIPALS ? 0 : cpus().length, principals.length);
  const { analyzeStore, mergeAnalyses } = await import('../analysis/analyze');
  if (workers <= 1) return verdictsFrom(store, analyzeStore(store, { principals, actions }), policies);
  const { runInWorkers } = await import('./analysis-workers');
  return verdictsFrom(store, mergeAnalyses(await runInWorkers<AnalyzeResult>({ kind: 'analyze', store: storeRoot, principals, actions }, workers)), policies);
}
