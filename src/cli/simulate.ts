import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { PolicyCache } from '../parse';
import { EXIT, UsageError, write, type CliIo, type ExitCode } from './io';
import { readLineBlocks, type LineBlock } from './read-lines';
import { answerBlock, type BlockAnswers, type SimulateOptions } from './simulate-answers';
import { resolve } from 'node:path';
import type { PolicyStore } from '../load/store-types';
import { takeLocationOptions } from './locations';
import type { SourceRequest } from './sources';

export { answerLine, type SimulateOptions } from './simulate-answers';

export interface SimulateRun extends SimulateOptions {
  /**
   * Worker threads, started and awaited before the first answer; 0 or undefined: answer everything in
   * this thread. Not the default: measured on the two-core machines this runs on (`npm run bench`,
   * alongside other jobs), two workers cost 30–60 % more CPU than one thread and finished later, so
   * they are for machines with idle cores.
   */
  readonly workers?: number;
  /** Print how the work was spread (cases, blocks, worker threads) on stderr at the end. */
  readonly stats?: boolean;
}

/**
 * Options that belong to `--source` (see takeSourceOptions). Without any of them, simulate does not
 * load the source readers, the store loader or the YAML parser: a plain batch starts about 45 ms sooner.
 */
const SOURCE_FLAGS = ['--source', '--mq', '--scp', '--parameter', '--account', '--region', '--partition', '--allow-unresolved'];

function mentionsSource(args: readonly string[]): boolean {
  return args.some((arg) => SOURCE_FLAGS.includes(arg.startsWith('--') && arg.indexOf('=') > 0 ? arg.slice(0, arg.indexOf('=')) : arg));
}

export async function simulateCommand(allArgs: readonly string[], io: CliIo): Promise<ExitCode> {
  const { request: source, rest: afterSource } = mentionsSource(allArgs) ? (await import('./sources')).takeSourceOptions(allArgs, 'simulate') : { request: undefined, rest: [...allArgs] };
  const { options: locations, rest: args } = takeLocationOptions(afterSource, ['store'], 'simulate');
  if (source && locations.store !== undefined) throw new UsageError('simulate: give `--store` or `--source`, not both');
  const store = source || locations.store !== undefined ? await storeFor(source, locations.store, io) : undefined;
  if (store === null) return EXIT.invalidInput;
  let explain = false;
  let stats = false;
  let workers: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--explain') explain = true;
    else if (arg === '--stats') stats = true;
    else if (arg === '--workers' || arg.startsWith('--workers=')) {
      const text = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
      const n = Number(text);
      if (!Number.isInteger(n) || n < 0 || n > 64) throw new UsageError('simulate: `--workers` takes a whole number from 0 to 64 (0 = in this process)');
      workers = n;
    } else throw new UsageError(`simulate: unknown option \`${arg}\``);
  }
  // The store lives in this thread: with one, cases are answered here.
  if (store) return simulate(io, { explain, stats, workers: 0, store });
  return simulate(io, { explain, stats, ...(workers !== undefined ? { workers } : {}) });
}

/** The store of `--store DIR` or `--source`; null (after printing why) when it is invalid or incomplete. */
async function storeFor(source: SourceRequest | undefined, storeDir: string | undefined, io: CliIo): Promise<PolicyStore | null> {
  const { reportStoreDiagnostics } = await import('./store-diagnostics');
  if (source) {
    const read = (await import('./sources')).readSourceStore(source, io.cwd);
    await (await import('./import')).printSummary(read, io);
    const { report } = read.built;
    if (report.errors.length > 0 || (!report.complete && !source.allowUnresolved) || !read.load.store) {
      await write(io.stderr, 'mq-policy simulate: the source could not be read completely (see above; --allow-unresolved accepts unresolved values)\n');
      return null;
    }
    return read.load.store;
  }
  const loaded = (await import('../load')).loadPolicyStore(resolve(io.cwd, storeDir!));
  const errors = await reportStoreDiagnostics(loaded, io);
  if (!loaded.store || errors > 0) {
    await write(io.stderr, `mq-policy simulate: the policy store is invalid (${errors} error${errors === 1 ? '' : 's'})\n`);
    return null;
  }
  return loaded.store;
}

/** Blocks (about 64 KB of input each) waiting for their answers, per worker: bounds memory, keeps workers busy. */
const IN_FLIGHT_PER_WORKER = 4;

/**
 * `mq-policy simulate`: JSON lines in, one answer line per case out, in input order; one bad case never
 * stops the batch. With `--workers N`, worker threads answer block by block while this thread reads
 * and writes; at most a few blocks per worker are in flight, so memory stays bounded.
 * Exit 0 when every case was decided, 3 when some case was invalid, 1 when the input could not be read
 * or a case hit a harness error (that case is answered and the batch goes on).
 */
