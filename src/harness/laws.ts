import * as fc from 'fast-check';
import { findAction } from '../catalog';
import { actionsMatching } from './action-selection';
import type { PolicyStore, StoredResource } from '../load/store-types';
import { caseVariant, tagSet } from './arbitraries';
import { forAnyContext } from './context-laws';
import { evaluate } from './evaluate';
import { HarnessInputError } from './harness-error';
import { runLaw, type PropertyOptions, type PropertyOutcome } from './property-run';
import type { ScenarioSettings } from './scenario-settings';

const allowed = (e: ReturnType<typeof evaluate>): boolean => e.result.kind === 'decision' && e.result.decision === 'Allowed';

/**
 * For any extra tags on `base` (a production broker), and any letter case of its `environment` key,
 * only `who` may call `action` on it; everyone else is denied.
 */
export function onlyWhoOnAnyTags(store: PolicyStore, base: StoredResource, who: readonly string[], action: string, settings: ScenarioSettings, options: PropertyOptions): PropertyOutcome {
  const fixed = Object.entries(base.tags);
  const arb = fc.record({
    keys: fc.tuple(...fixed.map(([k]) => caseVariant(k))),
    extra: tagSet(fixed.map(([k]) => k)),
  });
  return runLaw(
    arb,
    ({ keys, extra }) => {
      const tags: Record<string, string> = { ...extra };
      fixed.forEach(([, v], i) => (tags[keys[i]!] = v));
      const resource: StoredResource = { ...base, tags };
      for (const principal of store.principals.values()) {
        const e = evaluate(store, principal, { action, resource }, settings);
        if (allowed(e) !== who.includes(principal.name)) return { holds: false, evaluation: e, why: `${principal.name} is ${allowed(e) ? 'allowed' : 'denied'}` };
      }
      return { holds: true };
    },
    options,
  );
}

/** For any request tags, `principal` is allowed `mq:CreateBroker` only when the tags include `key=value` (key in any case, value exact). */
export function createOnlyWithTag(store: PolicyStore, principalName: string, key: string, value: string, settings: ScenarioSettings, options: PropertyOptions): PropertyOutcome {
  const principal = store.principals.get(principalName)!;
  const arb = fc.oneof(tagSet(), fc.record({ k: caseVariant(key), v: fc.constantFrom(value, value.toUpperCase(), ''), rest: tagSet([key]) }).map(({ k, v, rest }) => ({ ...rest, [k]: v })));
  return runLaw(
    arb,
    (requestTags) => {
      const e = evaluate(store, principal, { action: 'mq:CreateBroker', resource: '*', requestTags }, settings);
      const carries = Object.entries(requestTags).some(([k, v]) => k.toLowerCase() === key.toLowerCase() && v === value);
      return !allowed(e) || carries ? { holds: true } : { holds: false, evaluation: e, why: `allowed without \`${key}=${value}\`` };
    },
    options,
  );
}

/** The resources an action can be called on: `*` for wildcard-only actions, else inventory resources of its types. */
function resourcesFor(store: PolicyStore, action: string, region: string): (StoredResource | '*')[] {
  const types = findAction(action)?.details?.resourceTypes ?? [];
  if (types.length === 0) return ['*'];
  const kinds = new Set(types.map((t) => (t.name === 'brokers' ? 'broker' : t.name === 'configurations' ? 'configuration' : t.name)));
  return [...store.resources.values()].filter((r) => kinds.has(r.kind) && r.region === region);
}

/** For any action matched by `pattern`, on any matching resource in `region`, `principal` is allowed. */
export function allowedForAnyMatchingAction(store: PolicyStore, principalName: string, pattern: string, region: string, settings: ScenarioSettings, options: PropertyOptions): PropertyOutcome {
  const principal = store.principals.get(principalName)!;
  const pairs = actionsMatching(pattern).flatMap((action) => resourcesFor(store, action, region).map((resource) => ({ action, resource })));
  return runLaw(
    fc.constantFrom(...pairs),
    ({ action, resource }) => {
      const e = evaluate(store, principal, { action, resource }, { ...settings, region });
      return allowed(e) ? { holds: true } : { holds: false, evaluation: e, why: `${principal.name} is not allowed ${action}` };
    },
    options,
  );
}

/** For any request context the scenario did not fix, `principal` is never allowed `action` on `resource`. */
export function neverAllowedInAnyContext(store: PolicyStore, principalName: string, action: string, resource: StoredResource | '*', settings: ScenarioSettings, options: PropertyOptions): PropertyOutcome {
  const principal = store.principals.get(principalName)!;
  return forAnyContext(store, { principal, calls: [{ action, resource }], expect: { kind: 'never-allowed' } }, settings, options);
}
