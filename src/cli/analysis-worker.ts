import { parentPort, workerData } from 'node:worker_threads';
import { loadPolicyStore } from '../load';
import { analyzeStore, diffStores } from '../analysis';
import { storeFiles } from './analysis-stores';
import type { AnalysisJob } from './analysis-workers';

/** One worker of `mq-policy diff` / `analyze`: loads the store(s) and analyses its share of the principals. */
const job = workerData as AnalysisJob;
try {
  const head = loadPolicyStore(storeFiles(job.store, job.head)).store;
  if (!head) throw new Error('the policy store did not load in an analysis worker');
  if (job.kind === 'diff') {
    const base = loadPolicyStore(storeFiles(job.store, job.base)).store;
    if (!base) throw new Error('the base store did not load in an analysis worker');
    parentPort?.postMessage({ done: diffStores(base, head, { principals: job.principals }) });
  } else parentPort?.postMessage({ done: analyzeStore(head, { principals: job.principals, ...(job.actions ? { actions: job.actions } : {}) }) });
} catch (err) {
  parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) });
}
