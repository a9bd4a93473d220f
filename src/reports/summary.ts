import { grantingText, outcomeWord, type MatrixChange } from './access-matrix';
import type { FailureCause } from './causes';
import { statementLabel, type Coverage } from './coverage';
import { md, mdFence } from './escape';
import type { ClaimView } from './claims';
import type { ReadRun, ReportScenario } from './read-messages';
import { accessDiffGate, accessDiffMarkdown } from './access-diff';
import type { AccessDiff, MutationEvidence, StoreAnalysis } from './analysis-inputs';
import { analysisSummaryLines, verdictLookup, verdictText } from './analysis-section';
import { mutationMore, mutationSummaryLines } from './mutation-section';

/**
 * `summary.md`: what a pull-request reviewer reads. Its first line says what failed (or that nothing
 * did). Then failures grouped by cause, access changes against the baseline (every new allow first, each
 * with the statement that grants it, never cut), claims with their scope, coverage. The whole file stays
 * under GitHub's comment limit: lists other than new allows are shortened, with counts and a pointer to
 * the full list in the artifact.
 */

export const SUMMARY_LIMIT = 60_000;

/** The most the access diff of `--baseline REV` may take; the matrix's new allows and the rest share what is left. */
export const ACCESS_DIFF_BUDGET = 20_000;

