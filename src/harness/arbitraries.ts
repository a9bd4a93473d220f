import * as fc from 'fast-check';

/** Every letter-case spelling of a word, as generated: `environment`, `Environment`, `eNVIRONMENT`… */
export function caseVariant(word: string): fc.Arbitrary<string> {
  return fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }).map((upper) => [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(''));
}

/** Tag keys AWS accepts: fleet conventions in any case, plus Unicode letters and the allowed punctuation. */
export function tagKey(): fc.Arbitrary<string> {
  const allowed = fc.string({ unit: fc.constantFrom(...'abcXYZ019 _.:/=+-@'.split(''), 'é', 'ß', 'Ω', '日', '本'), minLength: 1, maxLength: 12 });
  return fc.oneof(caseVariant('team'), caseVariant('owner'), fc.constantFrom('cost-center', 'aws-backup', 'Name', 'data:classification'), allowed);
}

/** Tag values: empty, fleet values in any case, and arbitrary Unicode text. */
export function tagValue(): fc.Arbitrary<string> {
  return fc.oneof(fc.constant(''), caseVariant('production'), caseVariant('payments'), fc.constantFrom('staging', 'dev', '*', 'prod?'), fc.string({ unit: 'grapheme', maxLength: 16 }));
}

/** A tag set whose keys differ even ignoring case (a request cannot carry `Team` and `team`), never using `reserved`. */
export function tagSet(reserved: readonly string[] = [], maxKeys = 4): fc.Arbitrary<Record<string, string>> {
  const taken = new Set(reserved.map((k) => k.toLowerCase()));
  return fc
    .uniqueArray(fc.tuple(tagKey(), tagValue()), { maxLength: maxKeys, selector: ([k]) => k.toLowerCase() })
    .map((pairs) => Object.fromEntries(pairs.filter(([k]) => !taken.has(k.toLowerCase()))));
}

/** IPv4 addresses, or `null` for a call through a VPC endpoint (no aws:SourceIp). */
export function sourceIp(): fc.Arbitrary<string | null> {
  return fc.oneof(fc.ipV4(), fc.constantFrom('10.20.3.14', '198.51.100.7', '203.0.113.10'), fc.constant(null));
}

/** Instants between 2020 and 2030, as AWS writes aws:CurrentTime. */
export function instant(): fc.Arbitrary<string> {
  return fc.integer({ min: Date.UTC(2020, 0, 1) / 1000, max: Date.UTC(2030, 0, 1) / 1000 }).map((s) => new Date(s * 1000).toISOString().replace('.000Z', 'Z'));
}
