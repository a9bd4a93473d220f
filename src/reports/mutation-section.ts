import type { MutantResult } from '../analysis/mutate';
import type { MutationEvidence } from './analysis-inputs';
import { esc, md } from './escape';

/**
 * The mutation score in summary.md and the living document: the score, what it covered, and every
 * surviving mutant with its place and one request it changes (a scenario to add). When the score was not
 * computed for this run, the reports say so and how to get it; they never show an older score as this run's.
 */

const where = (m: MutantResult): string => `${m.file ?? m.policy}${m.line !== undefined ? `:${m.line}` : ''} statement ${m.statementIndex}${m.sid !== undefined ? ` (Sid ${m.sid})` : ''}`;

function contextText(c: Readonly<Record<string, unknown>>): string {
  const shown = Object.entries(c).filter(([k]) => !/^aws:(principalarn|principalaccount|principaltype|userid|username|principalisawsservice)$/i.test(k));
  return shown.length === 0 ? '(no other keys)' : shown.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
}

const requestText = (m: MutantResult): string => (m.request ? `${m.request.principalName} ${m.request.action} on ${m.request.resource} with ${contextText(m.request.context)}: ${m.request.before} → ${m.request.after}` : '');

export function mutationScoreText(e: Extract<MutationEvidence, { kind: 'computed' }>): string {
  const r = e.report;
  return `mutation score ${r.score.toFixed(1)}% (${r.killed} killed, ${r.surviving} surviving, ${r.equivalent} equivalent, of ${r.mutants.length} mutants; ${r.expectations} recorded expectations re-decided per mutant)`;
}

export const survivors = (e: Extract<MutationEvidence, { kind: 'computed' }>): MutantResult[] => e.report.mutants.filter((m) => m.status === 'surviving');

/** summary.md lines (the summary cuts them to fit, with `mutationMore` after the last one shown). */
export function mutationSummaryLines(e: MutationEvidence): string[] {
  if (e.kind !== 'computed') return [`- Not shown: ${md(e.why)}.`];
  const lines = [`- **${md(mutationScoreText(e))}**.`, `- Covered: ${md(e.scope)}.`];
  if (e.report.unreplayable.length > 0) lines.push(`- ${e.report.unreplayable.length} recorded expectation(s) could not be re-decided and did not count (listed in mutation.json).`);
  const list = survivors(e);
  if (list.length === 0) lines.push('- No mutant survives: every change the operators make is noticed by a scenario or changes no decision.');
  else lines.push(`- Surviving mutants (${list.length}), each a scenario to add:`, ...list.map((m) => `  - ${md(m.description)} — ${md(where(m))}${m.approximate.length > 0 ? ' (approximate)' : ''}: ${md(requestText(m))}`));
  return lines;
}

export const mutationMore = (shown: number, total: number): string => `- …and ${total - shown} more lines; every survivor is in reports/mutation.json.`;

/** Living-document section. */
export function mutationSectionHtml(e: MutationEvidence): string {
  if (e.kind !== 'computed') return `<section id="mutation"><h2>Mutation score</h2><p class="muted">Not shown: ${esc(e.why)}.</p></section>`;
  const list = survivors(e);
  const rows = list.map((m) => `<tr><td>${esc(m.description)}${m.approximate.length > 0 ? ' <b>approximate</b>' : ''}</td><td>${esc(where(m))}</td><td>${esc(requestText(m))}</td></tr>`).join('');
  const unreplayable = e.report.unreplayable.length > 0 ? `<details><summary>${e.report.unreplayable.length} recorded expectation(s) could not be re-decided and did not count</summary><ul>${e.report.unreplayable.map((u) => `<li>${esc(u)}</li>`).join('')}</ul></details>` : '';
  const table = list.length > 0 ? `<h3>Surviving mutants (${list.length}): scenarios to add</h3><div class="scroll"><table><thead><tr><th>Mutation</th><th>Place</th><th>A request it changes</th></tr></thead><tbody>${rows}</tbody></table></div>` : '<p>No mutant survives: every change the operators make is noticed by a scenario or changes no decision.</p>';
  return `<section id="mutation"><h2>Mutation score</h2><p><b>${esc(mutationScoreText(e))}</b>.</p><p class="muted">Covered: ${esc(e.scope)}. A mutant is killed when a recorded expectation fails under it, equivalent when it changes no decision over the request classes, surviving otherwise.</p>${unreplayable}${table}</section>`;
}
