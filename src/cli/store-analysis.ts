import { cpus } from 'node:os';
import { analyzeStore, mergeAnalyses, type AnalyzeResult } from '../analysis';
import type { PolicyStore } from '../load/store-types';
import type { StoreAnalysis } from '../reports';
import { runInWorkers } from './analysis-workers';

/** From this many principals on, analysis is spread over worker threads (as `mq-policy analyze` does). */
const IN_PROCESS_PRINCIPALS = 50;

/** `mq-policy test --analyze`: the verdicts of `mq-policy analyze` over the store this run tested. */
export async function storeAnalysis(store: PolicyStore, storeDir: string): Promise<StoreAnalysis> {
  const principals = [...store.principals.keys()].sort();
  const workers = principals.length < IN_PROCESS_PRINCIPALS ? 0 : Math.min(cpus().length, principals.length);
  const result = workers <= 1 ? analyzeStore(store, { principals }) : mergeAnalyses(await runInWorkers<AnalyzeResult>({ kind: 'analyze', store: storeDir, principals }, workers));
  return { result };
}
