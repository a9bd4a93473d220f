import type { AuthorizationResult, CannotDecide, Decision, LayerResult, Policy, PolicyKind, Request, Statement } from '../model';
import type { PolicySet } from './interpret';
import { decideWithUnknowns, determiningOf, layerResults, planLayers, type LayerHits, type LayerPlan, type StatementDetermining } from './combine';
import { AnswerTable } from './answer-table';
import { compileCondition, type CompiledCondition, type MissingSink } from './compile-condition';
import { generatePlan, planEvaluator, TAKE_GENERAL_PATH, type PlanEvaluator, type PlanStatement } from './compile-plan';
import { crossAccountOf } from './cross-account';
import { templateTokens } from './glob';
import { actionMatcher } from './match-action';
import { matchResource } from './match-resource';
import { principalKind, type PrincipalKind } from './principal';
import { compileResourcePattern, matchResourcePattern, type ResourcePattern } from './resource-pattern';
import { MultivaluedVariable } from './variables';

/**
 * A policy set compiled for repeated decisions. It answers exactly what the interpreter answers
 * (without the per-statement explanation); the interpreter stays the reference and the explaining path,
 * and the case corpus and the laws compare both.
 *
 * Where the time goes, and what is done about it (issue 16):
 * - statements are selected per (kind of caller, action) once: a decision walks only the statements
 *   whose Action admits its action, across all layers, as one flat list;
 * - resource patterns and condition values are parsed once; a condition costs one context look-up and
 *   reports its own missing keys (no second pass over the keys it reads);
 * - the answer is a function of which of those statements applied and which keys were missing, in order:
 *   the Decision for that pair is built once and then returned as is (Decisions are immutable), so the
 *   common decision allocates nothing. Cross-account requests and statements that cannot be evaluated
 *   take the general path, which builds its answer each time;
 * - an action plan asked often gets generated code (compile-plan.ts) that computes that pair in one
 *   straight-line function; the closure path computes the same pair and stays the fallback. Answers are
 *   always built by the general path, so generated code only chooses which remembered answer is returned:
 *   the laws and the corpus compare its choice with the closure path's directly (answerKeys).
 *
 * What is left (profile of bench workload 1): reading each request's context and resource, which are
 * rarely in cache when requests are many: with a thousand requests that stay in cache the same code decides
 * about twice as fast.
 */
export interface CompiledPolicySet {
  decide(request: Request): AuthorizationResult;
  /**
   * Everything `decide` reads of a request's resource ARN, as a string: two resources with equal
   * signatures get equal answers for equal principal, action and context. Undefined when the set's
   * Resource entries hold policy variables (their match depends on the context too).
   */
  resourceSignature(resource: string): string | undefined;
  /** The source of the code generated for the request's action plan (undefined: none is generated), for tests and the curious. */
  generatedSource(request: Request): string | undefined;
  /**
   * The key a decision's answer is remembered by, as the closure path and as the generated code compute it
   * (undefined: no code is generated). They must be equal: the laws and the case corpus check it.
   */
  answerKeys(request: Request): { readonly closures: AnswerKey; readonly generated: AnswerKey | undefined };
}

/** Which candidates applied (TAKE_GENERAL_PATH: a statement could not be decided) and the missing-key sequence (undefined: not rememberable). */
export interface AnswerKey {
  readonly applied: number;
  readonly sequence: number | undefined;
}

interface CompiledStatement {
  readonly deny: boolean;
  readonly determining: StatementDetermining;
  readonly statement: Statement;
  readonly actionMatches: (actionLower: string) => boolean;
  /** Literal patterns prepared once; `undefined` marks a pattern with variables (resolved per request). */
  readonly resources: readonly (ResourcePattern | 'star' | undefined)[];
  readonly resourceNegated: boolean;
  readonly conditions: readonly CompiledCondition[];
  /** The statement's resource entries hold variables, which read (and may miss) context keys. */
  readonly resourceReads: boolean;
  /** `Resource: "*"` (or a list holding it), not negated: every request's resource is listed. */
  readonly anyResource: boolean;
}

interface CompiledLayer {
  readonly kind: PolicyKind;
  readonly level?: number;
  readonly results: readonly LayerResult[];
  readonly statements: readonly CompiledStatement[];
}

