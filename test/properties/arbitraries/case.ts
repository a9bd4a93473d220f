import fc from 'fast-check';

/**
 * Letter-case changes that keep a string "the same" for case-insensitive comparison: only
 * characters with a simple one-to-one upper/lower mapping are touched (`ß` → `SS` or the Turkish
 * dotted `İ` would change length, and IAM does not say how it folds those).
 */
export type Recase = (text: string) => string;

function hasSimpleCase(ch: string): boolean {
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  return lower !== upper && [...lower].length === 1 && [...upper].length === 1 && upper.toLowerCase() === lower && lower.toUpperCase() === upper;
}

function swap(ch: string): string {
  return ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
}

/** A deterministic re-casing: all upper, all lower, or a flip pattern repeated along the string. */
export function recaser(mode: 'upper' | 'lower' | 'mixed', flips: readonly boolean[]): Recase {
  return (text) => {
    let out = '';
    let i = 0;
    for (const ch of text) {
      if (!hasSimpleCase(ch)) out += ch;
      else if (mode === 'upper') out += ch.toUpperCase();
      else if (mode === 'lower') out += ch.toLowerCase();
      else out += flips[i % flips.length] ? swap(ch) : ch;
      i++;
    }
    return out;
  };
}

/** A random re-casing function; shrinks towards "flip nothing". */
export const recase: fc.Arbitrary<Recase> = fc
  .record({ mode: fc.constantFrom<'upper' | 'lower' | 'mixed'>('mixed', 'upper', 'lower'), flips: fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }) })
  .map(({ mode, flips }) => Object.assign(recaser(mode, flips), { toString: () => `recase(${mode}${mode === 'mixed' ? ` ${flips.map((f) => (f ? 1 : 0)).join('')}` : ''})` }));

/** One case variant of a fixed string. */
export function caseVariantOf(text: string): fc.Arbitrary<string> {
  return recase.map((r) => r(text));
}
