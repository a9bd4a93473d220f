import { closest, conditionKeysOfAction, conditionKeyType, findAction, isRequestWideKey, keyMatchesTemplate, knownConditionKeys, type KnownAction } from '../catalog';
import type { ConditionTest, Statement } from '../model';
import { listedActions } from './actions';
import type { DocumentContext } from './context';

/** Whether a test is true when its key is absent (C3, C5, C7, C8, C12). */
export function passesWhenAbsent(t: ConditionTest): boolean {
  if (t.family === 'Null') return t.values.some((v) => v.raw.toLowerCase() === 'true');
  if (t.ifExists || t.setQualifier === 'ForAllValues') return true;
  if (t.setQualifier === 'ForAnyValue') return false;
  return t.negated;
}

export function actionCarriesKey(action: KnownAction, key: string): boolean | undefined {
  const keys = conditionKeysOfAction(action);
  if (keys === undefined) return undefined;
  return isRequestWideKey(key) || keys.some((t) => keyMatchesTemplate(key, t));
}

/** True when the statement has `"Null": {key: "false"}`, i.e. requires the key to be present. */
export function hasPresenceGuard(st: Statement, keyLower: string): boolean {
  return st.conditions.some((c) => c.family === 'Null' && c.keyLower === keyLower && c.values.every((v) => v.raw.toLowerCase() === 'false'));
}

function consequence(st: Statement, passes: boolean): string {
  if (passes) return st.effect === 'Allow' ? 'so the condition always matches and the statement allows without it' : 'so the condition always matches and this Deny applies regardless of it';
  return st.effect === 'Allow' ? 'so the condition never matches and the statement grants nothing' : 'so the condition never matches and this Deny never applies';
}

/** The audiences of sts:GetWebIdentityToken (multivalued: a request names 1 to 10). */
const AUDIENCE_KEY = 'sts:identitytokenaudience';

const TAG_KEY = /^aws:(requesttag|resourcetag|principaltag)\/|^aws:tagkeys$/;

export function checkConditions(ctx: DocumentContext): void {
  for (const st of ctx.policy.statements) {
    const listed = listedActions(st);
    for (const t of st.conditions) {
      const pointer = t.source.pointer;
      const type = conditionKeyType(t.key);
      if (t.setQualifier && type !== undefined && !type.startsWith('ArrayOf')) {
        ctx.report('set-operator-on-single-valued-key', `\`${t.operator}\` on single-valued key \`${t.key}\`: the value acts as a one-element set${t.setQualifier === 'ForAllValues' ? ', and ForAllValues is true when the key is missing' : ''}`, `drop the \`${t.setQualifier}:\` qualifier and write \`${t.baseOperator}${t.ifExists ? 'IfExists' : ''}\``, pointer, st);
      }
      if (!t.setQualifier && t.family !== 'Null' && type?.startsWith('ArrayOf')) {
        ctx.report('plain-operator-on-multivalued-key', `\`${t.operator}\` on multivalued key \`${t.key}\`: IAM does not define the result without a set operator, and the engine cannot decide it`, `write \`ForAnyValue:${t.operator}\` (some value matches) or \`ForAllValues:${t.operator}\` with a Null guard (every value matches)`, pointer, st);
      }
      if (st.effect === 'Allow' && t.setQualifier === 'ForAllValues' && !hasPresenceGuard(st, t.keyLower)) {
        const audience = t.keyLower === AUDIENCE_KEY ? ` (a request that carries no audience, such as \`sts:TagGetWebIdentityToken\`, whose keys are only the tag keys, passes vacuously)` : '';
        ctx.report('forallvalues-without-null-guard', `\`${t.operator}\` in an Allow is true when \`${t.key}\` is missing or empty, so the statement also allows requests without it${audience}`, `add \`"Null": {"${t.key}": "false"}\` to the Condition`, pointer, st);
      }
      if (st.effect === 'Allow' && t.setQualifier === 'ForAnyValue' && t.keyLower === AUDIENCE_KEY && !t.negated) {
        ctx.report('foranyvalue-audience-in-allow', `\`${t.operator}\` on \`${t.key}\` in an Allow matches when one requested audience is allowed, so a token may also name up to nine audiences this policy never allowed, and any of them can replay it`, `write \`ForAllValues:${t.baseOperator}\` with \`"Null": {"${t.key}": "false"}\`: every requested audience must be allowed`, pointer, st);
      }
      if (t.family === 'Null' && TAG_KEY.test(t.keyLower)) checkNullIntent(ctx, st, t);
      if (st.effect === 'Allow' && t.ifExists && !t.negated && !hasPresenceGuard(st, t.keyLower)) {
        ctx.report('ifexists-in-allow', `\`${t.operator}\` in an Allow is true when \`${t.key}\` is absent, so the statement also allows every request that does not carry the key (for tag keys: untagged resources or requests)`, `use \`${t.operator.replace(/IfExists$/, '')}\` if the key must be present and match`, pointer, st);
      }
      if (listed.described && listed.actions.length > 0) checkKeySupport(ctx, st, t, listed.actions);
    }
  }
}