/** The statements one action can meet for one kind of caller, layer by layer, and the answers seen so far. */
interface ActionPlan {
  readonly plan: LayerPlan<CompiledLayer>;
  readonly candidates: readonly CompiledStatement[];
  /** Index into `plan.layers` of each candidate. */
  readonly layerOf: readonly number[];
  /** Decisions by missing-key sequence, then by the bits of the candidates that applied; bounded. */
  readonly answers: AnswerTable<Decision>;
  /** Decisions taken so far, until the plan's code is generated. */
  uses: number;
  /** The generated evaluator; null where none could be generated (the closure path then decides). */
  evaluate: PlanEvaluator | null | undefined;
}

/**
 * Decisions of one action plan on the closure path before its code is generated. Generating costs about 30 µs
 * for a shape seen before and under a millisecond for a new one (measured); the closure path costs about a
 * microsecond more per decision. So a plan asked a few times (simulate's one-off sets, a scenario) never pays.
 */
const GENERATE_AFTER = 128;

/** Answers remembered per action plan: enough for every combination a store meets in practice, bounded for any. */
const MAX_ANSWERS = 4096;
/** Candidate statements whose applicability an answer key holds as bits of one small integer. */
const MAX_KEYED_CANDIDATES = 30;
/** Missing-key sequences an answer key can number (small integers, so look-ups never box a number). */
const MAX_SEQUENCE = 2 ** 30;

/** Per caller ARN: its kind and the partition and account it acts in. */
interface CallerInfo {
  readonly kind: PrincipalKind | undefined;
  /** The action plans of the caller's kind, by action as sent. */
  actions?: Map<string, ActionPlan>;
  /** `arn:<partition>:`, and `:<account>:`, to test a resource ARN without splitting it. */
  readonly partitionPrefix: string | undefined;
  readonly accountInfix: string | undefined;
}

function callerInfo(principal: string): CallerInfo {
  const parts = principal.split(':');
  return {
    kind: principalKind(principal),
    partitionPrefix: parts.length > 5 ? `arn:${parts[1]}:` : undefined,
    accountInfix: parts.length > 5 ? `:${parts[4]}:` : undefined,
  };
}

/** True when `resource` is in the caller's partition and account (fields 1 and 4 of the ARN). */
function sameAccount(resource: string, caller: CallerInfo): boolean {
  if (caller.partitionPrefix === undefined || !resource.startsWith(caller.partitionPrefix)) return false;
  const service = resource.indexOf(':', caller.partitionPrefix.length);
  const region = service < 0 ? -1 : resource.indexOf(':', service + 1);
  return region >= 0 && resource.startsWith(caller.accountInfix!, region);
}

export interface CompileOptions {
  /**
   * Decisions of an action plan taken on the closure path before its code is generated (default
   * GENERATE_AFTER); Infinity: never generate (for comparisons). Tests pass 1 to reach generated code soon.
   */
  readonly generateAfter?: number;
}

