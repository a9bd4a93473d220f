import type { StatementAnalysis } from '../analysis/analyze';
import type { OverPermissiveGrant, StoreVerdicts } from '../analysis/store-verdicts';
import type { Place } from '../analysis/place';
import type { PolicyKind, Statement } from '../model';
import { findAction } from '../catalog';
import type { DocumentContext } from './context';

/**
 * The analysis's verdicts over every request class, as findings on the linted statements: a statement that
 * never decides anything, one whose removal changes no decision, an Allow whose every request is denied anyway,
 * and actions a principal is allowed everywhere. Only documents linted in this run get findings.
 */
export function checkAnalysis(documents: readonly DocumentContext[], verdicts: StoreVerdicts): void {
  const byPolicy = new Map(documents.map((d) => [d.policy.name, d]));
  const unheld = new Set<string>();
  for (const s of verdicts.result.statements) {
    const ctx = byPolicy.get(s.policy);
    const statement = ctx?.policy.statements.find((x) => x.index === s.statementIndex);
    if (!ctx || !statement || ctx.kind !== s.kind) continue;
    if (s.verdict === 'dead' && s.holders.length === 0) {
      if (!unheld.has(s.policy)) reportUnheld(ctx);
      unheld.add(s.policy);
    } else if (s.verdict === 'dead') reportNeverDecides(ctx, statement, s);
    else if (s.verdict === 'redundant') reportRedundant(ctx, statement, s);
    else if (s.verdict === 'shadowed') reportShadowed(ctx, statement, s);
  }
  reportOverPermissive(byPolicy, verdicts.grants);
}

/** `` `a`, `b` and 3 more ``: enough names to recognise, bounded for one line. */
function names(list: readonly string[], max = 5): string {
  const shown = list.slice(0, max).map((n) => `\`${n}\``);
  return list.length > max ? `${shown.join(', ')} and ${list.length - max} more` : shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : (shown[0] ?? '');
}

/** The note every verdict resting on an approximate class carries, with the reason. */
function approximate(reasons: readonly string[]): string {
  return reasons.length > 0 ? ` (approximate: ${reasons.join('; ')})` : '';
}

const HOLDERS_BY_KIND: Readonly<Record<PolicyKind, string>> = {
  identity: 'no user, group or role of principals.yaml attaches it',
  boundary: 'no user or role of principals.yaml has it as its permissions boundary',
  session: 'no session of principals.yaml passes it',
  scp: 'principals.yaml has no principal it could apply to',
};

function reportUnheld(ctx: DocumentContext): void {
  const n = ctx.policy.statements.length;
  ctx.report(
    'policy-held-by-no-principal',
    `no principal holds \`${ctx.policy.name}\` (${HOLDERS_BY_KIND[ctx.kind]}), so ${n === 1 ? 'its one statement decides no request' : `none of its ${n} statements decides any request`}`,
    'attach it in principals.yaml, or delete it; waive this finding when it is kept on purpose',
    '',
  );
}

function reportNeverDecides(ctx: DocumentContext, statement: Statement, s: StatementAnalysis): void {
  const consequence = s.effect === 'Deny' ? 'it protects nothing' : 'it grants nothing';
  ctx.report(
    'statement-never-decides',
    `this ${s.effect} applies to no request that the principals holding it (${names(s.holders)}) can make, over every request class of the actions it names, so ${consequence}${approximate(s.approximate)}`,
    'compare its Action, Resource and Condition with what these principals send (their tags and attributes are in principals.yaml), or delete it',
    statement.source.pointer,
    statement,
  );
}

function reportRedundant(ctx: DocumentContext, statement: Statement, s: StatementAnalysis): void {
  ctx.report(
    'statement-redundant',
    `removing this ${s.effect} changes no decision of the principals holding it (${names(s.holders)}): over every request class, other statements decide each request it applies to the same way${approximate(s.approximate)}`,
    'delete it; when several statements are redundant because of each other, remove one at a time and lint again',
    statement.source.pointer,
    statement,
  );
}

function reportShadowed(ctx: DocumentContext, statement: Statement, s: StatementAnalysis): void {
  const by = s.shadowedBy && s.shadowedBy.length > 0 ? s.shadowedBy.join('; ') : 'the other layers';
  ctx.report(
    'statement-shadowed',
    `every request this Allow would allow the principals holding it (${names(s.holders)}) is denied anyway, by: ${by}${approximate(s.approximate)}`,
    'remove the Allow, or change what denies it if the Allow is meant to work',
    statement.source.pointer,
    statement,
  );
}

/** List and Read actions only look; the rest change something (Write, Permissions management, Tagging). */
const onlyLooks = (action: string): boolean => ['List', 'Read'].includes(findAction(action)?.details?.accessLevel ?? '');

const placeWords = (p: Place): string => `${p.file ?? p.policy}${p.line !== undefined ? `:${p.line}` : ''} statement ${p.statementIndex ?? '?'}${p.sid !== undefined ? ` (Sid ${p.sid})` : ''}`;

/** One finding per granting statement: the principals it lets do something everywhere, and which actions. */
function reportOverPermissive(byPolicy: ReadonlyMap<string, DocumentContext>, grants: readonly OverPermissiveGrant[]): void {
  const perStatement = new Map<string, { ctx: DocumentContext; statement: Statement; byPrincipal: Map<string, string[]>; others: Set<string>; approximate: Set<string> }>();
  for (const g of grants) {
    for (const place of g.statements) {
      const ctx = byPolicy.get(place.policy);
      const statement = ctx?.policy.statements.find((x) => x.index === place.statementIndex);
      if (!ctx || !statement || ctx.kind !== 'identity') continue;
      const key = `${place.policy}#${place.statementIndex}`;
      const entry = perStatement.get(key) ?? { ctx, statement, byPrincipal: new Map(), others: new Set(), approximate: new Set() };
      perStatement.set(key, entry);
      entry.byPrincipal.set(g.principal, [...(entry.byPrincipal.get(g.principal) ?? []), g.action]);
      for (const other of g.statements) if (other !== place) entry.others.add(placeWords(other));
      for (const a of g.approximate) entry.approximate.add(a);
    }
  }
  for (const { ctx, statement, byPrincipal, others, approximate: notes } of perStatement.values()) {
    // Actions that change something first: they are what the finding is about.
    const ordered = (actions: readonly string[]): string[] => [...actions].sort((a, b) => Number(onlyLooks(a)) - Number(onlyLooks(b)) || a.localeCompare(b));
    const who = [...byPrincipal.entries()].slice(0, 3).map(([p, actions]) => `\`${p}\` may call ${names(ordered(actions), 4)}`);
    // Open read access is often meant (auditors): a suggestion then; open change access is a warning.
    const readOnly = [...byPrincipal.values()].every((actions) => actions.every(onlyLooks));
    const more = byPrincipal.size > 3 ? `; and ${byPrincipal.size - 3} more principals` : '';
    const together = others.size > 0 ? ` (also allowed through ${[...others].sort().join('; ')})` : '';
    ctx.report(
      'principal-over-permissive',
      `${who.join('; ')}${more} on every resource of its account in every context through this statement${together}: no Resource, Condition, Deny or guardrail limits that${approximate([...notes].sort())}`,
      readOnly ? 'waive it if open read access is meant (an auditor), or scope Resource or add a condition (a tag, `aws:RequestedRegion`)' : 'scope Resource or add a condition (a tag, `aws:RequestedRegion`, MFA) for the actions that change things',
      statement.source.pointer,
      statement,
      readOnly ? 'suggestion' : undefined,
    );
  }
}
