import { parentPort, workerData } from 'node:worker_threads';
import { loadPolicyStore } from '../load';
import { computeMatrix } from '../matrix/compute';

/** One worker of `mq-policy matrix`: loads the store itself and decides its share of the principals. */
interface Job {
  readonly root: string;
  readonly principals: readonly string[];
  readonly classKey: string;
}

const job = workerData as Job;
const { store } = loadPolicyStore(job.root);
if (!store) throw new Error('the policy store did not load in a matrix worker');
const result = computeMatrix(store, { principals: job.principals, classKey: job.classKey, onProgress: (decisions) => parentPort?.postMessage({ progress: decisions }) });
parentPort?.postMessage({ done: result });
