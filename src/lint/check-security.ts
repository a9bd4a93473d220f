import { CREATE_BROKER_EC2_ACTIONS } from '../catalog';
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

const DODGERS = { remove: 'mq:DeleteTags', change: 'mq:CreateTags' } as const;

/** True when a Deny statement stops `action` on resources carrying `tagKey` (same guard, a TagKeys guard, or no condition). */
function denyProtects(st: Statement, action: string, tagKey: string): boolean {
  if (st.effect !== 'Deny' || !statementCovers(st, action)) return false;
  if (st.conditions.length === 0) return true;
  return st.conditions.some(
    (c) => c.keyLower === `aws:resourcetag/${tagKey}` || (c.keyLower === 'aws:tagkeys' && !c.negated && c.values.some((v) => patternMatches(v.raw, tagKey))),
  );
}

/**
 * A Deny that keys on `aws:ResourceTag/k` holds only while the tag is there with its value: a principal who may
 * call mq:DeleteTags (remove it) or mq:CreateTags (overwrite it) without the same guard can walk around it.
 * Only identity policies grant, so only they are checked, against their own Allows.
 */
function checkTagDodge(ctx: DocumentContext): void {
  const statements = ctx.policy.statements;
  for (const deny of statements) {
    if (deny.effect !== 'Deny') continue;
    for (const t of deny.conditions) {
      const m = /^aws:resourcetag\/(.+)$/.exec(t.keyLower);
      if (!m) continue;
      const tagKey = m[1]!;
      const dodges: string[] = [];
      for (const action of passesWhenAbsent(t) ? [DODGERS.change] : [DODGERS.remove, DODGERS.change]) {
        if (statements.some((s) => denyProtects(s, action, tagKey))) continue;
        const allow = statements.find((s) => s.effect === 'Allow' && statementCovers(s, action) && !s.conditions.some((c) => sameKey(c, t)));
        if (allow) dodges.push(`\`${action}\` (allowed by ${statementName(allow)})`);
      }
      if (dodges.length > 0) {
        ctx.report('tag-deny-dodgeable', `this Deny depends on tag \`${t.key.slice('aws:ResourceTag/'.length)}\`, which a principal can remove or overwrite with ${dodges.join(' and ')} and so escape it`, `add the same \`${t.key}\` condition to that Allow, or deny \`mq:DeleteTags\` and \`mq:CreateTags\` with \`"ForAnyValue:StringEquals": {"aws:TagKeys": ["${t.key.slice('aws:ResourceTag/'.length)}"]}\``, t.source.pointer, deny);
      }
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
  // Independent of the finding above: an unguarded grant is too wide whatever else is missing.
  const unguarded = allows.filter((s) => statementCovers(s, 'ec2:CreateNetworkInterfacePermission') && !guardsAuthorizedService(s));
  for (const s of unguarded) {
    ctx.report('create-broker-missing-authorized-service-guard', `${statementName(s)} allows \`ec2:CreateNetworkInterfacePermission\` for any service, not only Amazon MQ`, `add \`"StringEquals": {"ec2:AuthorizedService": "${MQ_AUTHORIZED_SERVICE}"}\` to that statement`, s.source.pointer, s);
  }
}

function guardsAuthorizedService(s: Statement): boolean {
  return s.conditions.some((c) => c.keyLower === 'ec2:authorizedservice' && c.family === 'String' && !c.negated && !c.setQualifier && !c.ifExists && c.values.every((v) => patternMatches(v.raw, MQ_AUTHORIZED_SERVICE)));
}
