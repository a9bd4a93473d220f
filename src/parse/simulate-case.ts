import type { Diagnostic, Policy, PolicyKind, Request } from '../model';
import { describeSource } from '../model';
import { parsePolicy } from './policy';
import { parseRequest, type RequestProblem } from './request';

/** The policy layers of one simulate case, validated. */
export interface CasePolicies {
  readonly identity: readonly Policy[];
  readonly boundary?: readonly Policy[];
  readonly scp?: readonly (readonly Policy[])[];
  readonly session?: readonly Policy[];
}

export interface ParsedCase {
  readonly id: unknown;
  readonly policies: CasePolicies;
  readonly request: Request;
  /** With a PolicyCache: how many cases so far used these same policies (1 = first time). */
  readonly policyUses?: number;
}

export interface CaseError {
  readonly id: unknown;
  readonly code: string;
  readonly message: string;
  readonly diagnostics?: readonly Diagnostic[];
  readonly problems?: readonly RequestProblem[];
}

export interface SimulateCaseOptions {
  readonly policyCache?: PolicyCache;
  /** The exact JSON text of `policies` in the input line: the cache keys by it instead of serialising the layers. */
  readonly policiesText?: string;
  /** Layers the cache already holds for this case's `policies` text (its `policies` was not decoded again). */
  readonly cached?: CachedLayers;
}

/** Validates one simulate case (see simulate-format.md): every policy and the request, all problems at once. */
export function parseSimulateCase(value: unknown, options: SimulateCaseOptions = {}): ParsedCase | CaseError {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { id: null, code: 'invalid-case', message: 'a case must be a JSON object with `id`, `policies` and `request`' };
  }
  const c = value as Record<string, unknown>;
  const id = c.id ?? null;
  const unknownFields = Object.keys(c).filter((k) => !['id', 'policies', 'request'].includes(k));
  if (unknownFields.length > 0) return { id, code: 'invalid-case', message: `unknown case field \`${unknownFields[0]}\`: a case has \`id\`, \`policies\` and \`request\`` };
  const p = options.cached ? {} : c.policies;
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return { id, code: 'invalid-case', message: '`policies` must be an object with `identity` and optional `boundary`, `scp`, `session`' };
  const pol = p as Record<string, unknown>;
  const extra = Object.keys(pol).filter((k) => !['identity', 'boundary', 'scp', 'session'].includes(k));
  if (extra.length > 0) return { id, code: 'invalid-case', message: `unknown policy layer \`${extra[0]}\`: use \`identity\`, \`boundary\`, \`scp\` or \`session\`` };

  const resolved = options.cached ?? options.policyCache?.resolve(pol, options.policiesText);
  const layers = resolved ? resolved.parsed : parseCasePolicies(pol);
  const parsedRequest = parseRequest(c.request);
  if ('code' in layers) return { id, ...layers };
  const { identity, boundary, scp, session } = layers;
  if ('problems' in parsedRequest) {
    const first = parsedRequest.problems[0]!;
    const more = parsedRequest.problems.length > 1 ? ` (and ${parsedRequest.problems.length - 1} more)` : '';
    return { id, code: first.code, message: `request ${first.field}: ${first.message}${first.help ? `; ${first.help}` : ''}${more}`, problems: parsedRequest.problems };
  }
  const request = parsedRequest.request;
  if (/^arn:[^:]+:iam::\d{12}:root$/.test(request.principal) && (identity.length > 0 || (boundary?.length ?? 0) > 0 || (session?.length ?? 0) > 0)) {
    return { id, code: 'invalid-case', message: 'the root user holds no identity policies, boundary or session policies: leave them out (only SCPs apply to root)' };
  }
  return { id, policies: layers, request, ...(resolved ? { policyUses: resolved.uses } : {}) };
}

/**
 * Remembers validated policy layers by content, so a batch that repeats the same policies validates
 * and compiles them once. The key is the canonical JSON of the decoded layers (duplicate keys were
 * already rejected by the reader); `uses` lets the caller compile only what repeats.
 *
 * INVARIANT: the cache holds at most `maxBytes` characters of keys. Validated policies take a roughly
 * constant multiple of their JSON text on the heap (about 9×, measured), so bounding the keys bounds
 * the whole cache whatever the input: distinct megabyte policies no longer pile up until the process
 * runs out of memory. A set larger than an eighth of the budget is validated every time instead.
 */
export interface CachedLayers {
  readonly parsed: CasePolicies | PolicyLayerError;
  readonly uses: number;
}

export class PolicyCache {
  private readonly entries = new Map<string, { readonly parsed: CasePolicies | PolicyLayerError; uses: number }>();
  private bytes = 0;
  private lookups = 0;
  private hits = 0;
  private bypassLeft = 0;
  private lastText: string | undefined;
  private lastEntry: { readonly parsed: CasePolicies | PolicyLayerError; uses: number } | undefined;

  /**
   * `capacity` entries and `maxBytes` characters of keys at most. Keying costs a serialisation per
   * case, which a batch of one-off policies never earns back: after each `probe` look-ups with fewer
   * than one hit in four, the cache steps aside for `pause` cases, then probes again.
   */
  constructor(
    private readonly capacity = 128,
    private readonly probe = 256,
    private readonly pause = 4096,
    private readonly maxBytes = 4 * 1024 * 1024,
  ) {}