export interface SummaryInput {
  readonly run: ReadRun;
  readonly coverage?: Coverage;
  /** Changes against the baseline matrix; undefined when no baseline was given. */
  readonly matrixChanges?: readonly MatrixChange[];
  /** What the changes were compared with (`main~1`, `merge base with origin/main (abc123)`, `previous matrix`). */
  readonly baselineLabel?: string;
  readonly gate?: { readonly pass: boolean; readonly message: string };
  readonly expiredWaivers?: number;
  /** Store warnings a waiver accepted this run (listed in the living document). */
  readonly waivedWarnings?: number;
  readonly causes?: readonly FailureCause[];
  readonly claims?: readonly ClaimView[];
  /** Contradictions between scenarios and the matrix: errors in the run. */
  readonly contradictions?: number;
  /** `the policy files of commit abc (sha256 …)`: what the run tested. */
  readonly tested?: string;
  readonly catalogVersion?: string;
  /** Where the full lists are (`reports/matrix-changes.md`). */
  readonly fullChangesFile?: string;
  /** `--baseline REV`: every request class whose decision changed; its gate is part of the verdict. */
  readonly accessDiff?: AccessDiff;
  /** Where the uncut access diff is (`reports/access-diff.md`). */
  readonly accessDiffFile?: string;
  readonly mutation?: MutationEvidence;
  readonly analysis?: StoreAnalysis;
  /** Checks outside the scenarios that failed (a harness error, a baseline that could not be read), one line each. */
  readonly failedChecks?: readonly string[];
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

/** The verdict line: what failed, in one line, or that everything passed. */
export function verdictLine(input: Pick<SummaryInput, 'run' | 'gate' | 'contradictions' | 'accessDiff' | 'failedChecks'>): string {
  const scenarios = input.run.features.flatMap((f) => f.scenarios);
  const bad = scenarios.filter((s) => s.status !== 'passed' && s.status !== 'skipped').length;
  const problems: string[] = [];
  if (bad > 0) problems.push(`${bad} of ${scenarios.length} scenarios did not pass`);
  if (input.contradictions !== undefined && input.contradictions > 0) problems.push(`${input.contradictions} scenario decision(s) differ from the access matrix for the same request`);
  if (input.gate && !input.gate.pass) problems.push(`coverage gate failed: ${input.gate.message}`);
  const diffGate = input.accessDiff ? accessDiffGate(input.accessDiff) : undefined;
  if (diffGate && !diffGate.pass) problems.push(md(diffGate.message));
  for (const f of input.failedChecks ?? []) problems.push(md(f));
  if (input.run.run.success === false && problems.length === 0) problems.push('the Cucumber run did not succeed');
  return problems.length > 0 ? `## ❌ mq-policy: ${problems.join('; ')}` : `## ✅ mq-policy: all ${scenarios.length} scenarios passed`;
}

function changeLine(ch: MatrixChange): string {
  const from = ch.before !== undefined ? outcomeWord(ch.before) : '(new cell)';
  const to = ch.after !== undefined ? outcomeWord(ch.after) : '(cell removed)';
  const grant = ch.after === 'Allowed' && ch.determining && ch.determining.length > 0 ? ` — granted by ${md(grantingText(ch.determining))}` : '';
  return `- ${md(ch.principal)} · ${md(ch.action)} · ${md(ch.resourceClass)}: ${from} → **${to}**${grant}`;
}

/**
 * Every new allow, one line each; when that does not fit in `budget` characters, the same allows grouped by
 * granting statement, action and resources with every principal named (still complete). Only when even that
 * does not fit are lines left out, and the summary then says so loudly and points at the full list.
 */
function allowLines(allows: readonly MatrixChange[], budget: number, fullList: string | undefined): string[] {
  const plain = allows.map(changeLine);
  if (plain.join('\n').length <= budget) return plain;
  const groups = new Map<string, { grant: string; action: string; resourceClass: string; principals: string[] }>();
  for (const c of allows) {
    const grant = c.determining && c.determining.length > 0 ? grantingText(c.determining) : 'no statement recorded';
    const k = `${grant}\u0000${c.action}\u0000${c.resourceClass}`;
    const g = groups.get(k) ?? { grant, action: c.action, resourceClass: c.resourceClass, principals: [] };
    g.principals.push(c.principal);
    groups.set(k, g);
  }
  const grouped = [...groups.values()].map((g) => `- ${md(g.action)} · ${md(g.resourceClass)} → **allowed** for ${g.principals.length}: ${g.principals.map(md).join(', ')} — granted by ${md(g.grant)}`);
  if (grouped.join('\n').length <= budget) return grouped;
  const out: string[] = [];
  let used = 0;
  for (const line of grouped) {
    if (used + line.length + 1 > budget) break;
    out.push(line);
    used += line.length + 1;
  }
  out.push(`- ⚠️ …and ${grouped.length - out.length} more groups of new allows that do not fit in a pull-request comment: every one is in ${fullList ?? 'the full list'}`);
  return out;
}

export function summaryMarkdown(input: SummaryInput): string {
  const { run, features } = { run: input.run.run, features: input.run.features };
  const scenarios = features.flatMap((f) => f.scenarios.map((s) => ({ feature: f, s })));
  const bad = scenarios.filter(({ s }) => s.status !== 'passed' && s.status !== 'skipped');
  const head: string[] = [verdictLine(input), ''];
  // Built by testedLine from a path and a commit; seeds are integers: nothing here needs Markdown escaping.
  const seeds = features.flatMap((f) => f.scenarios.flatMap((s) => s.properties.map((p) => p.seed)));
  const replay = seeds.length > 0 ? ` Property seeds: ${seeds.join(', ')} (\`MQ_POLICY_PROPERTY_SEED\` replays each).` : '';
  const catalog = input.catalogVersion !== undefined ? ` Catalog ${md(input.catalogVersion)}.` : '';
  if (input.tested !== undefined) head.push(`<sub>This run tests ${input.tested}, not what is deployed in AWS.${catalog}${replay}</sub>`, '');

  // New allows are never cut: they are what a reviewer must see. Everything else fits in what is left.
  const allows = (input.matrixChanges ?? []).filter((c) => c.after === 'Allowed');
  const denies = (input.matrixChanges ?? []).filter((c) => c.before === 'Allowed' && c.after !== 'Allowed');
  const rest = (input.matrixChanges ?? []).filter((c) => c.after !== 'Allowed' && c.before !== 'Allowed');
  // The access diff over every request comes before the matrix: it answers "does this grant anything new?".
  const diffSection = input.accessDiff ? accessDiffMarkdown(input.accessDiff, ACCESS_DIFF_BUDGET, input.accessDiffFile ?? 'reports/access-diff.md') : '';
  const changes: string[] = diffSection !== '' ? [diffSection] : [];
  if (input.matrixChanges) {
    changes.push(`### Access changes against ${md(input.baselineLabel ?? 'the baseline')}`, '');
    if (input.matrixChanges.length === 0) changes.push('No cell of the access matrix changed.', '');
    else changes.push(`${allows.length} new allow(s), ${denies.length} new deny(s), ${rest.length} other change(s).`, '');
    if (allows.length > 0) changes.push(`#### ⚠️ New allows (${allows.length})`, '', ...allowLines(allows, SUMMARY_LIMIT - 12_000 - diffSection.length, input.fullChangesFile), '');
  }

  const optional: { title: string; lines: string[]; more: (shown: number, total: number) => string }[] = [];
  const causes = input.causes ?? [];
  if (bad.length > 0) {
    const lines: string[] = [];
    for (const c of causes) {
      lines.push(`- **${md(c.cause)}**${c.changed ? ' (changed since the baseline)' : ''}: ${c.effects.length} scenario(s)`);
      for (const { feature, scenario: s } of c.effects) {
        const where = `${s.uri}${s.line !== undefined ? `:${s.line}` : ''}`;
        lines.push(`  - ${md(feature)} › ${md(s.example !== undefined ? `${s.name} (${s.example})` : s.name)} (${md(where)})`);
      }
    }
    optional.push({ title: `### Failures: ${bad.length} scenario(s), ${causes.length} cause(s)`, lines, more: (n, t) => `- …and ${t - n} more lines; see the living document.` });
    const details = bad.map(({ feature, s }) => {
      const where = `${s.uri}${s.line !== undefined ? `:${s.line}` : ''}`;
      return `- **${md(feature.name)} › ${md(s.example !== undefined ? `${s.name} (${s.example})` : s.name)}** (${md(where)}, ${s.status})\n\n${indent(mdFence(failureText(s)))}\n`;
    });
    optional.push({ title: '### Failure details', lines: details, more: (n, t) => `…and ${t - n} more; see the living document.` });
  }
  if (input.matrixChanges) {
    if (denies.length > 0) optional.push({ title: `#### New denies (${denies.length})`, lines: denies.map(changeLine), more: (n, t) => `- …and ${t - n} more in ${input.fullChangesFile ?? 'the full list'}` });
    if (rest.length > 0) optional.push({ title: `#### Other changes (${rest.length})`, lines: rest.map(changeLine), more: (n, t) => `- …and ${t - n} more in ${input.fullChangesFile ?? 'the full list'}` });
  }
  if (input.claims && input.claims.length > 0) {
    optional.push({ title: '### Claims', lines: input.claims.map((c) => `- ${c.passed ? '✅' : '❌'} ${md(c.text)} — ${md(c.scope)}${c.nearMisses.length > 0 ? `; near misses: ${c.nearMisses.map((n) => md(n)).join('; ')}` : ''}`), more: (n, t) => `- …and ${t - n} more claims; see the controls page.` });
  }
  if (input.coverage) {
    const c = input.coverage;
    const lines = [
      `- Decisive statements: **${c.statements.decisivePercent}%** (${c.statements.decisive} of ${c.statements.total}); exercised: ${c.statements.exercisedPercent}% (${c.statements.exercised} of ${c.statements.total}).`,
      `- Condition tests evaluated: ${c.conditions.evaluated} of ${c.conditions.total}; seen true: ${c.conditions.satisfied}.`,
    ];
    if (input.gate) lines.push(`- Gate: ${input.gate.pass ? '✅' : '❌'} ${md(input.gate.message)}.`);
    const verdictOf = verdictLookup(input.analysis);
    const analysed = (d: Parameters<typeof verdictOf>[0]): string => {
      const v = verdictOf(d);
      return v ? ` — analysis: ${md(verdictText(v))}` : '';
    };
    const how = input.analysis ? 'beside each, what `mq-policy analyze` finds over every request' : 'whether one can ever matter is analysis: `mq-policy test --analyze`';
    if (c.unexercised.length > 0) lines.push(`- Statements not exercised by any scenario (coverage; ${how}): ${c.unexercised.length}.`, ...c.unexercised.map((d) => `  - ${md(statementLabel(d))}${analysed(d)}`));
    if (c.unknown.length > 0) lines.push(`- ⚠️ ${c.unknown.length} recorded statement(s) are not in the policy store: ${c.unknown.map(md).join(', ')}.`);
    optional.push({ title: '### Policy coverage', lines, more: (n, t) => `- …and ${t - n} more lines in coverage.json.` });
  }
  if (input.analysis) optional.push({ title: '### What every statement does over every request (`mq-policy analyze`)', lines: analysisSummaryLines(input.analysis), more: (n, t) => `- …and ${t - n} more lines; \`mq-policy analyze\` lists them all.` });
  if (input.mutation?.kind === 'computed') optional.push({ title: '### Mutation score (`mq-policy mutate`)', lines: mutationSummaryLines(input.mutation), more: mutationMore });

  const tail: string[] = [];
  if (input.expiredWaivers !== undefined && input.expiredWaivers > 0) tail.push(`⚠️ ${input.expiredWaivers} waiver(s) have expired.`, '');
  if (input.waivedWarnings !== undefined && input.waivedWarnings > 0) tail.push(`${input.waivedWarnings} store warning(s) waived in waivers.yaml; listed in the living document.`, '');
  if (input.mutation && input.mutation.kind !== 'computed') tail.push(`Mutation score not shown: ${md(input.mutation.why)}.`, '');
  const duration = run.durationMs !== undefined ? ` in ${(run.durationMs / 1000).toFixed(1)} s` : '';
  tail.push(`<sub>${run.steps.passed} of ${Object.values(run.steps).reduce((a, b) => a + b, 0)} steps passed${duration}.</sub>`);

  const out = [...head, ...changes];
  let used = out.join('\n').length + tail.join('\n').length + 200;
  // Sections in order; each gets what fits, with a counted pointer for the rest.
  for (const section of optional) {
    out.push(section.title, '');
    used += section.title.length + 2;
    let shown = 0;
    for (const line of section.lines) {
      if (used + line.length + 1 > SUMMARY_LIMIT - 300) break;
      out.push(line);
      used += line.length + 1;
      shown++;
    }
    if (shown < section.lines.length) {
      const more = section.more(shown, section.lines.length);
      out.push(more);
      used += more.length + 1;
    }
    out.push('');
  }
  return `${[...out, ...tail].join('\n')}\n`;
}

function indent(text: string): string {
  return text.split('\n').map((l) => `  ${l}`).join('\n');
}
