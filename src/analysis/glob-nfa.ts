/**
 * Finite automata over `*`/`?` patterns, and a breadth-first walk of their product that finds, for every
 * combination of patterns that can match together (and the others not), one shortest witness string.
 * Witnesses are computed from the patterns, never guessed: a combination the walk does not reach has no
 * string at all (within the state bound, which the caller reports as an approximation when hit).
 */

/** One position of a pattern: a set of characters, one character, or a run of characters. */
export type NfaToken =
  | { readonly kind: 'chars'; readonly chars: string }
  | { readonly kind: 'one'; readonly colon: boolean }
  | { readonly kind: 'star'; readonly colon: boolean };

export interface Nfa {
  readonly tokens: readonly NfaToken[];
}

const chars = (c: string): NfaToken => ({ kind: 'chars', chars: c });

/** A literal string (each character itself; `ignoreCase` admits both letter cases of ASCII letters). */
export function literalNfa(text: string, ignoreCase = false): Nfa {
  return intern({ tokens: [...text].flatMap((c) => [...(c.length === 1 ? [c] : c)]).map((c) => chars(ignoreCase ? caseVariants(c) : c)) });
}

/** Text pieces and wildcards, as the policy wrote them; `colon` says whether a wildcard may match `:`. */
export type GlobPiece = { readonly text: string } | { readonly wildcard: '*' | '?'; readonly colon: boolean };

export function globNfa(pieces: readonly GlobPiece[]): Nfa {
  const tokens: NfaToken[] = [];
  for (const p of pieces) {
    if ('text' in p) for (let i = 0; i < p.text.length; i++) tokens.push(chars(p.text[i]!));
    else tokens.push(p.wildcard === '*' ? { kind: 'star', colon: p.colon } : { kind: 'one', colon: p.colon });
  }
  return intern({ tokens });
}

function caseVariants(c: string): string {
  const lower = c.toLowerCase();
  const upper = c.toUpperCase();
  return [...new Set([c, lower.length === 1 ? lower : c, upper.length === 1 ? upper : c])].join('');
}

/** True when the token admits character `c` (one UTF-16 unit). */
function admits(t: NfaToken, c: string): boolean {
  if (t.kind === 'chars') return t.chars.includes(c);
  return t.colon || c !== ':';
}

/** Positions reachable without reading: a star may match nothing. */
function closure(nfa: Nfa, states: Iterable<number>): number[] {
  const out = new Set<number>();
  const stack = [...states];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (out.has(s)) continue;
    out.add(s);
    if (nfa.tokens[s]?.kind === 'star') stack.push(s + 1);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * The automaton made deterministic lazily: each reachable set of positions gets a number, and each
 * (state, character) transition is computed once. State 0 is the start.
 */
class Dfa {
  private readonly sets: number[][] = [];
  private readonly ids = new Map<string, number>();
  private readonly next: Map<string, number>[] = [];
  readonly accepting: boolean[] = [];
  constructor(private readonly nfa: Nfa) {
    this.id(closure(nfa, [0]));
  }
  private id(set: number[]): number {
    const key = set.join(',');
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.ids.set(key, id);
      this.sets.push(set);
      this.next.push(new Map());
      this.accepting.push(set.includes(this.nfa.tokens.length));
    }
    return id;
  }
  step(state: number, c: string): number {
    const row = this.next[state]!;
    let to = row.get(c);
    if (to === undefined) {
      const moved = new Set<number>();
      for (const s of this.sets[state]!) {
        const t = this.nfa.tokens[s];
        if (t && admits(t, c)) moved.add(t.kind === 'star' ? s : s + 1);
      }
      to = this.id(closure(this.nfa, moved));
      row.set(c, to);
    }
    return to;
  }
  dead(state: number): boolean {
    return this.sets[state]!.length === 0;
  }
}

const dfas = new WeakMap<Nfa, Dfa>();
function dfaOf(nfa: Nfa): Dfa {
  let d = dfas.get(nfa);
  if (!d) dfas.set(nfa, (d = new Dfa(nfa)));
  return d;
}

