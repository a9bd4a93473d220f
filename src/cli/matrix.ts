import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadPolicyStore } from '../load';
import type { PolicyStore } from '../load/store-types';
import type { MatrixCell } from '../reports';
import { compareCells, mergeMatrices, type MatrixDocument } from '../matrix/cells';
import { MATRIX_JSON_FORMAT } from '../reports';
import { allMqActions, computeMatrix } from '../matrix/compute';
import { formatMatrixChunks, MATRIX_FORMATS, type MatrixFormat } from '../matrix/format';
import { EXIT, UsageError, write, type CliIo, type ExitCode } from './io';
import { reportStoreDiagnostics } from './store-diagnostics';
import { locate } from './locations';

interface MatrixArgs {
  readonly root: string;
  readonly format: MatrixFormat;
  readonly out?: string;
  readonly shard?: { readonly index: number; readonly count: number };
  readonly merge: readonly string[];
  readonly workers?: number;
  readonly classKey: string;
  readonly stats: boolean;
}

function parseArgs(allArgs: readonly string[], io: CliIo): MatrixArgs {
  const cwd = io.cwd;
  const { locations, rest: args } = locate(allArgs, io.env, cwd, ['store'], 'matrix');
  let root = locations.store;
  let format: MatrixFormat = 'md';
  let out: string | undefined;
  let shard: MatrixArgs['shard'];
  let workers: number | undefined;
  let classKey = 'environment';
  let stats = false;
  const merge: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`matrix: \`${flag}\` needs a value`);
      return v;
    };
    if (flag === '--format') {
      const v = value();
      if (!(MATRIX_FORMATS as readonly string[]).includes(v)) throw new UsageError(`matrix: \`--format\` must be one of ${MATRIX_FORMATS.join(', ')}, not \`${v}\``);
      format = v as MatrixFormat;
    } else if (flag === '--out') out = resolve(cwd, value());
    else if (flag === '--root') root = resolve(cwd, value()); // the older spelling of --store
    else if (flag === '--class-key') classKey = value();
    else if (flag === '--stats') stats = true;
    else if (flag === '--workers') {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 0) throw new UsageError('matrix: `--workers` takes a whole number (0 = in this process)');
      workers = v;
    } else if (flag === '--shard') {
      const m = /^(\d+)\/(\d+)$/.exec(value());
      if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new UsageError('matrix: `--shard` takes i/n with 1 ≤ i ≤ n, e.g. `--shard 1/3`');
      shard = { index: Number(m[1]), count: Number(m[2]) };
    } else if (flag === '--merge') {
      while (args[i + 1] !== undefined && !args[i + 1]!.startsWith('--')) merge.push(resolve(cwd, args[++i]!));
      if (merge.length === 0) throw new UsageError('matrix: `--merge` takes the JSON files of the shards');
    } else throw new UsageError(`matrix: unknown option \`${flag}\``);
  }
  return { root, format, ...(out !== undefined ? { out } : {}), ...(shard ? { shard } : {}), merge, ...(workers !== undefined ? { workers } : {}), classKey, stats };
}

/** Below this many decisions, starting workers costs more than it saves. */
const IN_PROCESS_LIMIT = 200_000;

/**
 * `mq-policy matrix`: principals × Amazon MQ actions × resource classes over the store, on every
 * core (worker threads), with `--shard i/n` to split the principals across CI jobs and `--merge`
 * to join the shards' JSON.
 */
export async function matrixCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const options = parseArgs(args, io);
  let doc: MatrixDocument;
  if (options.merge.length > 0) {
    const parts: MatrixDocument[] = [];
    for (const file of options.merge) {
      try {
        const part = JSON.parse(readFileSync(file, 'utf8')) as MatrixDocument;
        if (part.format !== MATRIX_JSON_FORMAT || !Array.isArray(part.principals)) throw new Error('not a matrix written by `mq-policy matrix --format json`');
        parts.push(part);
      } catch (err) {
        await write(io.stderr, `mq-policy matrix: cannot merge \`${file}\`: ${err instanceof Error ? err.message : String(err)}\n`);
        return EXIT.invalidInput;
      }
    }
    const merged = mergeMatrices(parts);
    if ('error' in merged) {
      await write(io.stderr, `mq-policy matrix: ${merged.error}\n`);
      return EXIT.invalidInput;
    }
    doc = merged;
  } else {
    const loaded = loadPolicyStore(options.root);
    const errors = await reportStoreDiagnostics(loaded, io);
    if (!loaded.store || errors > 0) {
      await write(io.stderr, `mq-policy matrix: the policy store is invalid (${errors} error${errors === 1 ? '' : 's'})\n`);
      return EXIT.invalidInput;
    }
    const started = process.hrtime.bigint();
    const computed = await compute(loaded.store, options, io);
    doc = computed.doc;
    if (options.stats) {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      await write(io.stderr, `matrix: ${doc.decisions.toLocaleString('en')} decisions in ${seconds.toFixed(2)} s (${Math.round(doc.decisions / seconds).toLocaleString('en')}/s), peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB; ${computed.evaluated.toLocaleString('en')} evaluated by the engine, the rest answered alike for resources it reads alike\n`);
    }
  }
  // Written piece by piece: an organization's matrix is tens of megabytes.
  if (options.out) {
    const fd = openSync(options.out, 'w');
    try {
      for (const chunk of formatMatrixChunks(doc, options.format)) writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
  } else for (const chunk of formatMatrixChunks(doc, options.format)) await write(io.stdout, chunk);
  return EXIT.ok;
}

