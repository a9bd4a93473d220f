import { createInterface } from 'node:readline';
import { authorize, interpret } from '../engine';
import { answerJson } from '../explain';
import { parseRequest, parseSimulateCase, PolicyCache, readJsonFast } from '../parse';
import { loadPolicyStore } from '../load';
import type { PolicyStore } from '../load/store-types';
import { principalByArn } from '../harness/principal-by-arn';
import { EXIT, UsageError, write, type CliIo, type ExitCode } from './io';
import { takeLocationOptions } from './locations';
import { readSourceStore, takeSourceOptions } from './sources';
import { printSummary } from './import';
import { reportStoreDiagnostics } from './store-diagnostics';
import { resolve } from 'node:path';

export interface SimulateOptions {
  readonly explain: boolean;
  /** With `--store DIR` or `--source`: cases may omit `policies`; the principal's come from the store. */
  readonly store?: PolicyStore;
}

export async function simulateCommand(allArgs: readonly string[], io: CliIo): Promise<ExitCode> {
  const { request: source, rest: afterSource } = takeSourceOptions(allArgs, 'simulate');
  const { options: locations, rest: args } = takeLocationOptions(afterSource, ['store'], 'simulate');
  const unknown = args.filter((a) => a !== '--explain');
  if (unknown.length > 0) throw new UsageError(`simulate: unknown option \`${unknown[0]}\``);
  if (source && locations.store !== undefined) throw new UsageError('simulate: give `--store` or `--source`, not both');
  let store: PolicyStore | undefined;
  if (source) {
    const read = readSourceStore(source, io.cwd);
    await printSummary(read, io);
    const { report } = read.built;
    if (report.errors.length > 0 || (!report.complete && !source.allowUnresolved) || !read.load.store) {
      await write(io.stderr, 'mq-policy simulate: the source could not be read completely (see above; --allow-unresolved accepts unresolved values)\n');
      return EXIT.invalidInput;
    }
    store = read.load.store;
  } else if (locations.store !== undefined) {
    const loaded = loadPolicyStore(resolve(io.cwd, locations.store));
    const errors = await reportStoreDiagnostics(loaded, io);
    if (!loaded.store || errors > 0) {
      await write(io.stderr, `mq-policy simulate: the policy store is invalid (${errors} error${errors === 1 ? '' : 's'})\n`);
      return EXIT.invalidInput;
    }
    store = loaded.store;
  }
  return simulate(io, { explain: args.includes('--explain'), ...(store ? { store } : {}) });
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
  if (options.store && typeof json.value === 'object' && json.value !== null && !Array.isArray(json.value) && !('policies' in json.value)) return storeCaseAnswer(json.value as Record<string, unknown>, options.store, options);
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

/** A case without `policies`, decided with the stored principal's identity policies, boundary, SCPs and session policies. */
function storeCaseAnswer(c: Record<string, unknown>, store: PolicyStore, options: SimulateOptions): Record<string, unknown> {
  const id = c.id ?? null;
  const extra = Object.keys(c).find((k) => !['id', 'request'].includes(k));
  if (extra !== undefined) return { id, error: { code: 'invalid-case', message: `unknown case field \`${extra}\`: a case has \`id\`, \`policies\` (optional with a store) and \`request\`` } };
  const parsed = parseRequest(c.request);
  if ('problems' in parsed) {
    const first = parsed.problems[0]!;
    return { id, error: { code: first.code, message: `request ${first.field}: ${first.message}${first.help ? `; ${first.help}` : ''}` } };
  }
  const found = principalByArn(store, parsed.request.principal);
  if ('error' in found) return { id, error: { code: 'unknown-principal', message: `${found.error}; give \`policies\` or a principal of the store` } };
  const { principal: _principal, ...policies } = found;
  const result = interpret(parsed.request, policies, { explain: options.explain });
  return answerJson(id, result, options.explain);
}