export async function simulate(io: CliIo, options: SimulateRun): Promise<ExitCode> {
  const cache = new PolicyCache();
  const wanted = Math.min(options.workers ?? 0, availableParallelism() * 4);
  const pool = wanted > 0 ? new AnswerPool(wanted, { explain: options.explain }) : undefined;
  const queue: Promise<BlockAnswers>[] = [];
  let undecided = false;
  let harnessError = false;
  let pending = '';
  const emit = async (answers: BlockAnswers): Promise<void> => {
    undecided ||= answers.undecided;
    harnessError ||= answers.harnessError;
    pending += answers.text;
    if (pending.length > 256 * 1024) {
      await write(io.stdout, pending);
      pending = '';
    }
  };
  let blocksInThread = 0;
  const here = (block: LineBlock): Promise<BlockAnswers> => {
    blocksInThread++;
    return Promise.resolve(answerBlock(block, options, cache));
  };
  try {
    if (pool) {
      pool.start();
      await pool.allReady();
    }
    for await (const blocks of readLineBlocks(io.stdin)) {
      for (const block of blocks) {
        // Should every worker have failed, this thread answers by itself.
        queue.push(pool?.ready ? pool.answer(block, here) : here(block));
        while (queue.length > (pool?.ready ? pool.size * IN_FLIGHT_PER_WORKER : 0)) await emit(await queue.shift()!);
      }
    }
    while (queue.length > 0) await emit(await queue.shift()!);
    if (pending !== '') await write(io.stdout, pending);
  } catch (err) {
    if (pending !== '') await write(io.stdout, pending);
    await write(io.stderr, `mq-policy simulate: could not read the input: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.usage;
  } finally {
    await pool?.close();
  }
  if (options.stats) {
    await write(io.stderr, `simulate: ${blocksInThread + (pool?.answered ?? 0)} blocks of lines, ${pool?.answered ?? 0} answered by ${pool?.started ? pool.size : 0} worker threads, ${blocksInThread} in the main thread\n`);
  }
  return harnessError ? EXIT.usage : undecided ? EXIT.invalidInput : EXIT.ok;
}

interface PoolWorker {
  readonly worker: Worker;
  ready: boolean;
  failed: boolean;
  readonly waiting: Map<number, { readonly block: LineBlock; readonly resolve: (a: BlockAnswers | Promise<BlockAnswers>) => void }>;
}

/**
 * Worker threads answering blocks. A block goes to the ready worker with the fewest blocks waiting.
 * A worker that fails has its waiting blocks answered on this thread instead: no block is lost.
 */
class AnswerPool {
  private readonly workers: PoolWorker[] = [];
  private seq = 0;
  started = false;

  constructor(
    readonly size: number,
    private readonly options: SimulateOptions,
  ) {}

  /** Blocks answered by worker threads. */
  answered = 0;
  private readyWaiters: (() => void)[] = [];

  get ready(): boolean {
    return this.workers.some((w) => w.ready && !w.failed);
  }

  /** Resolves once every worker is ready or has failed. */
  allReady(): Promise<void> {
    if (this.workers.every((w) => w.ready || w.failed)) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private settle(): void {
    if (!this.workers.every((w) => w.ready || w.failed)) return;
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }

  start(): void {
    this.started = true;
    // Compiled: the .js next to this file. Under ts-node (tests, development): the .ts, registered again in the worker.
    const compiled = __filename.endsWith('.js');
    const script = join(__dirname, compiled ? 'simulate-worker.js' : 'simulate-worker.ts');
    for (let i = 0; i < this.size; i++) {
      const worker = new Worker(script, { workerData: this.options, execArgv: compiled ? [] : ['--require', 'ts-node/register/transpile-only'] });
      const entry: PoolWorker = { worker, ready: false, failed: false, waiting: new Map() };
      worker.on('message', (m: { ready?: boolean; seq?: number; answers?: BlockAnswers }) => {
        if (m.ready) {
          entry.ready = true;
          this.settle();
        }
        if (m.seq !== undefined && m.answers) {
          this.answered++;
          entry.waiting.get(m.seq)?.resolve(m.answers);
          entry.waiting.delete(m.seq);
        }
      });
      const fail = (): void => {
        if (entry.failed) return;
        entry.failed = true;
        for (const { block, resolve } of entry.waiting.values()) resolve(this.inThread!(block));
        entry.waiting.clear();
        this.settle();
      };
      worker.on('error', fail);
      worker.on('exit', fail);
      this.workers.push(entry);
    }
  }

  private inThread: ((block: LineBlock) => Promise<BlockAnswers>) | undefined;

  /** Answers a block in a ready worker, or with `inThread` when none is left (also for the blocks of a worker that fails). */
  answer(block: LineBlock, inThread: (block: LineBlock) => Promise<BlockAnswers>): Promise<BlockAnswers> {
    this.inThread = inThread;
    const live = this.workers.filter((w) => w.ready && !w.failed);
    const target = live.sort((a, b) => a.waiting.size - b.waiting.size)[0];
    if (!target) return inThread(block);
    const seq = this.seq++;
    return new Promise((resolve) => {
      target.waiting.set(seq, { block, resolve });
      if (block.kind === 'bytes') {
        // A copy of exactly these bytes, moved (not cloned) to the worker.
        const bytes = new Uint8Array(block.bytes.length);
        bytes.set(block.bytes);
        target.worker.postMessage({ seq, block: { ...block, bytes } }, [bytes.buffer]);
      } else target.worker.postMessage({ seq, block });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
