import { isWildcardOnly, resourceArnsOfAction } from '../catalog';
import { splitArn, type Statement } from '../model';
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
    if (st.action.negated || st.resource.negated) continue;
    checkWildcardOnly(ctx, st);
    checkResourceTypes(ctx, st);
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
    if (st.effect === 'Deny') hits.filter(isWildcardOnly).forEach((a) => wildcardOnlyViaWildcards.add(a.qualified));
  });
  if (wildcardOnlyViaWildcards.size > 0) {
    const names = [...wildcardOnlyViaWildcards].sort().map((n) => `\`${n}\``).join(', ');
    ctx.report('deny-misses-wildcard-only-actions', `this Deny lists only ARNs, so it never stops the wildcard-only actions its wildcards cover: ${names}`, 'add a Deny statement for them with `"Resource": "*"` if they must be stopped too', `${st.source.pointer}/Resource`, st);
  }
}

/** An ARN that no resource type of any listed action can match never applies. */
function checkResourceTypes(ctx: DocumentContext, st: Statement): void {
  const listed = listedActions(st);
  if (!listed.described) return;
  const types = new Map<string, string>();
  for (const a of listed.actions) for (const rt of resourceArnsOfAction(a)) types.set(`${a.service}:${rt.name}`, rt.arn);
  if (types.size === 0) return; // all wildcard-only (reported above) or no known action (reported by the action checks)
  const templates = [...types.values()].map(arnTemplateTokens);
  st.resource.patterns.forEach((p, j) => {
    if (coversStar({ ...st, resource: { negated: false, patterns: [p] } })) return;
    const tokens = patternTokens(p);
    if (templates.some((t) => globsOverlap(tokens, t))) return;
    const formats = [...types.entries()].map(([name, arn]) => `${name.split(':')[1]} \`${arn}\``).join(', ');
    ctx.report('resource-matches-no-resource-type', `\`${p.raw}\` matches no resource type of the statement's actions, so the statement never applies to it`, `write an ARN of the form ${formats}`, elementPointer(ctx, st, 'resource', j), st);
  });
}
