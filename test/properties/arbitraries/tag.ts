import fc from 'fast-check';

/**
 * Tag keys that differ even when lower-cased (so case variants never collide): ASCII, mixed case,
 * punctuation allowed in tag keys, and non-ASCII letters.
 */
export const TAG_KEYS: readonly string[] = ['env', 'Team', 'cost-center', 'Ümlaut', 'ключ', 'a.b:c/d=e+f@g'];

/** Tag keys that may be used in policy variables (`${aws:PrincipalTag/…}`): the parser's key alphabet. */
export const VARIABLE_TAG_KEYS: readonly string[] = TAG_KEYS.filter((k) => /^[A-Za-z0-9_.:/+=@ -]+$/.test(k));

export const tagKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...TAG_KEYS) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_.:/=+@-]{1,12}$/) },
);

/** Tag values: empty, case variants of one word, non-ASCII, and characters that are wildcards in policies. */
export const tagValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('', 'prod', 'Prod', 'dev', 'ünïcödé', '日本語', 'a*b', 'x?y') },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9 _.:/=+@*?-]{0,12}$/) },
);

/** A set of distinct tag keys, as `aws:TagKeys` carries them. */
export const tagKeyList: fc.Arbitrary<string[]> = fc.uniqueArray(tagKey, { maxLength: 3, selector: (k) => k.toLowerCase() });
