import { catalogData, CREATE_BROKER_EC2_ACTIONS } from '../catalog';
import type { ConditionTest, Statement } from '../model';
import { patternMatches, statementCovers } from './actions';
import { passesWhenAbsent } from './check-conditions';
import { elementPointer, statementName, type DocumentContext } from './context';

const MQ_AUTHORIZED_SERVICE = 'mq.amazonaws.com';

export function checkSecurity(ctx: DocumentContext): void {
  // In boundaries, SCPs and session policies an Allow only caps what identity policies grant, so
  // `Allow *` there (FullAWSAccess) is the normal ceiling, not a grant.
  if (ctx.kind !== 'identity') return;
  for (const st of ctx.policy.statements) {
    if (st.effect !== 'Allow') continue;
    if (st.action.negated) {
      ctx.report('notaction-in-allow', `\`NotAction\` in an Allow grants every action of every service except the ones listed (\`iam:*\`, \`ec2:*\`, …)`, 'list the allowed actions in `Action` instead', `${st.source.pointer}/NotAction`, st);
      continue;
    }
    const everything = st.action.patterns.findIndex((p) => p === '*' || /^mq:\**$/i.test(p));
    const onStar = !st.resource.negated && st.resource.patterns.some((p) => p.raw === '*');
    if (everything >= 0 && onStar && st.conditions.length === 0) {
      ctx.report('allow-all-mq', `\`${st.action.patterns[everything]}\` on \`"Resource": "*"\` without a condition allows every Amazon MQ action on every broker and configuration, including DeleteBroker and user management`, 'list the actions the principal needs, scope Resource to broker or configuration ARNs, or add a tag condition', elementPointer(ctx, st, 'action', everything), st);
    }
  }
  checkTagDodge(ctx);
  checkCreateBroker(ctx);
}

/** Findings every kind of policy can have: Denies in SCPs and boundaries are as dodgeable as in identity policies. */
export function checkTagComparisons(ctx: DocumentContext): void {
  checkTagCase(ctx);
}

const DODGERS = { remove: 'mq:DeleteTags', change: 'mq:CreateTags' } as const;

/** True when a Deny statement stops `action` on resources carrying `tagKey` (same guard, a TagKeys guard, or no condition). */
function denyProtects(st: Statement, action: string, tagKey: string): boolean {
  if (st.effect !== 'Deny' || !statementCovers(st, action)) return false;
  if (st.conditions.length === 0) return true;
  return st.conditions.some(
    (c) => c.keyLower === `aws:resourcetag/${tagKey}` || (c.keyLower === 'aws:tagkeys' && !c.negated && c.values.some((v) => patternMatches(v.raw, tagKey))),
  );
}

/** An Allow that may dodge a Deny, with where it lives when that is another policy. */
export interface CandidateAllow {
  readonly statement: Statement;
  /** Set when the Allow is in another policy of the same principal (the store check). */
  readonly policy?: string;
}

/** A way around one tag-based Deny condition: the action and the Allow that grants it. */
export interface TagDodge {
  readonly test: ConditionTest;
  readonly tagKey: string;
  readonly dodges: readonly { readonly action: string; readonly allow: CandidateAllow }[];
}

/**
 * A Deny that keys on `aws:ResourceTag/k` holds only while the tag is there with its value: a principal who may
 * call mq:DeleteTags (remove it) or mq:CreateTags (overwrite it) without the same guard can walk around it.
 * `protectors` are the Denies that may stop the dodge; `allows` the grants to judge.
 */
