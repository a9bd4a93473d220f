import type { StatementAnalysis } from '../analysis/analyze';
import type { StoreAnalysis } from './analysis-inputs';
import type { RecordedStatement } from '../model';
import { esc, md } from './escape';

/**
 * `mq-policy analyze` verdicts beside coverage. Coverage says a statement was *not exercised by any
 * scenario*; analysis says what it does over *every* request: dead (it can never matter), shadowed (every
 * request it would allow is denied anyway), redundant (removing it changes no decision), or decisive.
 */

export const VERDICT_WORDS: Readonly<Record<StatementAnalysis['verdict'], string>> = {
  dead: 'dead: it can never matter',
  shadowed: 'shadowed: every request it would allow is denied anyway',
  redundant: 'redundant: removing it changes no decision',
  decisive: 'decides some request',
  'outside-analysis': 'not judged: it also names actions the analysis does not decide',
};

/** Statements of the analysis by the identity coverage uses (kind, policy, index; a policy name is unique in a store). */
export function verdictLookup(analysis: StoreAnalysis | undefined): (s: Pick<RecordedStatement, 'kind' | 'policy' | 'statementIndex'>) => StatementAnalysis | undefined {
  const byKey = new Map((analysis?.result.statements ?? []).map((s) => [`${s.kind}|${s.policy}|${s.statementIndex}`, s]));
  return (s) => byKey.get(`${s.kind}|${s.policy}|${s.statementIndex}`);
}

const where = (s: StatementAnalysis): string => `${s.file ?? s.policy}${s.line !== undefined ? `:${s.line}` : ''} statement ${s.statementIndex}${s.sid !== undefined ? ` (${s.sid})` : ''}`;

export function verdictText(s: StatementAnalysis): string {
  return `${VERDICT_WORDS[s.verdict]}${s.shadowedBy && s.shadowedBy.length > 0 ? ` (by ${s.shadowedBy.join('; ')})` : ''}${s.approximate.length > 0 ? ' (approximate)' : ''}`;
}

const counts = (a: StoreAnalysis): string => {
  const n = (v: StatementAnalysis['verdict']): number => a.result.statements.filter((s) => s.verdict === v).length;
  const outside = n('outside-analysis');
  return `${n('dead')} dead, ${n('shadowed')} shadowed, ${n('redundant')} redundant${outside > 0 ? `, ${outside} outside the analysis` : ''} of ${a.result.statements.length} statements, over ${a.result.classes.toLocaleString('en')} request classes of ${a.result.principals.length} principals`;
};

/** summary.md lines for the analysis section. */
export function analysisSummaryLines(a: StoreAnalysis): string[] {
  const flagged = a.result.statements.filter((s) => s.verdict !== 'decisive');
  const lines = [`- ${md(counts(a))}.`];
  lines.push(...flagged.map((s) => `- ${md(where(s))}: **${md(verdictText(s))}**; held by ${s.holders.length > 0 ? md(s.holders.join(', ')) : 'no principal'}`));
  if (a.result.overPermissive.length > 0) lines.push(...a.result.overPermissive.map((o) => `- Over-permissive (allowed on every resource in every context): **${md(o.principal)}**: ${o.actions.map(md).join(', ')}`));
  return lines;
}

/** Living-document part of the coverage section. */
export function analysisHtml(a: StoreAnalysis): string {
  const flagged = a.result.statements.filter((s) => s.verdict !== 'decisive');
  const rows = flagged.map((s) => `<tr><td>${esc(where(s))}</td><td><b>${esc(verdictText(s))}</b></td><td>${esc(s.holders.join(', ') || 'no principal')}</td></tr>`).join('');
  const over = a.result.overPermissive.length > 0 ? `<h4>Over-permissive actions (allowed on every resource, in every context)</h4><ul>${a.result.overPermissive.map((o) => `<li><b>${esc(o.principal)}</b>: ${o.actions.map((x) => `<code>${esc(x)}</code>`).join(', ')}</li>`).join('')}</ul>` : '';
  return `<div id="analysis"><h3>What every statement does over every request (<code>mq-policy analyze</code>)</h3><p>${esc(counts(a))}. This is analysis, not coverage: a statement no scenario exercised may still decide requests, and one that scenarios exercise may never matter.</p>${flagged.length > 0 ? `<table><thead><tr><th>Statement</th><th>Verdict</th><th>Held by</th></tr></thead><tbody>${rows}</tbody></table>` : '<p>Every statement decides some request.</p>'}${over}</div>`;
}
