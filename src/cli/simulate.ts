import { authorize, interpret } from '../engine';
import { answerJson } from '../explain';
import { parseSimulateCase, PolicyCache, readJsonFast, shorten } from '../parse';
import { EXIT, UsageError, write, type CliIo, type ExitCode } from './io';
import { readLines } from './read-lines';

export interface SimulateOptions {
  readonly explain: boolean;
}

export async function simulateCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const unknown = args.filter((a) => a !== '--explain');
  if (unknown.length > 0) throw new UsageError(`simulate: unknown option \`${unknown[0]}\``);
  return simulate(io, { explain: args.includes('--explain') });
}

/**
 * `mq-policy simulate`: JSON lines in, one answer line per case out, in order; one bad case never stops
 * the batch. Exit 0 when every case was decided, 3 when some case was invalid, 1 when the input could
 * not be read or a case hit a harness error (that case is answered and the batch goes on).
 */
export async function simulate(io: CliIo, options: SimulateOptions): Promise<ExitCode> {
  let allDecided = true;
  let harnessError = false;
  let pending = '';
  const policyCache = new PolicyCache();
  const flush = async (): Promise<void> => {
    if (pending !== '') await write(io.stdout, pending);
    pending = '';
  };
  try {
    for await (const batch of readLines(io.stdin)) {
      for (const input of batch) {
        let answer: Record<string, unknown>;
        if ('problem' in input) answer = { id: null, line: input.line, error: { code: input.problem.code, message: input.problem.message } };
        else if (input.text.trim() === '') continue;
        else {
          try {
            answer = answerLine(input.text, input.line, options, policyCache);
          } catch (err) {
            // A bug of ours on this case must not cost the rest of the batch its answers.
            harnessError = true;
            answer = { id: null, line: input.line, error: { code: 'internal-error', message: `line ${input.line}: the harness failed on this case: ${err instanceof Error ? err.message : String(err)}` } };
          }
        }
        if (!('decision' in answer)) allDecided = false;
        pending += `${JSON.stringify(answer)}\n`;
        if (pending.length > 64 * 1024) await flush();
      }
    }
    await flush();
  } catch (err) {
    await flush();
    await write(io.stderr, `mq-policy simulate: could not read the input: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.usage;
  }
  return harnessError ? EXIT.usage : allDecided ? EXIT.ok : EXIT.invalidInput;
}

/** Compiling a policy set costs about as much as interpreting it a few times: compile only what keeps coming back. */
const COMPILE_AFTER_USES = 8;

export function answerLine(line: string, lineNumber: number, options: SimulateOptions, policyCache?: PolicyCache): Record<string, unknown> {
  const json = readJsonFast(line);
  const fatal = json.problems.find((p) => p.kind !== 'duplicate-key');
  if (json.value === undefined || fatal) {
    if (fatal?.kind === 'too-deep') {
      return { id: null, line: lineNumber, error: { code: 'nesting-too-deep', message: `line ${lineNumber}, column ${fatal.position.column}: ${fatal.message} (at ${shorten(fatal.pointer, 120)}); a case nests about 11 levels deep` } };
    }
    const message = fatal ? `line ${lineNumber}, column ${fatal.position.column}: ${fatal.message}` : 'not JSON';
    return { id: null, line: lineNumber, error: { code: 'malformed-json', message } };
  }
  const duplicate = json.problems[0];
  if (duplicate) {
    const id = typeof json.value === 'object' && json.value !== null && 'id' in json.value ? (json.value as { id: unknown }).id : null;
    return { id, error: { code: 'duplicate-key', message: `${pointerInCase(duplicate.pointer)}: ${duplicate.message}; IAM rejects duplicate keys: keep one` } };
  }
  const parsed = parseSimulateCase(json.value, policyCache ? { policyCache } : {});
  if ('code' in parsed) {
    return { id: parsed.id, error: { code: parsed.code, message: parsed.message } };
  }
  // Compiling pays off only for policies that repeat; a one-off case is cheaper to interpret.
  const repeated = (parsed.policyUses ?? 1) >= COMPILE_AFTER_USES;
  const result = options.explain || !repeated ? interpret(parsed.request, parsed.policies, { explain: options.explain }) : authorize(parsed.request, parsed.policies);
  return answerJson(parsed.id, result, options.explain);
}

/** `/policies/scp/1/0/Statement/0/Effect` → `scp[1][0] at /Statement/0/Effect`, the way policies are named in answers. */
function pointerInCase(pointer: string): string {
  const m = /^\/policies\/(identity|boundary|session|scp)((?:\/\d+)+?)(\/(?:Version|Id|Statement).*)?$/.exec(pointer);
  if (!m) return `at ${pointer}`;
  const indexes = m[2]!.split('/').filter(Boolean).map((i) => `[${i}]`).join('');
  return `${m[1]}${indexes}${m[3] ? ` at ${m[3]}` : ''}`;
}
