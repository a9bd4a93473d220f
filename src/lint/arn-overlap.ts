import type { Template } from '../model';

/** A glob over characters: a literal character, `*` (any run, also empty) or `?` (exactly one). */
type Token = { readonly char: string } | '*' | '?';

/** Tokens of a Resource pattern; a policy variable can stand for any text. */
export function patternTokens(template: Template): Token[] {
  const out: Token[] = [];
  for (const part of template.parts) {
    if (part.kind === 'escaped') out.push({ char: part.char });
    else if (part.kind === 'variable') out.push('*');
    else for (const ch of part.text) out.push(ch === '*' || ch === '?' ? ch : { char: ch });
  }
  return out;
}

/** Tokens of a catalog ARN template: each `${Placeholder}` is some non-empty text. */
export function arnTemplateTokens(arn: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < arn.length; ) {
    if (arn.startsWith('${', i)) {
      const end = arn.indexOf('}', i);
      out.push('?', '*');
      i = end < 0 ? arn.length : end + 1;
    } else out.push({ char: arn[i++]! });
  }
  return out;
}

/**
 * True when some string matches both globs. It over-approximates ARN matching (a `*` here may cross the
 * colons of the first five components), so a `false` is certain: the pattern can never match the type.
 */
export function globsOverlap(a: readonly Token[], b: readonly Token[]): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const id = i * (b.length + 1) + j;
    const known = memo.get(id);
    if (known !== undefined) return known;
    let r: boolean;
    const x = a[i];
    const y = b[j];
    if (x === undefined && y === undefined) r = true;
    else if (x === '*') r = go(i + 1, j) || (y !== undefined && go(i, j + 1));
    else if (y === '*') r = go(i, j + 1) || (x !== undefined && go(i + 1, j));
    else if (x === undefined || y === undefined) r = false;
    else r = (x === '?' || y === '?' || x.char === y.char) && go(i + 1, j + 1);
    memo.set(id, r);
    return r;
  };
  return go(0, 0);
}
