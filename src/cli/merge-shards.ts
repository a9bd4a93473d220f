/**
 * Joins the Cucumber message streams of shard runs (one process each, or the parent's own) into one stream,
 * as if one run had run every scenario. Every shard loads the same steps, so its support definitions
 * (stepDefinition, hook, parameterType…, and testRunStarted) are the same but for their random ids, in the
 * same order: the first shard's are kept and the other shards' ids are mapped onto them by position.
 * The features' definitions (source, gherkinDocument, pickle) are either the same in every shard (Cucumber's
 * `--shard i/n`: each shard parsed every file), mapped the same way, or each shard's own (sharded by file:
 * each parsed only its files), all kept, in shard order, which is the serial run's file order. Test-run
 * messages (testCase, testCaseStarted, attachments…) carry ids unique to their shard and are kept, their
 * references mapped. One testRunFinished closes the stream: successful only when every shard's was.
 */

const FEATURE_DEFINITIONS = new Set(['source', 'gherkinDocument', 'pickle']);
const SUPPORT_DEFINITIONS = new Set(['stepDefinition', 'hook', 'parameterType', 'undefinedParameterType', 'testRunStarted']);
/**
 * Test-run messages that refer only to ids of their own shard's run (a test case's start, its steps, their
 * attachments, a hook run's end), never to a definition: most of the bytes, copied without a rewrite.
 * A testCase refers to its pickle and step definitions, a testRunHookStarted to its hook: those are mapped.
 */
const OWN_REFERENCES = new Set(['testCaseStarted', 'testStepStarted', 'testStepFinished', 'attachment', 'testCaseFinished', 'testRunHookFinished']);

/** The message kind of one NDJSON line: its first key (`{"testCase":…`), as Cucumber writes them. */
function kindOf(line: string): string {
  return /^\{"(\w+)"/.exec(line)?.[1] ?? '';
}

/** Every `"id":"…"` of a line, in text order: the same order in every shard for the same definitions. */
function idsOf(line: string, out: string[]): void {
  for (const m of line.matchAll(/"id":"((?:[^"\\]|\\.)*)"/g)) out.push(m[1]!);
}

/** The uri of a source message, the feature file it is. */
function uriOf(line: string): string {
  return /"uri":"((?:[^"\\]|\\.)*)"/.exec(line)?.[1] ?? '';
}

export type MergeResult = { readonly ok: true; readonly ndjson: string; readonly success: boolean } | { readonly ok: false; readonly error: string };

/**
 * Works on the NDJSON text: the shards' definitions (features, pickles, steps: most of the bytes) are never
 * decoded, and the other shards' test messages only get their references rewritten.
 */
export function mergeShardMessages(shards: readonly string[]): MergeResult {
  if (shards.length === 0) return { ok: false, error: 'no shard ran' };
  const lines = shards.map((s) => s.split('\n').filter((l) => l.trim() !== ''));
  const sources = lines.map((shard) => shard.filter((l) => kindOf(l) === 'source').map(uriOf));
  const sameFiles = sources.every((s) => s.length === sources[0]!.length && s.every((uri, i) => uri === sources[0]![i]));
  const seen = new Set<string>();
  const ownFiles = sources.every((s) => s.every((uri) => !seen.has(uri) && seen.add(uri)));
  if (!sameFiles && !ownFiles) return { ok: false, error: 'the shards parsed overlapping but different feature files' };
  // The definitions whose ids are shared by position: all of them when every shard parsed every file.
  const shared = sameFiles ? new Set([...FEATURE_DEFINITIONS, ...SUPPORT_DEFINITIONS]) : SUPPORT_DEFINITIONS;
  const definitionIds = (shard: readonly string[]): string[] => {
    const ids: string[] = [];
    for (const l of shard) if (shared.has(kindOf(l))) idsOf(l, ids);
    return ids;
  };
  const base = definitionIds(lines[0]!);
  let success = true;
  let finished: Record<string, unknown> | undefined;
  const head: string[] = [];
  const features: string[] = [];
  const support: string[] = [];
  const tails: string[] = [];
  for (const [i, shard] of lines.entries()) {
    const done = shard.find((l) => kindOf(l) === 'testRunFinished');
    if (done === undefined) return { ok: false, error: `shard ${i + 1} did not finish its run` };
    const result = (JSON.parse(done) as { testRunFinished: Record<string, unknown> & { success?: boolean; timestamp?: { seconds: number; nanos: number } } }).testRunFinished;
    success &&= result.success === true;
    const later = (a?: { seconds: number; nanos: number }, b?: { seconds: number; nanos: number }): boolean => a !== undefined && (b === undefined || a.seconds > b.seconds || (a.seconds === b.seconds && a.nanos > b.nanos));
    if (finished === undefined || later(result.timestamp, finished.timestamp as { seconds: number; nanos: number } | undefined)) finished = result;
    const own = definitionIds(shard);
    if (own.length !== base.length) return { ok: false, error: `shard ${i + 1} ${sameFiles ? 'parsed different features or ' : ''}loaded different steps than shard 1` };
    const ids = new Map(own.map((id, j) => [id, base[j]!]));
    const mapped = (l: string, kind: string): string => (i === 0 || OWN_REFERENCES.has(kind) ? l : l.replace(/"((?:[^"\\]|\\.)*)"/g, (all, text: string) => { const to = ids.get(text); return to === undefined ? all : `"${to}"`; }));
    for (const l of shard) {
      const kind = kindOf(l);
      if (kind === 'testRunFinished') continue;
      if (kind === 'meta') {
        if (i === 0) head.push(l);
      } else if (FEATURE_DEFINITIONS.has(kind)) {
        if (i === 0 || !sameFiles) features.push(l);
      } else if (SUPPORT_DEFINITIONS.has(kind)) {
        if (i === 0) support.push(l);
      } else tails.push(mapped(l, kind));
    }
  }
  // The serial run's order: meta, each file's definitions, the steps' definitions, then the test run.
  return { ok: true, success, ndjson: `${[...head, ...features, ...support, ...tails, JSON.stringify({ testRunFinished: { ...finished, success } })].join('\n')}\n` };
}
