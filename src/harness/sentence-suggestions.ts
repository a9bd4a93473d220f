/**
 * "Did you mean …?" for a step that matches no sentence: the closest defined sentences, found by aligning the
 * step's words with each sentence's words (a parameter takes one or more words), and the form each parameter
 * expects, with a corrected value when the mistake is a known one (`team:search`, `a=b,c=d`).
 */

/** A sentence as defined: its keyword and Cucumber expression (`they call {action} on {resource}`). */
export interface DefinedSentence {
  readonly keyword: string;
  readonly expression: string;
}

/** What a parameter accepts: its regular expressions (from Cucumber's registry) and a description. */
export interface ParameterForm {
  readonly regexps: readonly string[];
  readonly form: string;
}

/**
 * Stricter than the parameter's own regular expression where that one takes any text (`{outcome}` reads the
 * rest of the line): used only to judge whether words have the parameter's form.
 */
export const STRICT_FORMS: Readonly<Record<string, string>> = {
  outcome: '(?:allowed|denied|explicitly denied|implicitly denied)(?: by .+)?',
};

/** How each parameter of the step library is written, for the "expected form" part of the message. */
export const PARAMETER_FORMS: Readonly<Record<string, string>> = {
  principal: 'a user or session of principals.yaml, e.g. `operator`',
  principals: 'principals: names `a, b and c`, `every principal`, `the members of group <group>`, `the principals tagged <key>=<value>`, `the principals with the boundary <policy>`, `the users`, `the roles` or `the sessions`, optionally followed by `except <a>, <b> and <c>`',
  action: 'one action of the catalog, e.g. `mq:DeleteBroker`',
  actions: 'one action, a list `mq:DeleteBroker, mq:RebootBroker and mq:DeleteTags`, or a wildcard `mq:Delete*`',
  resource: 'a broker or configuration of inventory.yaml, e.g. `orders-prod`, or `*` for an action without resource',
  resources: 'resources: names `a, b and c`, `every broker`, `every configuration`, `brokers tagged <key>=<value>`, `brokers not tagged <key>=<value>`, `brokers in region <region>`, `brokers in account <id>`, several joined by ` and `, or `*`',
  tags: 'tags `key=value`, several separated by a comma and a space: `team=payments, environment=dev`',
  outcome: '`allowed`, `denied`, `explicitly denied` or `implicitly denied`, optionally `by <policy>`, `by <policy> statement <Sid>` or `by the <layer>`',
  constraint: '`<key> outside <values>` or `<key> in <values>`, e.g. `aws:SourceIp outside 10.20.0.0/16`',
  string: 'text in double quotes, e.g. `"203.0.113.10"`',
  word: 'one word without spaces',
  int: 'a whole number',
  '': 'any text',
};

type Token = { readonly kind: 'word'; readonly text: string } | { readonly kind: 'parameter'; readonly name: string };

/** Words and `{parameters}` of an expression; optional text `(s)` is dropped and `a/b` keeps `a`. */
function tokens(expression: string): Token[] {
  const out: Token[] = [];
  for (const piece of expression.replace(/\([^)]*\)/g, '').split(/\s+/).filter((w) => w !== '')) {
    const parts = piece.split(/(\{[^}]*\})/).filter((p) => p !== '');
    for (const p of parts) {
      const param = /^\{([^}]*)\}$/.exec(p);
      out.push(param ? { kind: 'parameter', name: param[1]! } : { kind: 'word', text: p.split('/')[0]! });
    }
  }
  return out;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j]!;
      prev[j] = Math.min(above + 1, prev[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length]!;
}

/** 0 for the same word (any case), up to 1 for unrelated words. */
function wordCost(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return 0;
  return Math.min(1, editDistance(x, y) / Math.max(x.length, y.length, 1)) * 0.9 + 0.1;
}

export interface Alignment {
  readonly sentence: DefinedSentence;
  readonly cost: number;
  /** The words each parameter took, in order. */
  readonly values: readonly { readonly name: string; readonly text: string }[];
}

const compiled = new Map<string, RegExp>();
const anchored = (r: string): RegExp => {
  let re = compiled.get(r);
  if (!re) compiled.set(r, (re = new RegExp(`^(?:${r})$`)));
  return re;
};
const fullMatch = (regexps: readonly string[], text: string): boolean => regexps.some((r) => anchored(r).test(text));

/** Words of a step line considered: a line is a sentence, and the alignment is quadratic in its words. */
const MAX_WORDS = 40;

/** Whether the words have the parameter's form (unknown parameters take anything). */
function fits(name: string, forms: Readonly<Record<string, ParameterForm>>, text: string): boolean {
  const strict = STRICT_FORMS[name];
  if (strict !== undefined) return fullMatch([strict], text);
  const form = forms[name];
  return form === undefined || fullMatch(form.regexps, text);
}

/**
 * The cheapest alignment of the step's words with the sentence: a word of the sentence matched (cost by
 * spelling), left out or added (cost 1); a parameter takes one or more words, free when they have its form,
 * else 1.5 plus 1 for each word beyond the first: dropping a word is cheaper than a value of the wrong form. Bounded: steps and sentences are a few dozen words.
 */
