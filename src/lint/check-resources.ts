import { arnTypeWords, catalogData, closest, isWildcardOnly, resourceArnsOfAction, servicesWithTypeWord } from '../catalog';
import { splitArn, type Statement, type Template } from '../model';
import { actionsMatching, listedActions } from './actions';
import { arnTemplateTokens, globsOverlap, patternTokens } from './arn-overlap';
import { elementPointer, type DocumentContext } from './context';

/** Resource entries that can match the request resource `*` of wildcard-only actions (R6). */
function coversStar(statement: Statement): boolean {
  return statement.resource.patterns.some((p) => /^[*?]*$/.test(p.raw) && p.raw.includes('*'));
}

export function checkResources(ctx: DocumentContext): void {
  for (const st of ctx.policy.statements) {
    st.resource.patterns.forEach((p, j) => checkArnSpelling(ctx, st, p.raw, elementPointer(ctx, st, 'resource', j)));
    const misshapen = st.resource.negated ? new Set<number>() : checkResourceTypeWords(ctx, st);
    if (st.action.negated || st.resource.negated) continue;
    checkWildcardOnly(ctx, st);
    checkResourceTypes(ctx, st, misshapen);
    checkActionsOnResourceTypes(ctx, st);
  }
}

/** R3 (upper case in the first five components) and R2b (wildcard in the resource-type word). */
function checkArnSpelling(ctx: DocumentContext, st: Statement, raw: string, pointer: string): void {
  if (raw === '*') return;
  const parts = splitArn(raw);
  const head = parts ? raw.slice(0, raw.length - parts.resource.length) : raw;
  if (/[A-Z]/.test(head.replace(/\$\{[^}]*\}/g, ''))) {
    ctx.report('arn-uppercase', `\`${raw}\` has upper-case letters in its partition, service, region or account; real ARNs are lower-case there and matching is case-sensitive`, `write \`${head.toLowerCase()}${parts?.resource ?? ''}\``, pointer, st);
  }
  if (!parts) return;
  const typeWord = /^[^:/]*/.exec(parts.resource)![0];
  if (typeWord !== '*' && /[*?]/.test(typeWord) && !typeWord.includes('${')) {
    ctx.report('wildcard-in-resource-type', `\`${raw}\` has a wildcard in the resource-type word \`${typeWord}\`; whether IAM expands it there is not documented`, 'name the resource type (`broker`, `configuration`) or use `*` for the whole resource part', pointer, st);
  }
}

/** R6: a wildcard-only action is authorized against `*`, so a statement listing it with only ARNs never applies to it. */
function checkWildcardOnly(ctx: DocumentContext, st: Statement): void {
  if (coversStar(st)) return;
  const wildcardOnlyViaWildcards = new Set<string>();
  st.action.patterns.forEach((pattern, j) => {
    const hits = actionsMatching(pattern);
    if (hits === 'any') return;
    if (!/[*?]/.test(pattern)) {
      const action = hits[0];
      if (action && isWildcardOnly(action)) {
        ctx.report('arn-on-wildcard-only-action', `\`${action.qualified}\` accepts only \`"Resource": "*"\` (no resource-level permissions), so this statement, which lists only ARNs, never applies to it`, `move \`${action.qualified}\` to a statement with \`"Resource": "*"\``, elementPointer(ctx, st, 'action', j), st);
      }
      return;
    }
    hits.filter(isWildcardOnly).forEach((a) => wildcardOnlyViaWildcards.add(a.qualified));
  });
  if (wildcardOnlyViaWildcards.size === 0) return;
  const names = [...wildcardOnlyViaWildcards].sort().map((n) => `\`${n}\``).join(', ');
  if (st.effect === 'Deny') {
    ctx.report('deny-misses-wildcard-only-actions', `this Deny lists only ARNs, so it never stops the wildcard-only actions its wildcards cover: ${names}`, 'add a Deny statement for them with `"Resource": "*"` if they must be stopped too', `${st.source.pointer}/Resource`, st);
  } else {
    ctx.report('allow-misses-wildcard-only-actions', `this Allow lists only ARNs, so its wildcards never grant the wildcard-only actions they seem to cover: ${names}`, 'grant them in a statement with `"Resource": "*"` if the principal needs them; otherwise list the actions this statement is for', `${st.source.pointer}/Resource`, st);
  }
}

/**
 * Actions whose resource types none of the statement's ARNs can be: `mq:Describe*` on broker ARNs never reaches
 * DescribeConfiguration. An ARN counts as one type when it names the type word literally (`…:broker:…`);
 * ARNs that leave the type open (`…:*`) could be any, so the statement is then not judged.
 */
