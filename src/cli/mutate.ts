import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { mutateStore, mutationMarkdown, mutationHtml, mutationText, type RecordedExpectation } from '../analysis';
import { MUTATION_JSON, mutationJson, parseNdjson, readMessages } from '../reports';
import { recordedExpectations, scopeOf, sha256 } from './mutation-evidence';
import { storeHashes } from './store-hash';
import { parseAnalysisArgs } from './analysis-args';
import { loadSide } from './analysis-stores';
import { EXIT, UsageError, write, type CliIo, type ExitCode } from './io';

const FORMATS = ['text', 'json', 'md', 'html'] as const;

/**
 * `mq-policy mutate [--min-score N] [--in reports/cucumber.ndjson]`: mutates the stored policies and
 * re-decides every expectation the last `mq-policy test` run recorded, in process. Exit 2 below N %.
 */
export async function mutateCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const options = parseAnalysisArgs('mutate', args, io.cwd, io.env, FORMATS, ['--min-score', '--in', '--policy']);
  const minText = options.flags.get('--min-score');
  const min = minText === undefined ? undefined : Number(minText);
  if (min !== undefined && (!Number.isFinite(min) || min < 0 || min > 100)) throw new UsageError('mutate: `--min-score` takes a percentage from 0 to 100');
  const input = resolve(io.cwd, options.flags.get('--in') ?? 'reports/cucumber.ndjson');
  if (!existsSync(input)) {
    await write(io.stderr, `mq-policy mutate: no recorded run at \`${input}\` (run \`mq-policy test\` first, or name it with --in)\n`);
    return EXIT.usage;
  }
  const head = await loadSide('mutate', options.store, undefined, io);
  if ('error' in head) return head.error === 'usage' ? EXIT.usage : EXIT.invalidInput;
  const recorded = readFileSync(input, 'utf8');
  const { envelopes, problems } = parseNdjson(recorded);
  const run = readMessages(envelopes);
  for (const p of [...problems, ...run.problems]) await write(io.stderr, `warning: ${input}: ${p}\n`);
  const expectations: RecordedExpectation[] = recordedExpectations(run);
  const policy = options.flags.get('--policy');
  const report = mutateStore(head.store, expectations, policy !== undefined ? { policies: [policy] } : {});
  const text = options.format === 'json' ? `${JSON.stringify(report, null, 1)}\n` : options.format === 'md' ? mutationMarkdown(report) : options.format === 'html' ? `${mutationHtml(report)}\n` : mutationText(report);
  if (options.out) writeFileSync(options.out, text);
  else await write(io.stdout, text);
  // Beside the run it re-decided, with what it covered: `mq-policy report` shows it for exactly this store and run.
  if (policy === undefined) {
    const hashes = storeHashes(options.store, io.cwd);
    writeFileSync(join(dirname(input), MUTATION_JSON), mutationJson({ kind: 'computed', report, scope: scopeOf(report, hashes.root, hashes.sha256), storeSha256: hashes.sha256, runSha256: sha256(recorded) }));
  }
  if (report.expectations === 0) {
    await write(io.stderr, 'mq-policy mutate: the recorded run holds no expectation that could be re-decided, so no mutant can be killed\n');
  }
  if (min !== undefined && report.score < min) {
    await write(io.stderr, `mq-policy mutate: mutation score ${report.score.toFixed(1)}% is below --min-score ${min}%\n`);
    return EXIT.expectationFailed;
  }
  return EXIT.ok;
}