export function compilePolicySet(set: PolicySet, options: CompileOptions = {}): CompiledPolicySet {
  const generateAfter = options.generateAfter ?? GENERATE_AFTER;
  const reads = new ReadTable();
  const compileStatement = (policy: Policy, statement: Statement, kind: PolicyKind, level: number | undefined): CompiledStatement => {
    const patterns = statement.action.patterns.map(actionMatcher);
    const negated = statement.action.negated;
    return {
      deny: statement.effect === 'Deny',
      determining: determiningOf({
        policy: policy.name,
        kind,
        ...(level !== undefined ? { level } : {}),
        statementIndex: statement.index,
        ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
        effect: statement.effect,
        source: statement.source,
      }),
      statement,
      actionMatches: (a) => patterns.some((m) => m(a)) !== negated,
      resources: statement.resource.patterns.map((p) => (p.raw === '*' ? 'star' : p.hasVariables ? undefined : compileResourcePattern(templateTokens(p.parts)))),
      resourceNegated: statement.resource.negated,
      conditions: statement.conditions.map((c) => compileCondition(c, reads.id)),
      resourceReads: registerResourceVariables(statement, reads),
      // Variables still have to be read (their missing keys count), so only a list without them qualifies.
      anyResource: !statement.resource.negated && statement.resource.patterns.some((p) => p.raw === '*') && !statement.resource.patterns.some((p) => p.hasVariables),
    };
  };
  const layer = (kind: PolicyKind, policies: readonly Policy[], level?: number): CompiledLayer => ({
    kind,
    ...(level !== undefined ? { level } : {}),
    results: layerResults(kind, level),
    statements: policies.flatMap((p) => p.statements.map((s) => compileStatement(p, s, kind, level))),
  });
  const scp = (set.scp ?? []).map((level, i) => layer('scp', level, i));
  const identity = layer('identity', set.identity);
  const boundary = set.boundary && set.boundary.length > 0 ? layer('boundary', set.boundary) : undefined;
  const session = set.session && set.session.length > 0 ? layer('session', set.session) : undefined;

  const callers = new Map<string, CallerInfo>();
  const plans = new Map<PrincipalKind | undefined, { readonly plan: LayerPlan<CompiledLayer>; readonly actions: Map<string, ActionPlan> }>();
  const actionPlan = (kind: PrincipalKind | undefined, action: string): ActionPlan => {
    let byKind = plans.get(kind);
    if (!byKind) plans.set(kind, (byKind = { plan: planLayers(kind, scp, identity, boundary, session), actions: new Map() }));
    let ap = byKind.actions.get(action);
    if (ap) return ap;
    const actionLower = action.toLowerCase();
    const candidates: CompiledStatement[] = [];
    const layerOf: number[] = [];
    byKind.plan.layers.forEach((l, i) => {
      for (const s of l.statements) {
        if (!s.actionMatches(actionLower)) continue;
        candidates.push(s);
        layerOf.push(i);
      }
    });
    ap = { plan: byKind.plan, candidates, layerOf, answers: new AnswerTable<Decision>(MAX_ANSWERS), uses: 0, evaluate: undefined };
    // Actions arrive as sent (any letter case): bounded, since every entry is an action of the catalog.
    if (byKind.actions.size < 4096) byKind.actions.set(action, ap);
    return ap;
  };

  // Every distinct compiled Resource pattern, for resource signatures.
  const allPatterns = [...new Set([...scp, identity, ...(boundary ? [boundary] : []), ...(session ? [session] : [])].flatMap((l) => l.statements.flatMap((st) => st.resources)))];
  const variablePatterns = allPatterns.includes(undefined);
  const patterns = allPatterns.filter((p): p is ResourcePattern => p !== undefined && p !== 'star');

  const scratch = new Scratch(reads);
  // Callers such as the matrix ask one principal many questions in a row: keep the last look-ups.
  let lastPrincipal: string | undefined;
  let lastCaller: CallerInfo | undefined;
  let lastAction: string | undefined;
  let lastPlan: ActionPlan | undefined;
  return {
    resourceSignature(resource: string): string | undefined {
      if (resource === '*') return '*';
      if (variablePatterns) return undefined;
      // The partition and account decide same- or cross-account (E0); each pattern's answer decides the rest.
      const parts = resource.split(':');
      let signature = `${parts[1]}:${parts[4]}:`;
      for (const p of patterns) signature += matchResourcePattern(p, resource) ? '1' : '0';
      return signature;
    },
    generatedSource(request: Request): string | undefined {
      return generatePlan(actionPlan(principalKind(request.principal), request.action).candidates.map(planStatement))?.source;
    },
    answerKeys(request: Request): { readonly closures: AnswerKey; readonly generated: AnswerKey | undefined } {
      const ap = actionPlan(principalKind(request.principal), request.action);
      const candidates = ap.candidates;
      const keyOf = (applied: number): AnswerKey => ({ applied, sequence: applied === TAKE_GENERAL_PATH || scratch.sequence >= MAX_SEQUENCE ? undefined : scratch.sequence });
      scratch.begin();
      const closures = keyOf(appliedBits(candidates, request, scratch));
      const evaluate = (ap.evaluate ??= planEvaluator(candidates.map(planStatement)) ?? null);
      if (!evaluate) return { closures, generated: undefined };
      scratch.begin();
      return { closures, generated: keyOf(evaluate(request, scratch)) };
    },
    decide(request: Request): AuthorizationResult {
      let caller = lastCaller;
      let ap = lastPlan;
      if (request.principal !== lastPrincipal || caller === undefined) {
        caller = callers.get(request.principal);
        if (!caller) {
          caller = callerInfo(request.principal);
          if (callers.size < 65536) callers.set(request.principal, caller);
        }
        lastPrincipal = request.principal;
        lastCaller = caller;
        lastAction = undefined;
      }
      if (request.action !== lastAction || ap === undefined) {
        ap = caller.actions?.get(request.action) ?? actionPlan(caller.kind, request.action);
        caller.actions ??= plans.get(caller.kind)!.actions;
        lastAction = request.action;
        lastPlan = ap;
      }
      scratch.begin();
      let evaluate = ap.evaluate;
      if (evaluate === undefined && ++ap.uses > generateAfter) evaluate = ap.evaluate = planEvaluator(ap.candidates.map(planStatement)) ?? null;
      const applied = evaluate ? evaluate(request, scratch) : appliedBits(ap.candidates, request, scratch);
      // Checked after the statements (whose answer it then discards) so that reading the resource and reading
      // the context, both rarely in cache, overlap.
      if (request.resource !== '*' && !sameAccount(request.resource, caller)) {
        const cross = crossAccountOf(request);
        if (cross) return decideGeneral(ap, request, scratch, cross);
      }
      if (applied === TAKE_GENERAL_PATH) return decideGeneral(ap, request, scratch, undefined);
      const sequence = scratch.sequence;
      if (sequence >= MAX_SEQUENCE) return decideGeneral(ap, request, scratch, undefined);
      const known = ap.answers.get(applied, sequence);
      if (known) return known;
      const answer = decideGeneral(ap, request, scratch, undefined) as Decision;
      ap.answers.set(applied, sequence, answer);
      return answer;
    },
  };
}

