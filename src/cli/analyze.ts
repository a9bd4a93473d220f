import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { analyzeMarkdown, analyzeStore, analyzeText, mergeAnalyses, type AnalyzeResult } from '../analysis';
import { parseAnalysisArgs, shardOf } from './analysis-args';
import { loadSide } from './analysis-stores';
import { runInWorkers } from './analysis-workers';
import { EXIT, write, type CliIo, type ExitCode } from './io';

const FORMATS = ['text', 'json', 'md'] as const;
const IN_PROCESS_PRINCIPALS = 50;

/** The JSON `mq-policy analyze --format json` writes; shards merge into the unsharded answer. */
interface AnalyzeDocument extends AnalyzeResult {
  readonly format: 'mq-policy-analyze/1';
  readonly shard?: { readonly index: number; readonly count: number };
}

/** `mq-policy analyze`: dead, shadowed and redundant statements, and over-permissive actions per principal. */
export async function analyzeCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const options = parseAnalysisArgs('analyze', args, io.cwd, io.env, FORMATS, []);
  let result: AnalyzeResult;
  if (options.merge.length > 0) {
    const parts: AnalyzeResult[] = [];
    for (const file of options.merge) {
      try {
        const doc = JSON.parse(readFileSync(file, 'utf8')) as AnalyzeDocument;
        if (doc.format !== 'mq-policy-analyze/1') throw new Error('not written by `mq-policy analyze --format json`');
        parts.push(doc);
      } catch (err) {
        await write(io.stderr, `mq-policy analyze: cannot merge \`${file}\`: ${err instanceof Error ? err.message : String(err)}\n`);
        return EXIT.invalidInput;
      }
    }
    result = mergeAnalyses(parts);
  } else {
    const head = await loadSide('analyze', options.store, undefined, io);
    if ('error' in head) return head.error === 'usage' ? EXIT.usage : EXIT.invalidInput;
    const principals = shardOf([...head.store.principals.keys()].sort(), options.shard);
    const workers = Math.min(options.workers ?? (principals.length < IN_PROCESS_PRINCIPALS ? 0 : cpus().length), principals.length);
    result = workers <= 1 ? analyzeStore(head.store, { principals }) : mergeAnalyses(await runInWorkers<AnalyzeResult>({ kind: 'analyze', store: options.store, principals }, workers));
  }
  const doc: AnalyzeDocument = { format: 'mq-policy-analyze/1', ...(options.shard ? { shard: options.shard } : {}), ...result };
  const text = options.format === 'json' ? `${JSON.stringify(doc, null, 1)}\n` : options.format === 'md' ? analyzeMarkdown(result) : analyzeText(result);
  if (options.out) writeFileSync(options.out, text);
  else await write(io.stdout, text);
  return EXIT.ok;
}
