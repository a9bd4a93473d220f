import { md } from '../model/markdown';
import type { AnalyzeResult, StatementAnalysis } from './analyze';

/** `mq-policy analyze` output, and a fragment for summary.md / the coverage section of the living document. */

const WORDS: Readonly<Record<StatementAnalysis['verdict'], string>> = {
  dead: 'dead: it can never matter (it applies to no request of any principal that holds it)',
  shadowed: 'shadowed: every request it would allow is denied anyway',
  redundant: 'redundant: removing it changes no decision of any principal that holds it',
  decisive: 'decides some request',
  'outside-analysis': 'not judged: it decides no request the analysis looked at, but it names actions the analysis does not model',
};

const where = (s: StatementAnalysis): string => `${s.file ?? s.policy}${s.line !== undefined ? `:${s.line}` : ''} statement ${s.statementIndex}${s.sid !== undefined ? ` (Sid ${s.sid}, ${s.effect})` : ` (${s.effect})`}`;

function statementLines(s: StatementAnalysis): string[] {
  const lines = [`${where(s)} — ${WORDS[s.verdict]}${s.approximate.length > 0 ? ' (approximate)' : ''}`];
  lines.push(s.holders.length > 0 ? `  held by: ${s.holders.join(', ')}` : '  held by no principal');
  if (s.shadowedBy && s.shadowedBy.length > 0) lines.push(`  denied by: ${s.shadowedBy.join('; ')}`);
  if (s.approximate.length > 0) lines.push(`  approximate: ${s.approximate.join('; ')}`);
  if (s.unanalysed && s.unanalysed.length > 0) lines.push(`  not analysed: ${s.unanalysed.join(', ')}…`);
  return lines;
}

export function analyzeText(result: AnalyzeResult): string {
  const flagged = result.statements.filter((s) => s.verdict !== 'decisive');
  const lines = [
    'mq-policy analyze',
    `${result.principals.length} principals, ${result.classes.toLocaleString('en')} request classes, ${result.statements.length} statements: ${count(result, 'dead')} dead, ${count(result, 'shadowed')} shadowed, ${count(result, 'redundant')} redundant`,
    '',
  ];
  for (const s of flagged) lines.push(...statementLines(s), '');
  if (result.overPermissive.length > 0) {
    lines.push('over-permissive actions (allowed on every resource in every context):');
    for (const o of result.overPermissive) lines.push(`  ${o.principal}: ${o.actions.join(', ')}`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

const count = (r: AnalyzeResult, v: StatementAnalysis['verdict']): number => r.statements.filter((s) => s.verdict === v).length;

export function analyzeMarkdown(result: AnalyzeResult): string {
  const flagged = result.statements.filter((s) => s.verdict !== 'decisive');
  const lines = ['## Statements that can never matter (`mq-policy analyze`)', '', `${count(result, 'dead')} dead, ${count(result, 'shadowed')} shadowed, ${count(result, 'redundant')} redundant of ${result.statements.length} statements, over ${result.classes.toLocaleString('en')} request classes. "No scenario exercised it" is coverage; these are about every request.`, ''];
  if (flagged.length > 0) lines.push('| statement | verdict | held by |', '| --- | --- | --- |', ...flagged.map((s) => `| ${md(where(s))} | ${WORDS[s.verdict]}${s.shadowedBy?.length ? ` (by ${md(s.shadowedBy.join('; '))})` : ''} | ${md(s.holders.join(', ')) || '—'} |`), '');
  if (result.overPermissive.length > 0) lines.push('Over-permissive actions (allowed on every resource, in every context):', '', ...result.overPermissive.map((o) => `- **${md(o.principal)}**: ${md(o.actions.join(', '))}`), '');
  return lines.join('\n');
}
