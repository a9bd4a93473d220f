import type { DecisionRecord } from '../model';
import { matrixHtml, matrixPrintHtml, matrixRowAnchor, outcomeCode, outcomeWord, statementAnchor } from './access-matrix';
import { isStatement, statementKey, statementLabel, type Coverage, type StatementCoverage } from './coverage';
import { accessDiffHtml } from './access-diff';
import type { AccessDiff, MutationEvidence, StoreAnalysis } from './analysis-inputs';
import { analysisHtml, verdictLookup, verdictText } from './analysis-section';
import { mutationSectionHtml } from './mutation-section';
import { esc } from './escape';
import type { MatrixCell, ReportMeta, StoredStatement, Waiver } from './inputs';
import { SCRIPT, SCRIPT_SHA256, STYLE } from './living-doc-assets';
import { STATUS_ORDER, type ReadRun, type ReportFeature, type ReportScenario, type ReportStep, type Status } from './read-messages';
import type { MatrixChange } from './access-matrix';
import type { FailureCause } from './causes';
import type { ClaimView } from './claims';
import type { Contradiction } from './inputs';
import type { ExtraCase } from './junit';
import { changesSection, controlsSection, failureBanner, featureAnchor, provenanceSection, tableOfContents, testedBanner } from './controls-page';


/**
 * `reports/index.html`, the living document an auditor reads, prints and files. One file, no external
 * resource of any kind (the Content-Security-Policy forbids them), complete with JavaScript off; the
 * inline script only adds filters. Every value from the run, the store or the inventory goes through esc().
 */

export interface LivingDocInput {
  readonly run: ReadRun;
  readonly coverage: Coverage;
  readonly cells?: readonly MatrixCell[];
  readonly waivers?: readonly Waiver[];
  readonly statements?: readonly StoredStatement[];
  readonly meta?: ReportMeta;
  readonly causes?: readonly FailureCause[];
  readonly claims?: readonly ClaimView[];
  readonly contradictions?: readonly Contradiction[];
  readonly gate?: { readonly pass: boolean; readonly message: string };
  readonly changes?: readonly MatrixChange[];
  readonly baselineLabel?: string;
  /** Problems outside the scenarios (an invalid store, a harness error): shown in the failure banner. */
  readonly extraCases?: readonly ExtraCase[];
  /** `--baseline REV`: every request class whose decision changed (`mq-policy diff`), and where its JSON is. */
  readonly accessDiff?: { readonly diff: AccessDiff; readonly jsonFile: string };
  readonly mutation?: MutationEvidence;
  readonly analysis?: StoreAnalysis;
}

const CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_SHA256}'; img-src data:; base-uri 'none'; form-action 'none'`;

export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

function formatDate(iso: string | undefined): string {
  return iso === undefined ? 'unknown' : iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC');
}

