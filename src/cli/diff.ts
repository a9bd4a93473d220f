import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { acceptanceOf, diffDocument, diffMarkdown, diffPrincipals, diffStores, diffText, mergeDiffs, readAcceptedChanges, unacceptedAllows, type DiffDocument, type DiffResult } from '../analysis';
import { parseAnalysisArgs, shardOf } from './analysis-args';
import { loadSide, readStoreYaml } from './analysis-stores';
import { runInWorkers } from './analysis-workers';
import { EXIT, UsageError, write, type CliIo, type ExitCode } from './io';

const FORMATS = ['text', 'json', 'md'] as const;

/** Below this many principals, starting workers costs more than it saves. */
const IN_PROCESS_PRINCIPALS = 50;

/**
 * `mq-policy diff --base REV [--head REV] [--store DIR]`: every request class whose decision differs
 * between the store at REV (read from git objects, no checkout) and the working tree (or `--head REV`).
 * Exit 2 when something is newly allowed that policies/accepted-changes.yaml does not accept.
 */
export async function diffCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const options = parseAnalysisArgs('diff', args, io.cwd, io.env, FORMATS, ['--base', '--head', '--today']);
  const today = options.flags.get('--today') ?? new Date().toISOString().slice(0, 10);
  let doc: DiffDocument;
  if (options.merge.length > 0) {
    const parts: DiffDocument[] = [];
    for (const file of options.merge) {
      try {
        parts.push(JSON.parse(readFileSync(file, 'utf8')) as DiffDocument);
      } catch (err) {
        await write(io.stderr, `mq-policy diff: cannot merge \`${file}\`: ${err instanceof Error ? err.message : String(err)}\n`);
        return EXIT.invalidInput;
      }
    }
    const merged = mergeDiffs(parts);
    if ('error' in merged) {
      await write(io.stderr, `mq-policy diff: ${merged.error}\n`);
      return EXIT.invalidInput;
    }
    doc = merged;
  } else {
    const baseRev = options.flags.get('--base');
    if (baseRev === undefined) throw new UsageError('diff: `--base REV` is required (the git revision to compare with, e.g. `origin/main`)');
    const headRev = options.flags.get('--head');
    const base = await loadSide('diff', options.store, baseRev, io);
    if ('error' in base) return base.error === 'usage' ? EXIT.usage : EXIT.invalidInput;
    const head = await loadSide('diff', options.store, headRev, io);
    if ('error' in head) return head.error === 'usage' ? EXIT.usage : EXIT.invalidInput;

    const acceptedFile = readStoreYaml(head.files, 'accepted-changes.yaml');
    if (acceptedFile && 'problem' in acceptedFile) {
      await write(io.stderr, `mq-policy diff: ${acceptedFile.problem}\n`);
      return EXIT.invalidInput;
    }
    const accepted = readAcceptedChanges(acceptedFile?.value);
    if (accepted.problems.length > 0) {
      for (const p of accepted.problems) await write(io.stderr, `error: ${head.files.display('accepted-changes.yaml')}${p.startsWith('/') ? ' at ' : ': '}${p}\n`);
      return EXIT.invalidInput;
    }
    const expired = accepted.entries.filter((e) => e.expires < today).map((e) => `the acceptance of \`${e.action}\` for \`${e.principal}\` (owner ${e.owner}) expired on ${e.expires}: it accepts nothing`);

    const principals = shardOf(diffPrincipals(base.store, head.store), options.shard);
    const workers = Math.min(options.workers ?? (principals.length < IN_PROCESS_PRINCIPALS ? 0 : cpus().length), principals.length);
    let result: DiffResult;
    if (workers <= 1) result = diffStores(base.store, head.store, { principals });
    else {
      const parts = await runInWorkers<DiffResult>({ kind: 'diff', store: options.store, base: baseRev, ...(headRev !== undefined ? { head: headRev } : {}), principals }, workers);
      const merged = mergeDiffs(parts.map((p) => diffDocument(p, baseRev, headRev ?? 'working tree', () => undefined, [])));
      if ('error' in merged) throw new Error(merged.error);
      result = { ...merged, principals };
    }
    doc = diffDocument(result, baseRev, headRev ?? 'working tree', (c) => acceptanceOf(c, accepted.entries, today), expired, options.shard);
  }
  const text = options.format === 'json' ? `${JSON.stringify(doc, null, 1)}\n` : options.format === 'md' ? diffMarkdown(doc) : diffText(doc);
  if (options.out) writeFileSync(options.out, text);
  else await write(io.stdout, text);
  const open = unacceptedAllows(doc);
  if (open > 0) await write(io.stderr, `mq-policy diff: ${open} newly allowed request class${open === 1 ? '' : 'es'} not accepted in accepted-changes.yaml\n`);
  return open > 0 ? EXIT.expectationFailed : EXIT.ok;
}