async function compute(store: PolicyStore, options: MatrixArgs, io: CliIo): Promise<{ doc: MatrixDocument; evaluated: number }> {
  const all = [...store.principals.keys()].sort();
  const principals = options.shard ? all.filter((_, i) => i % options.shard!.count === options.shard!.index - 1) : all;
  const actions = allMqActions();
  const estimate = principals.length * actions.length * Math.max(1, store.resources.size);
  const workers = Math.min(options.workers ?? (estimate < IN_PROCESS_LIMIT ? 0 : cpus().length), principals.length);
  const progress = progressBar(io, principals.length * actions.length * Math.max(1, store.resources.size));
  let cells: MatrixCell[];
  let decisions: number;
  let evaluated: number;
  if (workers <= 1) {
    ({ cells, decisions, evaluated } = computeMatrix(store, { principals, classKey: options.classKey, onProgress: progress.update }));
  } else {
    // This thread takes the first share itself: one store and one isolate fewer than a worker per core.
    const chunks = Array.from({ length: workers }, (_, w) => principals.filter((_, i) => i % workers === w));
    const done = new Array<number>(workers).fill(0);
    const report = (w: number) => (n: number): void => {
      done[w] = n;
      progress.update(done.reduce((a, b) => a + b, 0));
    };
    const inWorkers = chunks.slice(1).map((chunk, w) => runWorker(options.root, chunk, options.classKey, report(w + 1)));
    const here = computeMatrix(store, { principals: chunks[0]!, classKey: options.classKey, onProgress: report(0) });
    const results = [here, ...(await Promise.all(inWorkers))];
    cells = results.flatMap((r) => r.cells).sort(compareCells);
    decisions = results.reduce((n, r) => n + r.decisions, 0);
    evaluated = results.reduce((n, r) => n + r.evaluated, 0);
  }
  progress.finish();
  return { doc: { format: MATRIX_JSON_FORMAT, ...(options.shard ? { shard: options.shard } : {}), classKey: options.classKey, principals, actions, decisions, cells }, evaluated };
}

function runWorker(root: string, principals: readonly string[], classKey: string, onProgress: (n: number) => void): Promise<{ cells: MatrixCell[]; decisions: number; evaluated: number }> {
  // Compiled: the .js next to this file. Under ts-node (tests, development): the .ts, registered again in the worker.
  const compiled = __filename.endsWith('.js');
  const script = join(__dirname, compiled ? 'matrix-worker.js' : 'matrix-worker.ts');
  const worker = new Worker(script, { workerData: { root, principals, classKey }, execArgv: compiled ? [] : ['--require', 'ts-node/register/transpile-only'] });
  return new Promise((resolvePromise, reject) => {
    worker.on('message', (m: { progress?: number; done?: { cells: MatrixCell[]; decisions: number; evaluated: number } }) => {
      if (m.progress !== undefined) onProgress(m.progress);
      if (m.done) resolvePromise(m.done);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`a matrix worker stopped with code ${code}`));
    });
  });
}

/** A progress bar on stderr, only when it is a terminal (CI logs stay clean). */
function progressBar(io: CliIo, total: number): { update: (n: number) => void; finish: () => void } {
  const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
  let last = -1;
  return {
    update: (n) => {
      if (!tty) return;
      const pct = Math.min(100, Math.floor((n / Math.max(1, total)) * 100));
      if (pct === last) return;
      last = pct;
      const width = 30;
      io.stderr.write(`\r[${'#'.repeat(Math.round((pct / 100) * width)).padEnd(width, '.')}] ${pct}% of ~${total.toLocaleString('en')} decisions`);
    },
    finish: () => {
      if (tty && last >= 0) io.stderr.write('\n');
    },
  };
}