function checkNullIntent(ctx: DocumentContext, st: Statement, t: ConditionTest): void {
  const values = t.values.map((v) => v.raw.toLowerCase());
  // `Null aws:ResourceTag/k = true` beside a condition on `aws:RequestTag/k` is deliberate: only resources without
  // the tag yet (a broker being created) may get it — the guard that keeps others from re-tagging.
  const claimsUntagged = /^aws:resourcetag\//.test(t.keyLower) && st.conditions.some((c) => c.keyLower === t.keyLower.replace(/^aws:resourcetag\//, 'aws:requesttag/'));
  if (st.effect === 'Allow' && values.every((v) => v === 'true') && !claimsUntagged) {
    ctx.report('null-inverts-intent', `\`"Null": {"${t.key}": "true"}\` makes this Allow apply only when \`${t.key}\` is absent, not when it is set`, `write \`"false"\` to require the key`, t.source.pointer, st);
  } else if (st.effect === 'Deny' && values.every((v) => v === 'false')) {
    ctx.report('null-inverts-intent', `\`"Null": {"${t.key}": "false"}\` makes this Deny apply whenever \`${t.key}\` is present, not when it is missing`, `write \`"true"\` to deny requests that lack the key`, t.source.pointer, st);
  }
}

function checkKeySupport(ctx: DocumentContext, st: Statement, t: ConditionTest, actions: readonly KnownAction[]): void {
  const carriers = actions.filter((a) => actionCarriesKey(a, t.key));
  const passes = passesWhenAbsent(t);
  if (carriers.length === 0) {
    const known = conditionKeyType(t.key) !== undefined;
    const suggestion = known ? undefined : suggestKey(t.key);
    const names = actions.length <= 4 ? actions.map((a) => `\`${a.qualified}\``).join(', ') : `${actions.length} actions`;
    ctx.report(
      'condition-key-not-supported',
      `${known ? '' : 'unknown key '}\`${t.key}\` is never present for ${names}, ${consequence(st, passes)}`,
      suggestion !== undefined ? `did you mean \`${suggestion}\`?` : 'use a key the actions support (see the catalog), or move the condition to a statement whose actions carry it',
      t.source.pointer,
      st,
    );
    return;
  }
  if (passes) return;
  // Named actions (not wildcards) that never carry the key: the statement silently never applies to them.
  const named = st.action.patterns.filter((p) => !/[*?]/.test(p)).map((p) => findAction(p)).filter((a): a is KnownAction => a !== undefined);
  const missing = [...new Set(named.filter((a) => actionCarriesKey(a, t.key) === false).map((a) => a.qualified))];
  if (missing.length > 0) {
    const verb = st.effect === 'Allow' ? 'never allows' : 'never denies';
    ctx.report('condition-never-holds-for-action', `\`${t.key}\` is never present for ${missing.map((m) => `\`${m}\``).join(', ')}, so \`${t.operator}\` is false for ${missing.length === 1 ? 'it' : 'them'} and this statement ${verb} ${missing.length === 1 ? 'it' : 'them'}`, 'move those actions to a statement without this condition, or remove them', t.source.pointer, st);
  }
}

/** "did you mean" for a key the catalog does not know: `mq:ResourceTag/env` → `aws:ResourceTag/env`. */
function suggestKey(key: string): string | undefined {
  const slash = key.indexOf('/');
  const all = knownConditionKeys();
  if (slash > 0) {
    const prefixes = all.filter((k) => k.includes('${')).map((k) => k.slice(0, k.indexOf('${')));
    const head = key.slice(0, slash + 1);
    const tagLike = /^[^:]+:(resourcetag|requesttag|principaltag)\/$/i.exec(head);
    if (tagLike) {
      const fixed = prefixes.find((p) => p.toLowerCase() === `aws:${tagLike[1]!.toLowerCase()}/`);
      if (fixed !== undefined) return `${fixed}${key.slice(slash + 1)}`;
    }
    const hit = closest(head, prefixes);
    return hit !== undefined ? `${hit}${key.slice(slash + 1)}` : undefined;
  }
  return closest(key, all.filter((k) => !k.includes('${')));
}
