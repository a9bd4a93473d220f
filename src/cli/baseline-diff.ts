import { cpus } from 'node:os';
import { acceptanceOf, diffDocument, diffPrincipals, diffStores, mergeDiffs, readAcceptedChanges, type DiffResult } from '../analysis';
import { diskStoreFiles } from '../load';
import type { PolicyStore } from '../load/store-types';
import type { AccessDiff } from '../reports';
import { readStoreYaml } from './analysis-stores';
import { runInWorkers } from './analysis-workers';

/** From this many principals on, the diff is spread over worker threads (as `mq-policy diff` does). */
const IN_PROCESS_PRINCIPALS = 50;

/**
 * `mq-policy test --baseline REV` / `mq-policy report --baseline REV`: the same answer as
 * `mq-policy diff --base REV` over every request class, computed from the baseline store that was already
 * read from git for the access matrix (no second read), with policies/accepted-changes.yaml of the working
 * store applied. A malformed acceptance file accepts nothing: its problems are reported, never skipped.
 */
export async function baselineAccessDiff(base: PolicyStore, head: PolicyStore, storeDir: string, rev: string, label: string, cwd: string, today: string): Promise<AccessDiff> {
  const files = diskStoreFiles(storeDir, cwd);
  const problems: string[] = [];
  const file = readStoreYaml(files, 'accepted-changes.yaml');
  let entries: ReturnType<typeof readAcceptedChanges>['entries'] = [];
  if (file && 'problem' in file) problems.push(`${file.problem} (no change is accepted until it is fixed)`);
  else if (file) {
    const read = readAcceptedChanges(file.value);
    entries = read.entries;
    for (const p of read.problems) problems.push(`${files.display('accepted-changes.yaml')}${p.startsWith('/') ? ' at ' : ': '}${p}`);
  }
  const expired = entries.filter((e) => e.expires < today).map((e) => `the acceptance of \`${e.action}\` for \`${e.principal}\` (owner ${e.owner}) expired on ${e.expires}: it accepts nothing`);
  const principals = diffPrincipals(base, head);
  const workers = principals.length < IN_PROCESS_PRINCIPALS ? 0 : Math.min(cpus().length, principals.length);
  let result: DiffResult;
  if (workers <= 1) result = diffStores(base, head, { principals });
  else {
    const parts = await runInWorkers<DiffResult>({ kind: 'diff', store: storeDir, base: rev, principals }, workers);
    const merged = mergeDiffs(parts.map((p) => diffDocument(p, rev, 'working tree', () => undefined, [])));
    if ('error' in merged) throw new Error(merged.error);
    result = { ...merged, principals };
  }
  const doc = diffDocument(result, rev, 'working tree', (c) => acceptanceOf(c, entries, today), expired);
  return { label, doc, invalidAcceptances: problems };
}
