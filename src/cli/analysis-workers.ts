import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** One share of an analysis, run by a worker thread that loads the stores itself. */
export interface AnalysisJob {
  readonly kind: 'diff' | 'analyze';
  readonly store: string;
  readonly base?: string;
  readonly head?: string;
  readonly principals: readonly string[];
  /** `analyze` only: the actions to analyse (all that the catalog describes when absent). */
  readonly actions?: readonly string[];
}

/** Splits the principals over `workers` threads and returns each thread's result, in order. */
export async function runInWorkers<R>(job: AnalysisJob, workers: number): Promise<R[]> {
  const chunks = Array.from({ length: workers }, (_, w) => job.principals.filter((_, i) => i % workers === w)).filter((c) => c.length > 0);
  return Promise.all(chunks.map((principals) => runWorker<R>({ ...job, principals })));
}

function runWorker<R>(job: AnalysisJob): Promise<R> {
  // Compiled: the .js next to this file. Under ts-node (tests, development): the .ts, registered again in the worker.
  const compiled = __filename.endsWith('.js');
  const script = join(__dirname, compiled ? 'analysis-worker.js' : 'analysis-worker.ts');
  const worker = new Worker(script, { workerData: job, execArgv: compiled ? [] : ['--require', 'ts-node/register/transpile-only'] });
  return new Promise((resolvePromise, reject) => {
    worker.on('message', (m: { done?: R; error?: string }) => {
      if (m.error !== undefined) reject(new Error(m.error));
      else resolvePromise(m.done!);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`an analysis worker stopped with code ${code}`));
    });
  });
}
