import type { PolicyStore, StoredResource } from '../load/store-types';
import { HarnessInputError } from './harness-error';
import { parseTags, resourceNamed } from './names';
import { splitList } from './principal-selection';
import { checkRegion } from './regions';

type Kind = StoredResource['kind'];

/** One condition of `brokers <condition> and <condition>`. */
type Filter = { readonly words: string; readonly test: (r: StoredResource) => boolean };

const hasTags = (r: StoredResource, want: Readonly<Record<string, string>>): boolean => Object.entries(want).every(([k, v]) => r.tags[k] === v);

function filterOf(words: string): Filter {
  const notTagged = /^not tagged (.+)$/.exec(words);
  if (notTagged) {
    const want = parseTags(notTagged[1]!);
    return { words, test: (r) => !hasTags(r, want) };
  }
  const tagged = /^tagged (.+)$/.exec(words);
  if (tagged) {
    const want = parseTags(tagged[1]!);
    return { words, test: (r) => hasTags(r, want) };
  }
  const region = /^in region (\S+)$/.exec(words);
  if (region) {
    const code = checkRegion(region[1]!);
    return { words, test: (r) => r.region === code };
  }
  const account = /^in account (\S+)$/.exec(words);
  if (account) {
    const id = account[1]!;
    if (!/^\d{12}$/.test(id)) throw new HarnessInputError(`\`${id}\` is not an AWS account ID: write its 12 digits`);
    return { words, test: (r) => r.account === id };
  }
  throw new HarnessInputError(`\`${words}\` is not a resource condition; write \`tagged <key>=<value>\`, \`not tagged <key>=<value>\`, \`in region <region>\` or \`in account <12 digits>\`, joined by \` and \``);
}

/**
 * Resources a scenario names as a group: `every broker`, `every configuration`, `brokers tagged k=v`,
 * `brokers not tagged k=v`, `brokers in region r`, `brokers in account a`, several conditions joined by
 * ` and ` (all must hold), the same for `configurations`, a list `a, b and c`, or `*` (no resource).
 * Tag selection compares keys and values exactly as written in the inventory. An empty selection is an
 * input error, since a claim over no resource would hold without checking anything.
 */
export function selectResources(store: PolicyStore, text: string): StoredResource[] | ['*'] {
  const t = text.trim();
  if (t === '*') return ['*'];
  const all = [...store.resources.values()];
  const every = /^every (broker|configuration)$/.exec(t);
  if (every) return nonEmpty(all.filter((r) => r.kind === every[1]), t);
  const set = /^(broker|configuration)s (.+)$/.exec(t);
  if (set) {
    const kind = set[1] as Kind;
    // `tagged a=b, c=d and in region r`: conditions split on ` and `, tag lists keep their commas.
    const filters = set[2]!.split(' and ').map((w) => filterOf(w.trim()));
    return nonEmpty(all.filter((r) => r.kind === kind && filters.every((f) => f.test(r))), t);
  }
  return splitList(t).map((n) => resourceNamed(store, n));
}

function nonEmpty(hits: StoredResource[], text: string): StoredResource[] {
  if (hits.length === 0) throw new HarnessInputError(`no resource of the inventory is among \`${text}\`; a claim over no resource would hold without checking anything`);
  return hits;
}