export function align(text: string, sentence: DefinedSentence, forms: Readonly<Record<string, ParameterForm>>): Alignment {
  const p = tokens(sentence.expression);
  const w = text.split(/\s+/).filter((x) => x !== '').slice(0, MAX_WORDS);
  const INF = Number.POSITIVE_INFINITY;
  // cost[i][j]: best cost of aligning p[0..i) with w[0..j); from[i][j] remembers the move for the values.
  const cost: number[][] = Array.from({ length: p.length + 1 }, () => Array<number>(w.length + 1).fill(INF));
  const from: [number, number][][] = Array.from({ length: p.length + 1 }, () => Array<[number, number]>(w.length + 1).fill([-1, -1]));
  cost[0]![0] = 0;
  for (let i = 0; i <= p.length; i++) {
    for (let j = 0; j <= w.length; j++) {
      const here = cost[i]![j]!;
      if (here === INF) continue;
      const relax = (ni: number, nj: number, c: number): void => {
        if (here + c < cost[ni]![nj]!) {
          cost[ni]![nj] = here + c;
          from[ni]![nj] = [i, j];
        }
      };
      if (j < w.length) relax(i, j + 1, 1); // a word the sentence does not have
      if (i < p.length) {
        const t = p[i]!;
        relax(i + 1, j, 1); // a word or value the step left out
        if (t.kind === 'word' && j < w.length) relax(i + 1, j + 1, wordCost(t.text, w[j]!));
        if (t.kind === 'parameter') {
          for (let k = j + 1; k <= w.length; k++) relax(i + 1, k, fits(t.name, forms, w.slice(j, k).join(' ')) ? 0 : 1.5 + (k - j - 1));
        }
      }
    }
  }
  const values: { name: string; text: string }[] = [];
  for (let i = p.length, j = w.length; i > 0 || j > 0; ) {
    const [pi, pj] = from[i]![j]!;
    if (pi < 0) break;
    const t = p[pi];
    if (pi === i - 1 && t?.kind === 'parameter' && pj < j) values.unshift({ name: t.name, text: w.slice(pj, j).join(' ') });
    [i, j] = [pi, pj];
  }
  return { sentence, cost: cost[p.length]![w.length]!, values };
}

/** Known slips in a value, corrected: `team:search` → `team=search`, `a=b,c=d` → `a=b, c=d`. */
export function correctedValue(name: string, text: string): string | undefined {
  if (name === 'tags') {
    const fixed = text
      .split(/,\s*/)
      .map((part) => (part.includes('=') ? part : part.replace(/^([^:\s]+)\s*:\s*/, '$1=')))
      .join(', ');
    return fixed !== text ? fixed : undefined;
  }
  if (name === 'string' && !/^".*"$/.test(text)) return `"${text.replace(/^['"]|['"]$/g, '')}"`;
  return undefined;
}

/** How many sentences to offer: a person compares a few, not the whole library. */
const OFFERED = 3;

/**
 * The message for a step no sentence matches: the closest sentences, the form of each parameter of the
 * closest one, and what is wrong with a value that does not have its form.
 */
export function undefinedSentenceMessage(text: string, sentences: readonly DefinedSentence[], forms: Readonly<Record<string, ParameterForm>>): string {
  // A hostile line is cut for ranking (MAX_WORDS) and shown shortened; the message stays a few lines.
  const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  const ranked = sentences
    .map((s) => align(text, s, forms))
    .filter((a) => Number.isFinite(a.cost))
    .sort((a, b) => a.cost - b.cost || a.sentence.expression.length - b.sentence.expression.length);
  const best = ranked[0];
  const lines = [`no sentence of the step library reads \`${shown}\``];
  if (!best) return lines.join('\n');
  const offered = ranked.filter((a) => a.cost <= best.cost + 1).slice(0, OFFERED);
  const rewritten = rewrite(best, forms);
  if (rewritten !== undefined) lines.push(`did you mean \`${best.sentence.keyword} ${rewritten}\`?`);
  lines.push('the closest sentences:');
  for (const a of offered) lines.push(`  ${a.sentence.keyword} ${a.sentence.expression}`);
  if (best.values.length > 0) lines.push(`the values of \`${best.sentence.expression}\`:`);
  const seen = new Set<string>();
  for (const v of best.values) {
    if (seen.has(v.name)) continue;
    seen.add(v.name);
    const form = forms[v.name];
    if (!form) continue;
    if (fits(v.name, forms, v.text)) {
      lines.push(`  {${v.name}} is ${form.form}`);
      continue;
    }
    const fixed = correctedValue(v.name, v.text);
    const fixNote = fixed !== undefined && fits(v.name, forms, fixed) ? `; did you mean \`${fixed}\`?` : '';
    lines.push(`  \`${v.text}\` is not {${v.name}}: {${v.name}} is ${form.form}${fixNote}`);
  }
  return lines.join('\n');
}

/**
 * The step rewritten in the closest sentence, with the values it gave (corrected when the slip is a known one);
 * undefined when a value is missing or still does not have its form, since a guess would mislead.
 */
function rewrite(a: Alignment, forms: Readonly<Record<string, ParameterForm>>): string | undefined {
  const values = [...a.values];
  let broken = false;
  const out = a.sentence.expression.replace(/\([^)]*\)/g, '').replace(/\{([^}]*)\}/g, (_, name: string) => {
    const v = values.shift();
    if (v === undefined || v.name !== name) {
      broken = true;
      return `{${name}}`;
    }
    if (fits(name, forms, v.text)) return v.text;
    const fixed = correctedValue(name, v.text);
    if (fixed !== undefined && fits(name, forms, fixed)) return fixed;
    broken = true;
    return `{${name}}`;
  });
  return broken ? undefined : out;
}