  /** Characters of keys held now (for tests and the memory bound). */
  get heldBytes(): number {
    return this.bytes;
  }

  get size(): number {
    return this.entries.size;
  }

  /** False while the cache steps aside (one-off policies): callers need not prepare keys then. */
  get active(): boolean {
    return this.bypassLeft === 0;
  }

  /**
   * The layers held for this exact `policies` text, counted as a use, or undefined (nothing counted)
   * when the text is new: the caller then decodes the case and calls `resolve` with the same text.
   */
  lookupText(text: string): CachedLayers | undefined {
    if (this.bypassLeft > 0) return undefined;
    // Batches often repeat one policy set line after line: comparing with the last hit is cheaper than hashing.
    const entry = text === this.lastText ? this.lastEntry : this.entries.get(text);
    if (!entry) return undefined;
    this.lastText = text;
    this.lastEntry = entry;
    this.lookups++;
    this.hits++;
    entry.uses++;
    return this.count({ parsed: entry.parsed, uses: entry.uses });
  }

  /**
   * The validated layers for this content, and how many cases have used them so far (this one included).
   * `text`, the layers' JSON as written in the input, is the key when given (same text, same layers);
   * otherwise their canonical serialisation is.
   */
  resolve(layers: Record<string, unknown>, text?: string): CachedLayers {
    if (this.bypassLeft > 0) {
      this.bypassLeft--;
      return { parsed: parseCasePolicies(layers), uses: 1 };
    }
    const key = text ?? JSON.stringify(layers);
    let entry = this.entries.get(key);
    this.lookups++;
    if (entry) this.hits++;
    else {
      const parsed = parseCasePolicies(layers);
      if (key.length > this.maxBytes / 8) return this.count({ parsed, uses: 1 });
      while (this.entries.size > 0 && (this.entries.size >= this.capacity || this.bytes + key.length > this.maxBytes)) {
        const oldest = this.entries.keys().next().value!;
        this.bytes -= oldest.length;
        this.entries.delete(oldest);
        if (oldest === this.lastText) this.lastText = this.lastEntry = undefined;
      }
      this.entries.set(key, (entry = { parsed, uses: 0 }));
      this.bytes += key.length;
    }
    entry.uses++;
    return this.count({ parsed: entry.parsed, uses: entry.uses });
  }

  private count<T>(answer: T): T {
    if (this.lookups >= this.probe) {
      if (this.hits * 4 < this.lookups) {
        this.bypassLeft = this.pause;
        this.entries.clear();
        this.bytes = 0;
        this.lastText = this.lastEntry = undefined;
      }
      this.lookups = 0;
      this.hits = 0;
    }
    return answer;
  }
}

export interface PolicyLayerError {
  readonly code: string;
  readonly message: string;
  readonly diagnostics?: readonly Diagnostic[];
}

/** Validates the `policies` object of a case: every document of every layer, all problems at once. */
export function parseCasePolicies(pol: Record<string, unknown>): CasePolicies | PolicyLayerError {
  const diagnostics: Diagnostic[] = [];
  const structural: string[] = [];
  const docs = (kind: PolicyKind, raw: unknown, name: (i: number) => string): Policy[] | undefined => {
    if (raw === undefined) return undefined;
    if (!Array.isArray(raw)) {
      structural.push(`\`policies.${kind}\` must be an array of policy documents`);
      return undefined;
    }
    const out: Policy[] = [];
    raw.forEach((doc, i) => {
      const r = parsePolicy(doc, { name: name(i), kind });
      diagnostics.push(...r.diagnostics.filter((d) => d.severity === 'error'));
      if (r.policy) out.push(r.policy);
    });
    return out;
  };
  const identity = docs('identity', pol.identity ?? [], (i) => `identity[${i}]`) ?? [];
  const boundary = docs('boundary', pol.boundary, (i) => `boundary[${i}]`);
  const session = docs('session', pol.session, (i) => `session[${i}]`);
  let scp: Policy[][] | undefined;
  if (pol.scp !== undefined) {
    if (!Array.isArray(pol.scp)) structural.push('`policies.scp` must be an array of documents, or an array of levels (arrays of documents), root first');
    else if (pol.scp.length > 0 && pol.scp.every(Array.isArray)) {
      scp = (pol.scp as unknown[][]).map((level, l) => {
        if (level.length === 0) structural.push(`SCP level ${l} has no policies: every level of an organization has at least one SCP attached`);
        return docs('scp', level, (i) => `scp[${l}][${i}]`) ?? [];
      });
    } else if (pol.scp.some(Array.isArray)) {
      structural.push('`policies.scp` mixes documents and levels: write either documents (one level) or arrays of documents (one per level)');
    } else {
      const level = docs('scp', pol.scp, (i) => `scp[${i}]`);
      scp = level && level.length > 0 ? [level] : [];
    }
  }

  if (structural.length > 0) return { code: 'invalid-case', message: structural.join('; ') };
  if (diagnostics.length > 0) {
    const first = diagnostics[0]!;
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : '';
    return { code: first.code, message: `${describeSource(first.source)}: ${first.message}${first.help ? `; ${first.help}` : ''}${more}`, diagnostics };
  }
  return {
    identity,
    ...(boundary ? { boundary } : {}),
    ...(scp ? { scp } : {}),
    ...(session ? { session } : {}),
  };
}
