import type { PolicyStore, StoredResource } from '../load/store-types';
import { parseTags } from './names';

/** A resource a tag selector did not select although a reader would expect it to. */
export interface NearMatch {
  readonly resource: StoredResource;
  readonly reason: string;
}

const fold = (s: string): string => s.trim().toLowerCase();

/** A name part that abbreviates or spells the value (`prod` in `reporting-prod` for `production`). */
function nameSuggests(name: string, value: string): boolean {
  const v = fold(value);
  return name.toLowerCase().split(/[^a-z0-9]+/).some((part) => part.length >= 3 && (v.startsWith(part) || part === v));
}

/**
 * Resources of the selector's kind that `brokers tagged environment=production` does not select but
 * nearly matches: a tag key or value that differs only in letter case or surrounding space, or no such
 * tag at all (said more strongly when the name or another tag suggests the value). Other selectors
 * (lists, `every broker`) have no near misses: they name their resources.
 */
export function nearMatches(store: PolicyStore, selector: string): NearMatch[] {
  const tagged = /^(broker|configuration)s tagged (.+)$/.exec(selector.trim());
  if (!tagged) return [];
  const want = Object.entries(parseTags(tagged[2]!));
  const out: NearMatch[] = [];
  for (const resource of store.resources.values()) {
    if (resource.kind !== tagged[1]) continue;
    if (want.every(([k, v]) => resource.tags[k] === v)) continue;
    const reasons: string[] = [];
    for (const [k, v] of want) {
      if (resource.tags[k] === v) continue;
      const sameKey = Object.entries(resource.tags).filter(([rk]) => fold(rk) === fold(k));
      const close = sameKey.find(([, rv]) => fold(rv) === fold(v));
      if (close) {
        reasons.push(`tag \`${close[0]}=${close[1]}\` differs from \`${k}=${v}\` only in letter case or surrounding space`);
        continue;
      }
      if (sameKey.length > 0) continue; // another value entirely (staging, dev): not a near miss
      const other = Object.entries(resource.tags).find(([, rv]) => fold(rv) === fold(v));
      if (other) reasons.push(`no \`${k}\` tag, but its tag \`${other[0]}=${other[1]}\` suggests ${v}`);
      else if (nameSuggests(resource.name, v)) reasons.push(`no \`${k}\` tag, but its name suggests ${v}`);
      else reasons.push(`no \`${k}\` tag at all`);
    }
    // Only when every unmatched pair is near: a broker tagged environment=dev is simply something else.
    const unmatched = want.filter(([k, v]) => resource.tags[k] !== v).length;
    if (reasons.length === unmatched && reasons.length > 0) out.push({ resource, reason: reasons.join('; ') });
  }
  return out;
}
