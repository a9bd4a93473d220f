import { md } from '../model/markdown';
import type { MutantResult, MutationReport } from './mutate';

/** Mutation results as `mq-policy mutate` prints them, and as fragments for summary.md and the living document. */

const where = (m: MutantResult): string => `${m.file ?? m.policy}${m.line !== undefined ? `:${m.line}` : ''} statement ${m.statementIndex}${m.sid !== undefined ? ` (Sid ${m.sid})` : ''}`;

const contextText = (c: Readonly<Record<string, unknown>>): string =>
  Object.entries(c)
    .filter(([k]) => !/^aws:(principalarn|principalaccount|principaltype|userid|username|principalisawsservice)$/i.test(k))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ') || '(no other keys)';

function survivorLine(m: MutantResult): string {
  const r = m.request!;
  return `${r.principalName} ${r.action} on ${r.resource} with ${contextText(r.context)}: ${r.before} → ${r.after}`;
}

export function mutationScoreLine(report: MutationReport): string {
  return `mutation score ${report.score.toFixed(1)}% (${report.killed} killed, ${report.surviving} surviving, ${report.equivalent} equivalent; ${report.expectations} recorded expectations re-decided per mutant)`;
}

export function mutationText(report: MutationReport): string {
  const lines = ['mq-policy mutate', mutationScoreLine(report), ''];
  const survivors = report.mutants.filter((m) => m.status === 'surviving');
  if (survivors.length > 0) lines.push('surviving mutants (no expectation notices them; each line is a scenario to add):');
  for (const m of survivors) {
    lines.push(`  ${m.description} — ${where(m)}${m.approximate.length > 0 ? ' (approximate)' : ''}`, `    changes: ${survivorLine(m)}`);
  }
  if (report.unreplayable.length > 0) {
    lines.push('', `${report.unreplayable.length} recorded expectation${report.unreplayable.length === 1 ? '' : 's'} could not be re-decided and did not count:`, ...report.unreplayable.slice(0, 20).map((u) => `  ${u}`));
    if (report.unreplayable.length > 20) lines.push(`  … and ${report.unreplayable.length - 20} more (see --format json)`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** summary.md fragment: score first, then every survivor (the list is what reviewers act on). */
export function mutationMarkdown(report: MutationReport, limit = 60_000): string {
  const lines = ['## Mutation score (`mq-policy mutate`)', '', `${mutationScoreLine(report)}`, ''];
  const survivors = report.mutants.filter((m) => m.status === 'surviving');
  if (survivors.length > 0) lines.push('| mutation | place | a request it changes (a scenario to add) |', '| --- | --- | --- |');
  let size = lines.join('\n').length;
  let shown = 0;
  for (const m of survivors) {
    const row = `| ${md(m.description)} | ${md(where(m))} | ${md(survivorLine(m))} |`;
    if (size + row.length > limit - 200) break;
    lines.push(row);
    size += row.length + 1;
    shown++;
  }
  if (shown < survivors.length) lines.push('', `_${survivors.length - shown} more survivors are in \`mq-policy mutate --format json\`._`);
  if (report.unreplayable.length > 0) lines.push('', `_${report.unreplayable.length} recorded expectations could not be re-decided and did not count._`);
  return `${lines.join('\n')}\n`;
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Living-document fragment: a section with the score and a table of survivors. */
export function mutationHtml(report: MutationReport): string {
  const survivors = report.mutants.filter((m) => m.status === 'surviving');
  const rows = survivors.map((m) => `<tr><td>${escape(m.description)}</td><td>${escape(where(m))}</td><td>${escape(survivorLine(m))}</td></tr>`).join('');
  return `<section id="mutation"><h2>Mutation score</h2><p>${escape(mutationScoreLine(report))}</p>${survivors.length > 0 ? `<table><thead><tr><th>mutation</th><th>place</th><th>a request it changes (a scenario to add)</th></tr></thead><tbody>${rows}</tbody></table>` : '<p>No mutant survives: every change the operators make is noticed by a scenario or changes no decision.</p>'}</section>`;
}
