import { outcomeWord, type MatrixChange } from './access-matrix';
import { statementLabel, type Coverage } from './coverage';
import { md, mdFence } from './escape';
import type { ReadRun, ReportScenario } from './read-messages';

/**
 * `summary.md`: what a pull-request reviewer reads. Failures first, each with its explanation, then
 * coverage and the access-matrix changes. Short on purpose: lists are capped, the living document has the rest.
 */

export interface SummaryInput {
  readonly run: ReadRun;
  readonly coverage?: Coverage;
  /** Changes against the previous matrix; undefined when no previous matrix was given. */
  readonly matrixChanges?: readonly MatrixChange[];
  readonly gate?: { readonly pass: boolean; readonly message: string };
  readonly expiredWaivers?: number;
  /** Most items shown per list. */
  readonly limit?: number;
}

function failureText(s: ReportScenario): string {
  const failedDecisions = s.decisions.filter((d) => d.passed === false);
  if (failedDecisions.length > 0) {
    return failedDecisions.map((d) => `${d.principal} ${d.action} ${d.resourceName ?? d.resource}: expected ${d.expected ?? '?'}, got ${outcomeWord(d.outcome)}\n${d.explanation}`).join('\n\n');
  }
  const step = s.steps.find((st) => st.status !== 'passed' && st.status !== 'skipped');
  if (!step) return s.status;
  return `${step.keyword} ${step.text}: ${step.status}${step.message !== undefined ? `\n${step.message}` : ''}`;
}

export function summaryMarkdown(input: SummaryInput): string {
  const limit = input.limit ?? 20;
  const { run, features } = { run: input.run.run, features: input.run.features };
  const scenarios = features.flatMap((f) => f.scenarios.map((s) => ({ feature: f, s })));
  const bad = scenarios.filter(({ s }) => s.status !== 'passed' && s.status !== 'skipped');
  const total = scenarios.length;
  const out: string[] = [];
  const verdict = bad.length === 0 ? `✅ all ${total} scenarios passed` : `❌ ${bad.length} of ${total} scenarios did not pass`;
  out.push(`## mq-policy: ${verdict}`, '');

  if (bad.length > 0) {
    out.push('### Failures', '');
    for (const { feature, s } of bad.slice(0, limit)) {
      const where = `${s.uri}${s.line !== undefined ? `:${s.line}` : ''}`;
      const name = s.example !== undefined ? `${s.name} (${s.example})` : s.name;
      out.push(`- **${md(feature.name)} › ${md(name)}** (${md(where)}, ${s.status})`, '', indent(mdFence(failureText(s))), '');
    }
    if (bad.length > limit) out.push(`…and ${bad.length - limit} more; see the living document.`, '');
  }

  if (input.coverage) {
    const c = input.coverage;
    out.push('### Policy coverage', '');
    out.push(`- Decisive statements: **${c.statements.decisivePercent}%** (${c.statements.decisive} of ${c.statements.total}); exercised: ${c.statements.exercisedPercent}% (${c.statements.exercised} of ${c.statements.total}).`);
    out.push(`- Condition tests evaluated: ${c.conditions.evaluated} of ${c.conditions.total}; seen true: ${c.conditions.satisfied}.`);
    if (input.gate) out.push(`- Gate: ${input.gate.pass ? '✅' : '❌'} ${md(input.gate.message)}.`);
    if (c.dead.length > 0) {
      out.push(`- Statements no scenario exercised (coverage; \`mq-policy analyze\` says which can never matter): ${c.dead.slice(0, limit).map((d) => md(statementLabel(d))).join(', ')}${c.dead.length > limit ? ` …and ${c.dead.length - limit} more` : ''}.`);
    }
    if (c.unknown.length > 0) out.push(`- ⚠️ ${c.unknown.length} recorded statement(s) are not in the policy store: ${c.unknown.slice(0, limit).map(md).join(', ')}.`);
    out.push('');
  }

  if (input.matrixChanges) {
    const changes = input.matrixChanges;
    out.push('### Access matrix changes', '');
    if (changes.length === 0) out.push('No cell changed since the previous matrix.');
    for (const ch of changes.slice(0, limit)) {
      const from = ch.before !== undefined ? outcomeWord(ch.before) : '(new cell)';
      const to = ch.after !== undefined ? outcomeWord(ch.after) : '(cell removed)';
      const alarm = ch.after === 'Allowed' ? ' ⚠️' : '';
      out.push(`- ${md(ch.principal)} · ${md(ch.action)} · ${md(ch.resourceClass)}: ${from} → **${to}**${alarm}`);
    }
    if (changes.length > limit) out.push(`- …and ${changes.length - limit} more`);
    out.push('');
  }

  if (input.expiredWaivers !== undefined && input.expiredWaivers > 0) out.push(`⚠️ ${input.expiredWaivers} waiver(s) have expired.`, '');
  const duration = run.durationMs !== undefined ? ` in ${(run.durationMs / 1000).toFixed(1)} s` : '';
  out.push(`<sub>${run.steps.passed} of ${Object.values(run.steps).reduce((a, b) => a + b, 0)} steps passed${duration}.</sub>`);
  return `${out.join('\n')}\n`;
}

function indent(text: string): string {
  return text.split('\n').map((l) => `  ${l}`).join('\n');
}
