import { globMatch, STAR, type GlobToken } from './glob';

/**
 * An ARN pattern split once into its components: the first five compare one by one (a wildcard
 * stays inside its component), the resource part is one glob that may span `:` and `/` (R2, C4e).
 * A pattern with fewer than six components matches only when its last component ends in `*`,
 * which then spans the rest of the ARN.
 */
export interface ArnPattern {
  readonly components: readonly (readonly GlobToken[])[];
  readonly short: boolean;
}

export function compileArnPattern(tokens: readonly GlobToken[]): ArnPattern {
  const components: GlobToken[][] = [[]];
  const append = (t: GlobToken): void => {
    const cur = components[components.length - 1]!;
    const prev = cur[cur.length - 1];
    if (typeof t === 'string' && typeof prev === 'string') cur[cur.length - 1] = prev + t;
    else cur.push(t);
  };
  for (const t of tokens) {
    if (typeof t !== 'string' || components.length >= 6) {
      append(t);
      continue;
    }
    t.split(':').forEach((piece, i) => {
      if (i > 0) {
        if (components.length >= 6) append(':');
        else components.push([]);
      }
      if (piece !== '') append(piece);
    });
  }
  return { components, short: components.length < 6 };
}

/** Splits a request ARN into its six components (the sixth keeps its colons); undefined when it has fewer. */
export function arnComponents(value: string): string[] | undefined {
  const subject = value.split(':');
  if (subject.length < 6) return undefined;
  return subject.length === 6 ? subject : [...subject.slice(0, 5), subject.slice(5).join(':')];
}

export function matchArnPattern(pattern: ArnPattern, value: readonly string[]): boolean {
  const { components } = pattern;
  if (pattern.short) {
    const last = components[components.length - 1]!;
    if (last[last.length - 1] !== STAR) return false;
    for (let i = 0; i < components.length - 1; i++) if (!globMatch(components[i]!, value[i]!)) return false;
    return globMatch(last, value.slice(components.length - 1).join(':'));
  }
  for (let i = 0; i < 6; i++) if (!globMatch(components[i]!, value[i]!)) return false;
  return true;
}

/** Matches a token list against an ARN, component by component. */
export function componentGlob(tokens: readonly GlobToken[], value: string): boolean {
  const parts = arnComponents(value);
  return parts !== undefined && matchArnPattern(compileArnPattern(tokens), parts);
}