/** `8 (7 passed, 1 failed)`: counts in worst-first order, zero counts left out. */
function counts(byStatus: Readonly<Record<Status, number>>): string {
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const parts = STATUS_ORDER.filter((s) => byStatus[s] > 0).map((s) => `${byStatus[s]} ${s}`);
  return `${total}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

/** A waiver is expired from the day after its `expires` date. */
export function isExpired(w: Waiver, asOf: string): boolean {
  return w.expires.slice(0, 10) < asOf.slice(0, 10);
}

export function livingDocument(input: LivingDocInput): string {
  const { run, coverage, meta = {} } = input;
  const title = meta.title ?? 'Amazon MQ access: living documentation';
  const asOf = meta.asOf ?? run.run.startedAt ?? '';
  const excerpts = new Map((input.statements ?? []).map((s) => [statementKey(s), s]));
  const anchors = new Set(coverage.entries.map(statementAnchor));
  const decisions = run.features.reduce((n, f) => n + f.scenarios.reduce((m, s) => m + s.decisions.length, 0), 0);
  const ctx: Ctx = { excerpts, anchors };

  const metaRows: [string, string][] = [
    ['Run date', formatDate(run.run.startedAt)],
    ['Git commit', meta.commit ?? run.run.revision ?? 'unknown'],
    ['Catalog data', meta.catalogVersion ?? 'unknown'],
    ['Scenarios', counts(run.run.scenarios)],
    ['Steps', counts(run.run.steps)],
    ['Decisions recorded', String(decisions)],
    ['Duration', run.run.durationMs !== undefined ? formatDuration(run.run.durationMs) : 'unknown'],
    ['Decisive-statement coverage', `${coverage.statements.decisivePercent}% (${coverage.statements.decisive} of ${coverage.statements.total} statements${coverage.complete ? '' : ' that decisions mention; the store\'s statement list was not given'})`],
  ];
  if (run.run.cucumber !== undefined) metaRows.push(['Runner', run.run.cucumber]);

  const toc: [string, string][] = [['controls', 'Controls'], ...(input.accessDiff ? [['access-diff', 'New access over every request'] as [string, string]] : []), ...(input.changes ? [['changes', 'Access changes'] as [string, string]] : []), ['matrix', 'Access matrix'], ['coverage', 'Policy coverage'], ...(input.mutation ? [['mutation', 'Mutation score'] as [string, string]] : []), ['waivers', 'Waivers'], ['provenance', 'Reproducing this run'], ...(meta.benchmark ? [['performance', 'Performance'] as [string, string]] : [])];
  const parts = [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    `<title>${esc(title)}</title><style>${STYLE}</style></head><body>`,
    `<header><h1>${esc(title)}</h1>${testedBanner(meta, run)}<dl class="meta">${metaRows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl></header><main>`,
    failureBanner({ causes: input.causes ?? [], contradictions: input.contradictions ?? [], ...(input.gate ? { gate: input.gate } : {}), ...(input.extraCases ? { extraCases: input.extraCases } : {}) }),
    controlsSection(input.claims ?? [], new Set((input.cells ?? []).map((c) => matrixRowAnchor(c.principal, c.action)))),
    tableOfContents(run.features, toc),
    run.problems.length > 0 ? `<section class="problems"><h2>Problems reading the run</h2><ul>${run.problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul></section>` : '',
    input.accessDiff ? accessDiffHtml(input.accessDiff.diff, input.accessDiff.jsonFile) : '',
    changesSection(input.changes, input.baselineLabel),
    scenariosSection(run.features, ctx),
    matrixSection(input.cells ?? [], anchors),
    coverageSection(coverage, input.analysis),
    input.mutation ? mutationSectionHtml(input.mutation) : '',
    waiversSection(input.waivers, asOf, meta.waivedWarnings ?? []),
    provenanceSection(meta, run),
    benchmarkSection(meta.benchmark),
    '</main><footer class="muted"><p>Generated by mq-policy from the run\'s Cucumber messages; every outcome above was decided by the engine during the run.</p></footer>',
    `<script>${SCRIPT}</script></body></html>`,
  ];
  return `${parts.filter((p) => p !== '').join('\n')}\n`;
}

interface Ctx {
  readonly excerpts: ReadonlyMap<string, StoredStatement>;
  readonly anchors: ReadonlySet<string>;
}

function scenariosSection(features: readonly ReportFeature[], ctx: Ctx): string {
  const present = STATUS_ORDER.filter((s) => features.some((f) => f.scenarios.some((sc) => sc.status === s)));
  const boxes = present.map((s) => `<label><input type="checkbox" name="status" value="${s}" checked> ${s}</label>`).join('');
  const filters = `<div class="filters" id="scenario-filters" hidden><label>Search <input type="search" id="scenario-query" placeholder="principal, action, text…"></label>${boxes}<span id="scenario-count" class="muted"></span></div>`;
  const body = features
    .map((f) => {
      const tags = f.tags.length > 0 ? ` · ${esc(f.tags.join(' '))}` : '';
      const description = f.description !== '' ? `<p>${esc(f.description).replace(/\n\s*/g, '<br>')}</p>` : '';
      return `<section class="feature" id="${featureAnchor(f)}"><h3>${esc(f.name)}</h3><p class="where">${esc(f.uri)}${tags}</p>${description}\n${f.scenarios.map((s) => scenarioHtml(s, ctx)).join('\n')}</section>`;
    })
    .join('\n');
  return `<section id="scenarios"><h2>Scenarios</h2>${filters}\n${body || '<p class="empty">No scenarios ran.</p>'}</section>`;
}

function scenarioHtml(s: ReportScenario, ctx: Ctx): string {
  const where = `${s.uri}${s.line !== undefined ? `:${s.line}` : ''}${s.tags.length > 0 ? ` · ${s.tags.join(' ')}` : ''}`;
  const example = s.example !== undefined ? ` <span class="muted">— ${esc(s.example)}</span>` : '';
  const steps = s.steps.map(stepHtml).join('');
  const decisions = s.decisions.map((d) => decisionHtml(d, ctx)).join('');
  return `<article class="scenario s-${s.status}" id="${s.anchor}" data-status="${s.status}"><h4><span class="badge b-${s.status}">${s.status}</span> ${esc(s.name)}${example}</h4><p class="where">${esc(where)}</p><ol class="steps">${steps}</ol>${decisions}</article>`;
}

const MARKS: Record<Status, string> = { passed: '✓', failed: '✗', ambiguous: '?', undefined: '?', pending: '…', skipped: '–', unknown: '?' };

function stepHtml(step: ReportStep): string {
  const table = step.dataTable ? `<table>${step.dataTable.map((r, i) => `<tr>${r.map((c) => (i === 0 ? `<th>${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join('')}</tr>`).join('')}</table>` : '';
  const doc = step.docString !== undefined ? `<pre>${esc(step.docString)}</pre>` : '';
  const message = step.message !== undefined ? `<pre class="st-failed">${esc(step.message)}</pre>` : '';
  const status = step.status === 'passed' ? '' : ` <span class="muted">(${step.status})</span>`;
  return `<li class="st-${step.status}"><span aria-label="${step.status}">${MARKS[step.status]}</span> <span class="kw">${esc(step.keyword)}</span> ${esc(step.text)}${status}${table}${doc}${message}</li>`;
}

function decisionHtml(d: DecisionRecord, ctx: Ctx): string {
  const resource = d.resourceName !== undefined ? `${d.resourceName} (${d.resource})` : d.resource;
  const tags = d.resourceTags && Object.keys(d.resourceTags).length > 0 ? ` tagged ${Object.entries(d.resourceTags).map(([k, v]) => `${k}=${v}`).join(', ')}` : '';
  const verdict = d.passed === undefined ? '' : d.passed ? ' — as expected' : ` — expected ${d.expected ?? '?'}`;
  const by = d.determining
    .map((x) => {
      if (!isStatement(x)) return `<li>no statement in the ${esc(x.layer)} layer${x.level !== undefined ? ` (level ${x.level})` : ''} allows it</li>`;
      const anchor = statementAnchor(x);
      const label = ctx.anchors.has(anchor) ? `<a href="#${anchor}">${esc(statementLabel(x))}</a>` : esc(statementLabel(x));
      const excerpt = ctx.excerpts.get(statementKey(x))?.excerpt;
      return `<li>${esc(x.effect)} ${label}${excerpt !== undefined ? `<pre>${esc(excerpt)}</pre>` : ''}</li>`;
    })
    .join('');
  // One plain line per decision: the request context is evidence, but markup per key would double its size.
  const context = esc(Object.entries(d.context).map(([k, v]) => `${k}=${typeof v === 'string' ? v : `[${v.join(', ')}]`}`).join('; '));
  const missing = d.missingContextKeys.length > 0 ? `<p>Missing context keys: ${d.missingContextKeys.map((k) => `<code>${esc(k)}</code>`).join(', ')}</p>` : '';
  return `<div class="decision ${d.passed === false ? 'd-fail' : 'd-pass'} o-${outcomeCode(d.outcome)}-text"><p><b>${esc(d.principal)}</b> → <code>${esc(d.action)}</code> on ${esc(resource)}${esc(tags)}: <span class="verdict">${esc(outcomeWord(d.outcome))}${esc(verdict)}</span></p>${by !== '' ? `<ul>${by}</ul>` : ''}${context !== '' ? `<p class="ctx">Context: ${context}</p>` : ''}${missing}<pre>${esc(d.explanation)}</pre></div>`;
}

function matrixSection(cells: readonly MatrixCell[], anchors: ReadonlySet<string>): string {
  const principals = [...new Set(cells.map((c) => c.principal))].sort();
  const options = principals.map((p) => `<option value="${esc(p)}">${esc(p)}</option>`).join('');
  const unasserted = cells.filter((c) => c.assertedBy.length === 0).length;
  const filters = cells.length === 0 ? '' : `<div class="filters" id="matrix-filters" hidden><label>Principal <select id="matrix-principal"><option value="">all</option>${options}</select></label><label>Action <input type="search" id="matrix-action" placeholder="mq:Delete"></label><label>Outcome <select id="matrix-outcome"><option value="">any</option><option value="allow">allowed</option><option value="explicit">explicitly denied</option><option value="implicit">implicitly denied</option><option value="cannot">cannot decide</option></select></label><label><input type="checkbox" id="matrix-unasserted"> only rows with unasserted cells</label><span id="matrix-count" class="muted"></span></div>`;
  const legend = '<p class="legend"><span class="o-allow">allowed</span><span class="o-explicit">explicitly denied</span><span class="o-implicit">implicitly denied</span><span class="o-cannot">cannot decide</span> A dashed cell is <em>unasserted</em>: no scenario decided exactly its request (same principal, action, every resource of the class, the store\'s own policies, the default context). ✓n links to a scenario that asserts it; ~n to related evidence (a nearby request; hover for the difference), never a tick.</p>';
  const intro = cells.length === 0 ? '' : `<p>${cells.length} cells; ${unasserted} not asserted by any scenario. Each outcome links to its decisive statement.</p>`;
  return `<section id="matrix"><h2>Access matrix</h2>${intro}${filters}${cells.length > 0 ? legend : ''}\n<div class="scroll matrix-screen">${matrixHtml(cells, { linkable: anchors })}</div>\n${matrixPrintHtml(cells)}</section>`;
}

function coverageSection(c: Coverage, analysis: StoreAnalysis | undefined): string {
  const s = c.statements;
  const verdictOf = verdictLookup(analysis);
  const lead = `<p>${s.decisive} of ${s.total} statements were decisive in at least one decision (<b>${s.decisivePercent}%</b>); ${s.exercised} were exercised (${s.exercisedPercent}%). ${c.conditions.evaluated} of ${c.conditions.total} condition tests were evaluated, ${c.conditions.satisfied} seen true, over ${c.decisions} decisions.${c.complete ? '' : ' <b>The policy store\'s statement list was not given: only statements that some decision mentioned are shown, so unexercised statements cannot be listed.</b>'}</p>`;
  const verdict = (d: StatementCoverage): string => {
    const v = verdictOf(d);
    return v ? ` — analysis: <b>${esc(verdictText(v))}</b>` : '';
  };
  const whatAnalysisSays = analysis
    ? 'Beside each, what <code>mq-policy analyze</code> finds over every request.'
    : 'Whether one can ever matter, over every request, is analysis, not coverage: <code>mq-policy test --analyze</code> (or <code>mq-policy analyze</code>) says which are dead, shadowed or redundant.';
  const unexercised = c.unexercised.length > 0 ? `<h3>Statements not exercised by any scenario</h3><p>No scenario's request reached these statements (coverage). ${whatAnalysisSays}</p><ul>${c.unexercised.map((d) => `<li><a href="#${statementAnchor(d)}">${esc(statementLabel(d))}</a>${verdict(d)}</li>`).join('')}</ul>` : c.complete ? '<p>Every statement was exercised by some scenario.</p>' : '';
  const unknown = c.unknown.length > 0 ? `<p class="problems">Recorded statements missing from the store: ${c.unknown.map(esc).join(', ')}</p>` : '';
  const rows = c.entries
    .map((e) => {
      const conds = e.conditions.map((t) => `<div><code>${esc(t.operator)}</code> <code>${esc(t.key)}</code>: ${t.evaluated ? (t.satisfied ? 'evaluated, seen true' : 'evaluated, never true') : 'never evaluated'}</div>`).join('');
      const where = `${e.file ?? e.policy}${e.line !== undefined ? `:${e.line}` : ''}`;
      const notExercised = e.exercised === 0 && e.decisive === 0 && c.complete;
      const v = verdictOf(e);
      const analysisCell = analysis ? `<td>${v ? esc(v.verdict) + (v.approximate.length > 0 ? ' (approximate)' : '') : 'not analysed'}</td>` : '';
      return `<tr id="${statementAnchor(e)}"${notExercised ? ' class="unexercised"' : ''}><td>${esc(e.policy)} <span class="muted">(${esc(e.kind)})</span></td><td>${esc(where)}</td><td>${e.statementIndex}</td><td>${esc(e.sid ?? '')}</td><td>${esc(e.effect)}</td><td>${e.exercised}</td><td>${e.applied}</td><td>${e.decisive}${notExercised ? ' <b>not exercised</b>' : ''}</td><td>${conds}</td>${analysisCell}</tr>`;
    })
    .join('\n');
  const table = `<table class="coverage"><thead><tr><th>Policy</th><th>File</th><th>#</th><th>Sid</th><th>Effect</th><th>Exercised</th><th>Applied</th><th>Decisive</th><th>Conditions</th>${analysis ? '<th>Analysis (every request)</th>' : ''}</tr></thead><tbody>${rows}</tbody></table>`;
  return `<section id="coverage"><h2>Policy coverage</h2>${lead}${unexercised}${unknown}${analysis ? analysisHtml(analysis) : ''}${table}</section>`;
}

function waiversSection(waivers: readonly Waiver[] | undefined, asOf: string, waived: NonNullable<ReportMeta['waivedWarnings']>): string {
  if (waivers === undefined || waivers.length === 0) return '<section id="waivers"><h2>Waivers</h2><p>No lint findings are waived.</p></section>';
  const applied = waived.length === 0 ? '' : `<p>${waived.length} store warning(s) of this run are waived and were not printed:</p><ul class="waived">${waived.map((w) => `<li><code>${esc(w.code)}</code> ${esc(w.location)}: ${esc(w.message)} <span class="muted">(owner ${esc(w.owner)}, until ${esc(w.expires)})</span></li>`).join('')}</ul>`;
  const expired = waivers.filter((w) => isExpired(w, asOf)).length;
  const rows = waivers
    .map((w) => {
      const gone = isExpired(w, asOf);
      return `<tr${gone ? ' class="expired"' : ''}><td>${esc(w.code)}</td><td>${esc(w.location)}</td><td>${esc(w.owner)}</td><td>${esc(w.reason)}</td><td>${esc(w.expires)}${gone ? ' — <b>expired</b>' : ''}</td></tr>`;
    })
    .join('');
  const note = expired > 0 ? `<p class="problems"><b>${expired} waiver(s) expired</b> as of ${esc(asOf.slice(0, 10))}.</p>` : '';
  return `<section id="waivers"><h2>Waivers</h2>${note}${applied}<table><thead><tr><th>Finding</th><th>Location</th><th>Owner</th><th>Reason</th><th>Expires</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

/** The last benchmark run, as measured (it is not re-run with the scenarios). */
function benchmarkSection(bench: ReportMeta['benchmark']): string {
  if (!bench) return '';
  const rows = bench.rows.map((r) => `<tr><th scope="row">${esc(r.workload)}</th><td>${esc(r.figure)}</td><td>${esc(r.target)}</td></tr>`).join('');
  return `<section id="performance"><h2>Performance</h2><p class="muted">Last <code>npm run bench</code>: ${esc(bench.measuredAt)} on ${esc(bench.machine)}.</p><table><thead><tr><th scope="col">Workload</th><th scope="col">Measured</th><th scope="col">Target</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}
