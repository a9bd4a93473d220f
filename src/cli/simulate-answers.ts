import { authorize, decideOnce, interpret } from '../engine';
import { answerJson, answerText } from '../explain';
import type { AuthorizationResult } from '../model';
import { memberSpan, parseSimulateCase, PolicyCache, readJsonFast, shorten, type CachedLayers, type JsonReadResult } from '../parse';
import { decodeBlock, type LineBlock } from './read-lines';
import { parseRequest } from '../parse';
import type { PolicyStore } from '../load/store-types';
import { principalByArn } from '../harness/principal-by-arn';

export interface SimulateOptions {
  readonly explain: boolean;
  /** With `--store DIR` or `--source`: a case may omit `policies`; the principal's layers come from the store. */
  readonly store?: PolicyStore;
}

/** The answer lines of one block of input, and what they mean for the exit status. */
export interface BlockAnswers {
  /** One JSON answer per non-blank line, each ending in `\n`. */
  readonly text: string;
  /** Some line got an error answer instead of a decision (exit 3). */
  readonly undecided: boolean;
  /** Some line hit a bug of ours (exit 1); it was answered and the batch went on. */
  readonly harnessError: boolean;
}

/**
 * Answers every line of a block: on the main thread for small inputs, in a worker thread for large
 * ones. Pure apart from the policy cache, so both places give the same answers.
 */
export function answerBlock(block: LineBlock, options: SimulateOptions, policyCache: PolicyCache): BlockAnswers {
  let text = '';
  let undecided = false;
  let harnessError = false;
  for (const input of decodeBlock(block)) {
    let answer: CaseAnswer;
    if ('problem' in input) answer = { id: null, line: input.line, error: { code: input.problem.code, message: input.problem.message } };
    else if (input.text.trim() === '') continue;
    else {
      try {
        answer = answerCase(input.text, input.line, options, policyCache);
      } catch (err) {
        // A bug of ours on this case must not cost the rest of the batch its answers.
        harnessError = true;
        answer = { id: null, line: input.line, error: { code: 'internal-error', message: `line ${input.line}: the harness failed on this case: ${err instanceof Error ? err.message : String(err)}` } };
      }
    }
    if (answer instanceof Decided) {
      if (answer.result.kind !== 'decision') undecided = true;
      text += `${answerText(answer.id, answer.result, options.explain)}\n`;
    } else {
      undecided = true;
      text += `${JSON.stringify(answer)}\n`;
    }
  }
  return { text, undecided, harnessError };
}

/** Compiling a policy set costs about as much as interpreting it a few times: compile only what keeps coming back. */
const COMPILE_AFTER_USES = 8;

/** The engine's answer to a case that was read and validated; answerJson turns it into the answer line. */
class Decided {
  constructor(
    readonly id: unknown,
    readonly result: AuthorizationResult,
  ) {}
}

/** A case's answer: the engine's, or an error answer (the case could not be read or validated). */
type CaseAnswer = Decided | Record<string, unknown>;

/** One case's answer as the object its JSON line shows. */
export function answerLine(line: string, lineNumber: number, options: SimulateOptions, policyCache?: PolicyCache): Record<string, unknown> {
  const answer = answerCase(line, lineNumber, options, policyCache);
  return answer instanceof Decided ? answerJson(answer.id, answer.result, options.explain) : answer;
}

function answerCase(line: string, lineNumber: number, options: SimulateOptions, policyCache?: PolicyCache): CaseAnswer {
  // A policy set seen before is recognised by its exact text and not decoded again: only the rest of
  // the line (id and request) is read. The text was fully checked the first time (the same text reads
  // the same way), and the rest still goes through every check, duplicate keys included.
  const span = policyCache?.active ? memberSpan(line, 'policies') : undefined;
  const policiesText = span ? line.slice(span.start, span.end) : undefined;
  let cached: CachedLayers | undefined;
  let json: JsonReadResult | undefined;
  if (span && policiesText !== undefined) {
    cached = policyCache!.lookupText(policiesText);
    if (cached) {
      json = readJsonFast(`${line.slice(0, span.start)}{}${line.slice(span.end)}`);
      // A problem there is reported from the whole line, so its position is the one the user sees.
      if (json.problems.length > 0 || json.value === undefined) {
        json = undefined;
        cached = undefined;
      }
    }
  }
  json ??= readJsonFast(line);
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
  if (options.store && typeof json.value === 'object' && json.value !== null && !Array.isArray(json.value) && !('policies' in json.value)) return storeCaseAnswer(json.value as Record<string, unknown>, options.store, options);
  const parsed = parseSimulateCase(json.value, { ...(policyCache ? { policyCache } : {}), ...(policiesText !== undefined ? { policiesText } : {}), ...(cached ? { cached } : {}) });
  if ('code' in parsed) {
    return { id: parsed.id, error: { code: parsed.code, message: parsed.message } };
  }
  // Compiling pays off only for policies that repeat; a one-off case is decided once, without a trace.
  // All three give the same answer; only the interpreter builds the trace --explain shows.
  const repeated = (parsed.policyUses ?? 1) >= COMPILE_AFTER_USES;
  const result = options.explain ? interpret(parsed.request, parsed.policies, { explain: true }) : repeated ? authorize(parsed.request, parsed.policies) : decideOnce(parsed.request, parsed.policies);
  return new Decided(parsed.id, result);
}

/** `/policies/scp/1/0/Statement/0/Effect` → `scp[1][0] at /Statement/0/Effect`, the way policies are named in answers. */
function pointerInCase(pointer: string): string {
  const m = /^\/policies\/(identity|boundary|session|scp)((?:\/\d+)+?)(\/(?:Version|Id|Statement).*)?$/.exec(pointer);
  if (!m) return `at ${pointer}`;
  const indexes = m[2]!.split('/').filter(Boolean).map((i) => `[${i}]`).join('');
  return `${m[1]}${indexes}${m[3] ? ` at ${m[3]}` : ''}`;
}

/** A case without `policies`, decided with the stored principal's identity policies, boundary, SCPs and session policies. */
function storeCaseAnswer(c: Record<string, unknown>, store: PolicyStore, options: SimulateOptions): CaseAnswer {
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
  return new Decided(id, options.explain ? interpret(parsed.request, policies, { explain: true }) : decideOnce(parsed.request, policies));
}
