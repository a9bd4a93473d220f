import { parentPort, workerData } from 'node:worker_threads';
import { loadPolicyStore, memoryStoreFiles } from '../load';
import { computeMatrix } from '../matrix/compute';

/** One worker of `mq-policy matrix`: loads the store itself and decides its share of the principals. */
interface Job {
  /** A store folder, or the files of a store built from a source (`--source`). */
  readonly root: string | { readonly files: readonly (readonly [string, string])[]; readonly name: string; readonly prefix: string };
  readonly principals: readonly string[];
  readonly classKey: string;
}

const job = workerData as Job;
const { store } = loadPolicyStore(typeof job.root === 'string' ? job.root : memoryStoreFiles(new Map(job.root.files), job.root.name, job.root.prefix));
if (!store) throw new Error('the policy store did not load in a matrix worker');
const result = computeMatrix(store, { principals: job.principals, classKey: job.classKey, onProgress: (decisions) => parentPort?.postMessage({ progress: decisions }) });
parentPort?.postMessage({ done: result });
