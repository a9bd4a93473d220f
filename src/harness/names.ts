import type { Policy } from '../model';
import { closest, findAction, suggestAction } from '../catalog';
import type { PolicyStore, StoredPrincipal, StoredResource } from '../load/store-types';
import { HarnessInputError } from './harness-error';

function unknown(what: string, name: string, candidates: Iterable<string>): HarnessInputError {
  const list = [...candidates];
  const guess = closest(name, list);
  return new HarnessInputError(`unknown ${what} \`${name}\`${guess !== undefined ? `; did you mean \`${guess}\`?` : `; known: ${list.map((c) => `\`${c}\``).join(', ')}`}`);
}

export function principalNamed(store: PolicyStore, name: string): StoredPrincipal {
  const p = store.principals.get(name);
  if (!p) throw unknown('principal', name, store.principals.keys());
  return p;
}

export function resourceNamed(store: PolicyStore, name: string): StoredResource {
  const r = store.resources.get(name);
  if (!r) throw unknown('broker or configuration', name, store.resources.keys());
  return r;
}

export function policyNamed(store: PolicyStore, name: string): Policy {
  const p = store.policies.get(name);
  if (!p) throw unknown('policy', name, store.policies.keys());
  return p;
}

/** An action the catalog knows, in its canonical spelling (`mq:DeleteBroker`). */
export function actionNamed(name: string): string {
  const a = findAction(name);
  if (!a) {
    const guess = suggestAction(name);
    throw new HarnessInputError(`unknown action \`${name}\`${guess !== undefined ? `; did you mean \`${guess}\`?` : ''}`);
  }
  return a.qualified;
}

/** `environment=production, team=payments` → tags; `team=` is an empty value. */
export function parseTags(text: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const part of text.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new HarnessInputError(`\`${part}\` is not a tag: write \`key=value\``);
    tags[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return tags;
}