export function tagDodges(deny: Statement, protectors: readonly Statement[], allows: readonly CandidateAllow[]): TagDodge[] {
  const out: TagDodge[] = [];
  if (deny.effect !== 'Deny') return out;
  for (const t of deny.conditions) {
    const m = /^aws:resourcetag\/(.+)$/.exec(t.keyLower);
    if (!m) continue;
    const tagKey = m[1]!;
    const dodges: { action: string; allow: CandidateAllow }[] = [];
    for (const action of passesWhenAbsent(t) ? [DODGERS.change] : [DODGERS.remove, DODGERS.change]) {
      if (protectors.some((s) => denyProtects(s, action, tagKey))) continue;
      const allow = allows.find((a) => a.statement.effect === 'Allow' && statementCovers(a.statement, action) && !a.statement.conditions.some((c) => sameKey(c, t)));
      if (allow) dodges.push({ action, allow });
    }
    if (dodges.length > 0) out.push({ test: t, tagKey, dodges });
  }
  return out;
}

export function reportTagDodge(ctx: DocumentContext, deny: Statement, d: TagDodge, principal?: string): void {
  const t = d.test;
  const tag = t.key.slice('aws:ResourceTag/'.length);
  const how = d.dodges.map((x) => `\`${x.action}\` (allowed by ${statementName(x.allow.statement)}${x.allow.policy !== undefined ? ` of \`${x.allow.policy}\`` : ''})`).join(' and ');
  const whose = principal !== undefined ? `principal \`${principal}\` (who holds both policies) ` : 'a principal ';
  const unless = principal !== undefined ? ' (unless a boundary or SCP stops it)' : '';
  ctx.report('tag-deny-dodgeable', `this Deny depends on tag \`${tag}\`, which ${whose}can remove or overwrite with ${how} and so escape it${unless}`, `add the same \`${t.key}\` condition to that Allow, or deny \`mq:DeleteTags\` and \`mq:CreateTags\` with \`"ForAnyValue:StringEquals": {"aws:TagKeys": ["${tag}"]}\``, t.source.pointer, deny);
}

/** Within one identity policy: its own Allows against its own Denies. */
function checkTagDodge(ctx: DocumentContext): void {
  const statements = ctx.policy.statements;
  const allows = statements.map((statement) => ({ statement }));
  for (const deny of statements) for (const d of tagDodges(deny, statements, allows)) reportTagDodge(ctx, deny, d);
}

/**
 * Tag conditions compared with a case-sensitive operator where another spelling escapes: a Deny on
 * `environment = production` misses a resource tagged `Production`, a Deny on `aws:TagKeys` `team` misses a
 * request tagging `Team` (condition key names ignore case, so `aws:ResourceTag/team` still reads that tag),
 * and an Allow "unless prod" (`StringNotEquals`) lets `Prod` through.
 */
function checkTagCase(ctx: DocumentContext): void {
  for (const st of ctx.policy.statements) {
    for (const t of st.conditions) {
      if (t.family !== 'String' || /IgnoreCase$/.test(t.baseOperator)) continue;
      if (!/^aws:(resourcetag|requesttag)\/.+|^aws:tagkeys$/.test(t.keyLower)) continue;
      const escapes = st.effect === 'Deny' ? !t.negated : t.negated;
      if (!escapes || t.values.every((v) => !/[A-Za-z]/.test(v.raw))) continue;
      const what = t.keyLower === 'aws:tagkeys' ? 'tag keys' : 'tag values';
      const other = t.values.map((v) => v.raw).find((v) => /[A-Za-z]/.test(v))!;
      const respelt = other === other.toLowerCase() ? other.charAt(0).toUpperCase() + other.slice(1) : other.toLowerCase();
      ctx.report(
        'case-sensitive-tag-match',
        `\`${t.operator}\` compares ${what} case-sensitively, so \`${respelt}\` is not \`${other}\` and ${st.effect === 'Deny' ? 'escapes this Deny' : 'is allowed by this exception'}`,
        `use \`${t.operator.replace(/String(Not)?(Equals|Like)/, (_m, not: string | undefined, op: string) => (op === 'Equals' ? `String${not ?? ''}EqualsIgnoreCase` : `String${not ?? ''}Like`))}\`${/Like/.test(t.baseOperator) ? ' with both spellings, or enforce one spelling with a Deny on other `aws:TagKeys`' : ''}`,
        t.source.pointer,
        st,
      );
    }
  }
}

