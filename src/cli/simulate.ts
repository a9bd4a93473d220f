import { createInterface } from 'node:readline';
import { authorize, interpret } from '../engine';
import { answerJson } from '../explain';
import { parseSimulateCase, PolicyCache, readJsonFast } from '../parse';
import { EXIT, UsageError, write, type CliIo, type ExitCode } from './io';

export interface SimulateOptions {
  readonly explain: boolean;
}

export async function simulateCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const unknown = args.filter((a) => a !== '--explain');
  if (unknown.length > 0) throw new UsageError(`simulate: unknown option \`${unknown[0]}\``);
  return simulate(io, { explain: args.includes('--explain') });
}

/** `mq-policy simulate`: JSON lines in, one answer line per case out, in order; one bad case never stops the batch. */
export async function simulate(io: CliIo, options: SimulateOptions): Promise<ExitCode> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  let allDecided = true;
  let pending = '';
  const policyCache = new PolicyCache();
  const flush = async (): Promise<void> => {
    if (pending !== '') await write(io.stdout, pending);
    pending = '';
  };
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line.trim() === '') continue;
      const answer = answerLine(line, lineNumber, options, policyCache);
      if (!('decision' in answer)) allDecided = false;
      pending += `${JSON.stringify(answer)}\n`;
      if (pending.length > 64 * 1024) await flush();
    }
    await flush();
  } catch (err) {
    await flush();
    await write(io.stderr, `mq-policy simulate: could not read the input: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.usage;
  }
  return allDecided ? EXIT.ok : EXIT.invalidInput;
}

/** Compiling a policy set costs about as much as interpreting it a few times: compile only what keeps coming back. */
const COMPILE_AFTER_USES = 8;

export function answerLine(line: string, lineNumber: number, options: SimulateOptions, policyCache?: PolicyCache): Record<string, unknown> {
  const json = readJsonFast(line);
  const syntax = json.problems.find((p) => p.kind === 'syntax');
  if (json.value === undefined || syntax) {
    const message = syntax ? `line ${lineNumber}, column ${syntax.position.column}: ${syntax.message}` : 'not JSON';
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