function checkActionsOnResourceTypes(ctx: DocumentContext, st: Statement): void {
  const listed = listedActions(st);
  // `mq:*` on broker ARNs means "everything on these brokers": naming what it leaves out is noise.
  if (!listed.described || coversStar(st) || st.action.patterns.some((p) => /^[^:]+:\*$/.test(p))) return;
  const words = new Set<string>();
  for (const p of st.resource.patterns) {
    const parts = splitArn(p.raw);
    const word = parts ? /^[^:/]*/.exec(parts.resource)![0] : '*';
    if (!parts || /[*?$]/.test(parts.service) || /[*?$]/.test(word)) return;
    words.add(`${parts.service}:${word}`);
  }
  const typeWordOf = (service: string, arn: string): string => `${service}:${/^[^:/$]*/.exec(splitArn(arn)?.resource ?? '')![0]}`;
  const applies = (a: (typeof listed.actions)[number]): boolean => resourceArnsOfAction(a).some((rt) => words.has(typeWordOf(a.service, rt.arn)));
  const resourceful = listed.actions.filter((a) => !isWildcardOnly(a));
  const never = resourceful.filter((a) => !applies(a));
  if (never.length === 0 || never.length === resourceful.length) return; // all-or-nothing is resource-matches-no-resource-type
  const byType = new Map<string, string[]>();
  for (const a of never) {
    const type = resourceArnsOfAction(a).map((rt) => rt.name).join('/');
    byType.set(type, [...(byType.get(type) ?? []), a.qualified]);
  }
  const list = [...byType.entries()].map(([type, names]) => `${names.sort().map((n) => `\`${n}\``).join(', ')} (authorized on ${type} ARNs)`).join('; ');
  ctx.report('actions-not-on-these-resources', `${list}: no Resource of this statement is of that type, so the statement never ${st.effect === 'Allow' ? 'grants' : 'denies'} ${never.length === 1 ? 'it' : 'them'}`, `move ${never.length === 1 ? 'it' : 'them'} to a statement with ARNs of that type, or remove ${never.length === 1 ? 'it' : 'them'}`, `${st.source.pointer}/Resource`, st);
}

/** An ARN that no resource type of any listed action can match never applies. */
function checkResourceTypes(ctx: DocumentContext, st: Statement, misshapen: ReadonlySet<number>): void {
  const listed = listedActions(st);
  if (!listed.described) return;
  const types = new Map<string, string>();
  for (const a of listed.actions) for (const rt of resourceArnsOfAction(a)) types.set(`${a.service}:${rt.name}`, rt.arn);
  if (types.size === 0) return; // all wildcard-only (reported above) or no known action (reported by the action checks)
  const templates = [...types.values()];
  st.resource.patterns.forEach((p, j) => {
    if (misshapen.has(j)) return; // already reported with its right form
    if (coversStar({ ...st, resource: { negated: false, patterns: [p] } })) return;
    const tokens = patternTokens(p);
    if (templates.some((t) => globsOverlap(tokens, arnTemplateTokens(t)))) return;
    const formats = [...types.entries()].map(([name, arn]) => `${name.split(':')[1]} \`${arn}\``).join(', ');
    const repaired = repairArn(p.raw, templates);
    ctx.report(
      'resource-matches-no-resource-type',
      `\`${p.raw}\` matches no resource type of the statement's actions, so the statement never applies to it`,
      `${repaired !== undefined ? `did you mean \`${repaired}\`? ` : ''}write an ARN of the form ${formats}`,
      elementPointer(ctx, st, 'resource', j),
      st,
    );
  });
}

/**
 * An ARN naming a service and a resource-type word that service does not have (`arn:aws:mq:…:brokers:…`,
 * `arn:aws:ec2:…:broker/…`) matches nothing, whatever the actions. Returns the entries it reported.
 */
function checkResourceTypeWords(ctx: DocumentContext, st: Statement): Set<number> {
  const reported = new Set<number>();
  st.resource.patterns.forEach((p, j) => {
    const parts = splitArn(p.raw);
    if (!parts || /[*?$]/.test(parts.service)) return;
    const words = arnTypeWords(parts.service);
    if (words === undefined) return;
    const word = /^[^:/]*/.exec(parts.resource)![0];
    if (/[*?$]/.test(word) || word === parts.resource && words.length === 0) return;
    if (words.includes(word)) {
      checkAgainstService(ctx, st, p, j, parts.service, reported);
      return;
    }
    const owner = servicesWithTypeWord(word).filter((s) => s !== parts.service);
    const ownTemplates = templatesOfService(parts.service);
    const target = owner.length === 1 ? templatesOfService(owner[0]!) : ownTemplates;
    const repaired = repairArn(p.raw, target);
    const elsewhere = owner.length > 0 ? `; \`${word}\` is a resource type of ${owner.map((o) => `\`${o}\``).join(', ')}` : '';
    const forms = target.length > 0 && target.length <= 4 ? ` (${target.map((t) => `\`${t}\``).join(', ')})` : '';
    // A `*` ending an earlier segment may span colons (R2), so the text can still turn up inside some other ARN.
    const spans = /\*/.test(`${parts.partition}:${parts.region}:${parts.account}`);
    const consequence = spans ? `so it never matches what it reads as, only ARNs where a wildcard spans into \`:${word}\` (a resource named \`${word}\`, say)` : 'so it matches no resource';
    ctx.report(
      'arn-unknown-resource-type',
      `\`${p.raw}\` names resource type \`${word}\`, which \`${parts.service}\` does not have${elsewhere}, ${consequence}`,
      repaired !== undefined ? `did you mean \`${repaired}\`?${forms}` : `use a resource type of \`${parts.service}\`: ${words.map((w) => `\`${w}\``).join(', ')}`,
      elementPointer(ctx, st, 'resource', j),
      st,
    );
    reported.add(j);
  });
  return reported;
}

/**
 * Whatever the actions (`"Action": "*"` too), an ARN of a service the catalog knows every resource type of must
 * be able to match one of them: `arn:aws:mq:*:*:broker:orders` (no broker ID) never does.
 */
function checkAgainstService(ctx: DocumentContext, st: Statement, p: Template, j: number, service: string, reported: Set<number>): void {
  const templates = templatesOfService(service);
  const words = arnTypeWords(service) ?? [];
  const known = new Set(templates.map((t) => /^[^:/$]*/.exec(splitArn(t)?.resource ?? '')![0]));
  if (templates.length === 0 || !words.every((w) => known.has(w))) return; // the catalog holds only some of its types
  const tokens = patternTokens(p);
  if (templates.some((t) => globsOverlap(tokens, arnTemplateTokens(t)))) return;
  const repaired = repairArn(p.raw, templates);
  ctx.report(
    'resource-matches-no-resource-type',
    `\`${p.raw}\` matches no resource of \`${service}\`, so the statement never applies to it`,
    `${repaired !== undefined ? `did you mean \`${repaired}\`? ` : ''}write an ARN of the form ${templates.map((t) => `\`${t}\``).join(', ')}`,
    elementPointer(ctx, st, 'resource', j),
    st,
  );
  reported.add(j);
}

/** The ARN templates of a service the catalog describes in full, e.g. mq's broker and configuration. */
function templatesOfService(service: string): string[] {
  return Object.values(catalogData.services[service]?.resourceTypes ?? {}).map((rt) => rt.arn);
}

/**
 * The nearest ARN of one of `templates`: the service, resource-type word and separators of the template,
 * the user's own names and wildcards, and `*` for the parts the user left out. Undefined when nothing
 * close enough can match.
 */
export function repairArn(raw: string, templates: readonly string[]): string | undefined {
  const parts = splitArn(raw);
  if (!parts) return undefined;
  for (const template of templates) {
    const t = splitArn(template);
    if (!t) continue;
    const tWord = /^[^:/$]*/.exec(t.resource)![0];
    const tSep = t.resource[tWord.length];
    if (tWord === '' || tSep === undefined) continue;
    const tFields = t.resource.slice(tWord.length + 1).split(tSep);
    const word = /^[^:/]*/.exec(parts.resource)![0];
    if (word !== '*' && !/[*?]/.test(word) && word !== tWord && closest(word, [tWord]) === undefined) continue;
    const rest = parts.resource.slice(word.length + 1);
    const fields = word === '*' ? ['*'] : rest === '' ? [] : rest.split(/[:/]/);
    while (fields.length < tFields.length && !(fields[fields.length - 1] ?? '').endsWith('*')) fields.push('*');
    const service = /[*?]/.test(parts.service) ? parts.service : t.service;
    const candidate = `arn:${parts.partition}:${service}:${parts.region}:${parts.account}:${tWord}${tSep}${fields.join(tSep)}`;
    if (candidate === raw) continue;
    if (globsOverlap(patternTokens({ raw: candidate, parts: [{ kind: 'text', text: candidate }], hasVariables: false }), arnTemplateTokens(template))) return candidate;
  }
  return undefined;
}