/** Whether the whole of `subject` is accepted. */
export function nfaMatches(nfa: Nfa, subject: string): boolean {
  const d = dfaOf(nfa);
  let state = 0;
  for (let i = 0; i < subject.length; i++) {
    state = d.step(state, subject[i]!);
    if (d.dead(state)) return false;
  }
  return d.accepting[state]!;
}

/** Every character a pattern names, plus characters no pattern names (one per kind: plain and `:`). */
export function alphabetOf(nfas: readonly Nfa[]): string[] {
  const named = new Set<string>();
  for (const n of nfas) for (const t of n.tokens) if (t.kind === 'chars') for (const c of t.chars) named.add(c);
  const fresh = ['x', 'z', 'q', '0', '7', '-', '~', '\u00e9'].find((c) => !named.has(c)) ?? '\u2603';
  return [fresh, ...[...named].sort(), ...(named.has(':') ? [] : [':'])];
}

export interface WalkResult {
  /** Signature (one character per automaton: `1` accepts, `0` not) → the shortest string with it. */
  readonly witnesses: ReadonlyMap<string, string>;
  /** The walk stopped at the state bound: some combinations may be missing. */
  readonly truncated: boolean;
}

/** One object per distinct automaton, so that its deterministic form is built once. */
const interned = new Map<string, Nfa>();
export function intern(nfa: Nfa): Nfa {
  const key = nfaKey(nfa);
  const known = interned.get(key);
  if (known) return known;
  if (interned.size > 100_000) interned.clear();
  interned.set(key, nfa);
  return nfa;
}

const nfaKey = (n: Nfa): string => n.tokens.map((t) => (t.kind === 'chars' ? JSON.stringify(t.chars) : `${t.kind}${t.colon ? ':' : ''}`)).join(' ');
const walks = new Map<string, WalkResult>();

/**
 * Breadth-first walk of the product automaton. `required` automata must accept every witness (the shape
 * of an ARN of the action's resource type); the others make up the signature. Walks are remembered: the
 * same patterns come back for every principal and action.
 */
export function productWitnesses(nfas: readonly Nfa[], required: readonly Nfa[] = [], maxStates = 20_000): WalkResult {
  const memo = `${nfas.map(nfaKey).join('\n')}\n--\n${required.map(nfaKey).join('\n')}`;
  const known = walks.get(memo);
  if (known) return known;
  const result = walk(nfas, required, maxStates);
  if (walks.size > 10_000) walks.clear();
  walks.set(memo, result);
  return result;
}

function walk(nfas: readonly Nfa[], required: readonly Nfa[], maxStates: number): WalkResult {
  const all = [...nfas, ...required].map(dfaOf);
  const alphabet = alphabetOf([...nfas, ...required]);
  const n = nfas.length;
  const start = all.map(() => 0);
  const seen = new Set<string>([start.join(',')]);
  const queue: { states: number[]; text: string }[] = [{ states: start, text: '' }];
  const witnesses = new Map<string, string>();
  let truncated = false;
  for (let head = 0; head < queue.length; head++) {
    const { states, text } = queue[head]!;
    let shaped = true;
    let deadRequired = false;
    for (let i = n; i < all.length; i++) {
      if (!all[i]!.accepting[states[i]!]) shaped = false;
      if (all[i]!.dead(states[i]!)) deadRequired = true;
    }
    if (shaped) {
      let sig = '';
      for (let i = 0; i < n; i++) sig += all[i]!.accepting[states[i]!] ? '1' : '0';
      if (!witnesses.has(sig)) {
        witnesses.set(sig, text);
        if (witnesses.size === 2 ** n) break; // every combination has its witness
      }
    }
    // A required automaton with no live state can never accept: nothing below this state is a witness.
    if (deadRequired) continue;
    for (const c of alphabet) {
      const next = states.map((s, i) => all[i]!.step(s, c));
      const k = next.join(',');
      if (seen.has(k)) continue;
      if (seen.size >= maxStates) {
        truncated = true;
        break;
      }
      seen.add(k);
      queue.push({ states: next, text: text + c });
    }
  }
  return { witnesses, truncated };
}