/** The closure path: the bits of the candidates that applied, or TAKE_GENERAL_PATH. */
function appliedBits(candidates: readonly CompiledStatement[], request: Request, scratch: Scratch): number {
  let applied = 0;
  for (let i = 0; i < candidates.length; i++) {
    const r = statementApplies(candidates[i]!, request, scratch);
    if (r === true) {
      if (i < MAX_KEYED_CANDIDATES) applied |= 1 << i;
      else return TAKE_GENERAL_PATH;
    } else if (r !== false) return TAKE_GENERAL_PATH;
  }
  return applied;
}

/** A candidate as the code generator sees it: inline where its parts allow, else through the closures. */
function planStatement(s: CompiledStatement): PlanStatement {
  return {
    general: s.resourceReads,
    applies: (request, scratch) => statementApplies(s, request, scratch as Scratch),
    anyResource: s.anyResource,
    resources: s.resources,
    resourceNegated: s.resourceNegated,
    conditions: s.conditions.map((c) => (c.inline ? { inline: c.inline } : { evaluate: c.evaluate })),
  };
}

/** Gives the variables of a statement's Resource entries their read ids; true when there are any. */
function registerResourceVariables(statement: Statement, reads: ReadTable): boolean {
  let any = false;
  for (const p of statement.resource.patterns) {
    for (const part of p.parts) {
      if (part.kind !== 'variable') continue;
      reads.named(part.name);
      any = true;
    }
  }
  return any;
}

/** Evaluates every candidate again, collecting the full layer hits, and combines them (E0, E3). */
function decideGeneral(ap: ActionPlan, request: Request, scratch: Scratch, cross: ReturnType<typeof crossAccountOf>): AuthorizationResult {
  scratch.begin();
  const hits = ap.plan.layers.map((layer) => ({ layer, allows: [] as StatementDetermining[], denies: [] as StatementDetermining[], unknownAllows: [] as CannotDecide[], unknownDenies: [] as CannotDecide[] }));
  ap.candidates.forEach((s, i) => {
    const h = hits[ap.layerOf[i]!]!;
    const r = statementApplies(s, request, scratch);
    if (r === true) (s.deny ? h.denies : h.allows).push(s.determining);
    else if (r !== false) (s.deny ? h.unknownDenies : h.unknownAllows).push(r);
  });
  return decideWithUnknowns(hits as LayerHits[], ap.plan, scratch.missingKeys(), cross);
}

/** Resource, then conditions; every condition is evaluated so the missing keys match the interpreter. */
function statementApplies(s: CompiledStatement, request: Request, scratch: Scratch): boolean | CannotDecide {
  if (!s.anyResource) {
    const listed = resourceListed(s, request, scratch);
    if (listed !== true) return listed;
  }
  let failed = false;
  let unknown: CannotDecide | undefined;
  const conditions = s.conditions;
  for (let i = 0; i < conditions.length; i++) {
    const r = conditions[i]!.evaluate(request, scratch);
    if (r === false) failed = true;
    else if (r !== true) unknown ??= r;
  }
  if (failed) return false;
  return unknown ?? true;
}