function sameKey(a: ConditionTest, b: ConditionTest): boolean {
  return a.keyLower === b.keyLower;
}

/** True when some Resource entry of an Allow can match `*`, the resource of wildcard-only actions such as CreateBroker (R6). */
function grantsOnStar(st: Statement): boolean {
  if (st.resource.negated) return true; // NotResource: `*` is outside any ARN it lists
  return st.resource.patterns.some((p) => /^[*?]*$/.test(p.raw) && p.raw.includes('*'));
}

/**
 * Broker creation also needs EC2 network-interface permissions, limited to Amazon MQ by ec2:AuthorizedService.
 * Only statements that can grant CreateBroker count: it is wildcard-only, so an ARN-scoped Allow never does.
 */
function checkCreateBroker(ctx: DocumentContext): void {
  const allows = ctx.policy.statements.filter((s) => s.effect === 'Allow');
  const creator = allows.find((s) => statementCovers(s, 'mq:CreateBroker') && grantsOnStar(s));
  if (!creator) return;
  const pointer = creator.action.negated ? `${creator.source.pointer}/NotAction` : elementPointer(ctx, creator, 'action', Math.max(0, creator.action.patterns.findIndex((p) => patternMatches(p, 'mq:CreateBroker'))));
  const missing = CREATE_BROKER_EC2_ACTIONS.filter((a) => !allows.some((s) => statementCovers(s, a)));
  if (missing.length > 0) {
    ctx.report('create-broker-missing-ec2', `\`mq:CreateBroker\` is allowed but creating a broker also needs ${missing.map((a) => `\`${a}\``).join(', ')}, which this policy does not allow`, 'allow them in this policy (or attach AmazonMQFullAccess); waive this finding if another policy of the same principals grants them', pointer, creator);
  }
  // The operation table: a creator that requires request tags creates tagged brokers, which also needs the
  // operation's `tagged` authorizations (mq:CreateTags).
  if (creator.conditions.some((c) => /^aws:(requesttag\/|tagkeys$)/.test(c.keyLower))) {
    const untagged = (catalogData.operations.CreateBroker?.authorizes ?? []).filter((a) => a.when === 'tagged' && !allows.some((s) => statementCovers(s, a.action)));
    if (untagged.length > 0) {
      ctx.report('create-broker-missing-tagging', `this statement lets the principal create brokers only with tags, and a tagged CreateBroker also authorizes ${untagged.map((a) => `\`${a.action}\``).join(', ')}, which this policy does not allow`, `allow ${untagged.map((a) => `\`${a.action}\``).join(', ')} on new brokers (e.g. with the same \`aws:RequestTag\` conditions and \`"Null": {"aws:ResourceTag/team": "true"}\`); waive this finding if another policy of the same principals grants it`, pointer, creator);
    }
  }
  // Independent of the findings above: an unguarded grant is too wide whatever else is missing.
  const unguarded = allows.filter((s) => statementCovers(s, 'ec2:CreateNetworkInterfacePermission') && !guardsAuthorizedService(s));
  for (const s of unguarded) {
    ctx.report('create-broker-missing-authorized-service-guard', `${statementName(s)} allows \`ec2:CreateNetworkInterfacePermission\` for any service, not only Amazon MQ`, `add \`"StringEquals": {"ec2:AuthorizedService": "${MQ_AUTHORIZED_SERVICE}"}\` to that statement`, s.source.pointer, s);
  }
}

function guardsAuthorizedService(s: Statement): boolean {
  return s.conditions.some((c) => c.keyLower === 'ec2:authorizedservice' && c.family === 'String' && !c.negated && !c.setQualifier && !c.ifExists && c.values.every((v) => patternMatches(v.raw, MQ_AUTHORIZED_SERVICE)));
}
