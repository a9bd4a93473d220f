import type { PolicyStore, StoredResource } from '../load/store-types';
import { HarnessInputError } from './harness-error';
import { parseTags, resourceNamed } from './names';

/**
 * Resources a scenario names as a group: `every broker`, `every configuration`, `brokers tagged
 * environment=production`, `configurations tagged …`, or a list `orders-prod, payments-prod`.
 * Tag selection compares keys and values exactly as written in the inventory.
 */
export function selectResources(store: PolicyStore, text: string): StoredResource[] {
  const t = text.trim();
  const all = [...store.resources.values()];
  const every = /^every (broker|configuration)$/.exec(t);
  if (every) return all.filter((r) => r.kind === every[1]);
  const tagged = /^(broker|configuration)s tagged (.+)$/.exec(t);
  if (tagged) {
    const want = parseTags(tagged[2]!);
    const hits = all.filter((r) => r.kind === tagged[1] && Object.entries(want).every(([k, v]) => r.tags[k] === v));
    if (hits.length === 0) throw new HarnessInputError(`no ${tagged[1]} in the inventory is tagged ${tagged[2]}`);
    return hits;
  }
  return t.split(/,|\band\b/).map((s) => s.trim()).filter((s) => s !== '').map((n) => resourceNamed(store, n));
}