/** Whether the statement's Resource (or NotResource) lets the request's resource through (R1–R9). */
function resourceListed(s: CompiledStatement, request: Request, scratch: Scratch): boolean | CannotDecide {
  let listed = false;
  const mark = s.resourceReads ? scratch.mark() : 0;
  for (let i = 0; i < s.resources.length; i++) {
    const pattern = s.resources[i];
    if (pattern === 'star') listed = true;
    else if (pattern === undefined) {
      const m = matchResource(s.statement.resource.patterns[i]!, request);
      if (m instanceof MultivaluedVariable) {
        scratch.rollback(mark); // the interpreter reports no missing key of such a statement
        return { kind: 'cannot-decide', code: 'undefined-semantics', message: `policy variable \`${m.key}\` names a multivalued context key; AWS allows only single-valued keys as variables`, source: s.statement.source };
      }
      for (const k of m.missing) scratch.recordName(k);
      if (m.matched) listed = true;
    } else if (request.resource !== '*' && matchResourcePattern(pattern, request.resource)) listed = true;
  }
  return listed !== s.resourceNegated;
}

/** Numbers the distinct (lower-cased key, key as written) pairs the conditions of one set read. */
class ReadTable {
  readonly lowerIndex: number[] = [];
  readonly written: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly lowers = new Map<string, number>();
  /** Variables in Resource entries report their keys as written; each spelling gets an id on first sight. */
  private readonly byName = new Map<string, number>();

  readonly id = (lower: string, written: string): number => {
    const k = `${lower}\u0000${written}`;
    let id = this.ids.get(k);
    if (id === undefined) {
      id = this.written.length;
      this.ids.set(k, id);
      let li = this.lowers.get(lower);
      if (li === undefined) this.lowers.set(lower, (li = this.lowers.size));
      this.lowerIndex.push(li);
      this.written.push(written);
    }
    return id;
  };

  /** The id of a key as written; `fresh` tells a caller that the table grew after compilation. */
  named(written: string): number {
    let id = this.byName.get(written);
    if (id === undefined) {
      this.byName.set(written, (id = this.id(written.toLowerCase(), written)));
      this.grewAfterCompilation = this.sealed;
    }
    return id;
  }

  /** Set once compilation is over: later ids would change the base of answer keys. */
  sealed = false;
  grewAfterCompilation = false;

  get keys(): number {
    return this.lowers.size;
  }
}

/**
 * Per-decision working state, reused across decisions of one compiled set (decide is synchronous and
 * never re-entered). Missing keys are kept in the order the interpreter meets them, each key (ignoring
 * case) once with its first spelling; `sequence` numbers that order so answers can be remembered by it.
 */
class Scratch implements MissingSink {
  /** Read ids of the missing keys, in order; `count` of them belong to this decision. */
  private order: number[] = [];
  private count = 0;
  private seenAt: Uint32Array;
  private generation = 1;
  private readonly base: number;
  sequence = 0;

  constructor(private readonly reads: ReadTable) {
    reads.sealed = true;
    this.seenAt = new Uint32Array(Math.max(1, reads.keys));
    this.base = reads.written.length + 1;
  }

  begin(): void {
    this.count = 0;
    this.sequence = 0;
    if (++this.generation === 0xffffffff) {
      this.seenAt.fill(0);
      this.generation = 1;
    }
  }

  record(readId: number): void {
    const lower = this.reads.lowerIndex[readId]!;
    if (lower >= this.seenAt.length) this.grow();
    if (this.seenAt[lower] === this.generation) return;
    this.seenAt[lower] = this.generation;
    this.order[this.count++] = readId;
    this.sequence = this.sequence * this.base + readId + 1;
  }

  recordName(written: string): void {
    this.record(this.reads.named(written));
    if (this.reads.grewAfterCompilation) this.sequence = MAX_SEQUENCE; // never remember such an answer
  }

  mark(): number {
    return this.count;
  }

  /** Forgets the keys recorded since `mark`. */
  rollback(mark: number): void {
    while (this.count > mark) {
      const id = this.order[--this.count]!;
      this.seenAt[this.reads.lowerIndex[id]!] = 0;
    }
    // The sequence number can no longer be trusted as a key; it only needs to exceed what answers accept.
    this.sequence = MAX_SEQUENCE;
  }

  missingKeys(): readonly string[] {
    return this.count === 0 ? NO_KEYS : this.order.slice(0, this.count).map((id) => this.reads.written[id]!);
  }

  private grow(): void {
    const bigger = new Uint32Array(this.reads.keys * 2);
    bigger.set(this.seenAt);
    this.seenAt = bigger;
  }
}

const NO_KEYS: readonly string[] = [];
