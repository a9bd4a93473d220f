/**
 * Joins the Cucumber message streams of shard runs (`--shard i/n`, one process each) into one stream, as if
 * one run had run every scenario. Every shard parses the same features and loads the same steps, so their
 * definition messages (source, gherkinDocument, pickle, stepDefinition, hook, parameterType…) are the same
 * but for their random ids, in the same order: the first shard's are kept, and the other shards' ids are
 * mapped onto them by position. Test-run messages (testCase, testCaseStarted, attachments…) carry ids unique
 * to their shard and are kept, their references mapped. One testRunFinished closes the stream: successful
 * only when every shard's was.
 */

const DEFINITIONS = new Set(['meta', 'source', 'gherkinDocument', 'pickle', 'stepDefinition', 'hook', 'parameterType', 'undefinedParameterType', 'testRunStarted']);

/** The message kind of one NDJSON line: its first key (`{"testCase":…`), as Cucumber writes them. */
function kindOf(line: string): string {
  return /^\{"(\w+)"/.exec(line)?.[1] ?? '';
}

/** Every `"id":"…"` of a line, in text order: the same order in every shard for the same definitions. */
function idsOf(line: string, out: string[]): void {
  for (const m of line.matchAll(/"id":"((?:[^"\\]|\\.)*)"/g)) out.push(m[1]!);
}

export type MergeResult = { readonly ok: true; readonly ndjson: string; readonly success: boolean } | { readonly ok: false; readonly error: string };

/**
 * Works on the NDJSON text: the shards' definitions (features, pickles, steps: most of the bytes) are never
 * decoded, and the other shards' test messages only get their references rewritten.
 */
export function mergeShardMessages(shards: readonly string[]): MergeResult {
  if (shards.length === 0) return { ok: false, error: 'no shard ran' };
  const lines = shards.map((s) => s.split('\n').filter((l) => l.trim() !== ''));
  const definitionIds = (shard: readonly string[]): string[] => {
    const ids: string[] = [];
    for (const l of shard) if (DEFINITIONS.has(kindOf(l)) && kindOf(l) !== 'meta') idsOf(l, ids);
    return ids;
  };
  const base = definitionIds(lines[0]!);
  let success = true;
  let finished: Record<string, unknown> | undefined;
  const out: string[] = [];
  const tails: string[] = [];
  for (const [i, shard] of lines.entries()) {
    const done = shard.find((l) => kindOf(l) === 'testRunFinished');
    if (done === undefined) return { ok: false, error: `shard ${i + 1} did not finish its run` };
    const result = (JSON.parse(done) as { testRunFinished: Record<string, unknown> & { success?: boolean; timestamp?: { seconds: number; nanos: number } } }).testRunFinished;
    success &&= result.success === true;
    const later = (a?: { seconds: number; nanos: number }, b?: { seconds: number; nanos: number }): boolean => a !== undefined && (b === undefined || a.seconds > b.seconds || (a.seconds === b.seconds && a.nanos > b.nanos));
    if (finished === undefined || later(result.timestamp, finished.timestamp as { seconds: number; nanos: number } | undefined)) finished = result;
    const own = definitionIds(shard);
    if (own.length !== base.length) return { ok: false, error: `shard ${i + 1} parsed different features or loaded different steps than shard 1` };
    const ids = new Map(own.map((id, j) => [id, base[j]!]));
    for (const l of shard) {
      const kind = kindOf(l);
      if (kind === 'testRunFinished') continue;
      if (i === 0) out.push(l);
      else if (!DEFINITIONS.has(kind)) tails.push(l.replace(/"((?:[^"\\]|\\.)*)"/g, (all, text: string) => { const to = ids.get(text); return to === undefined ? all : `"${to}"`; }));
    }
  }
  return { ok: true, success, ndjson: `${[...out, ...tails, JSON.stringify({ testRunFinished: { ...finished, success } })].join('\n')}\n` };
}

/** One JUnit document from the shards' documents: their test cases in one suite, the counts and time summed. */
export function mergeJunit(documents: readonly string[]): string {
  const suites = documents.map((d) => /<testsuite\b([^>]*)>([\s\S]*?)<\/testsuite>/.exec(d)).filter((m): m is RegExpExecArray => m !== null);
  const attr = (attrs: string, name: string): number => Number(new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1] ?? 0);
  const sum = (name: string): number => suites.reduce((n, m) => n + attr(m[1]!, name), 0);
  const first = suites[0]?.[1] ?? ' name="Cucumber"';
  const merged = first.replace(/\b(tests|skipped|failures|errors)="[^"]*"/g, (_all, name: string) => `${name}="${sum(name)}"`).replace(/\btime="[^"]*"/, `time="${Math.max(0, ...suites.map((m) => attr(m[1]!, 'time')))}"`);
  return `<?xml version="1.0"?>\n<testsuite${merged}>${suites.map((m) => m[2]!.replace(/\s+$/, '')).join('')}\n</testsuite>\n`;
}
