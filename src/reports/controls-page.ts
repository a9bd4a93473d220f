import { grantingText, matrixRowAnchor, outcomeWord, type MatrixChange } from './access-matrix';
import type { FailureCause } from './causes';
import type { ClaimView } from './claims';
import { esc } from './escape';
import type { Contradiction, ReportMeta } from './inputs';
import type { ExtraCase } from './junit';
import type { ReadRun, ReportFeature } from './read-messages';

/**
 * The top of the living document: what the run tested (commit, content hash, not what is deployed), the
 * failure banner grouped by cause, the controls page (every claim with verdict, scope, near misses and
 * evidence links) and a table of contents of capabilities and features.
 */

const slugOf = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
export const featureAnchor = (f: ReportFeature): string => `f-${slugOf(f.uri)}`;

export function testedBanner(meta: ReportMeta, run: ReadRun): string {
  const commit = meta.commit ?? run.run.revision ?? 'unknown';
  const store = meta.store;
  const hash = store ? ` (content sha256 <code>${esc(store.sha256)}</code> over ${store.files.length} files; each file's hash is listed under <a href="#provenance">Reproducing this run</a>)` : '';
  return `<p class="tested" id="tested">This run tests the policy files${store ? ` in <code>${esc(store.root)}</code>` : ''} of commit <code>${esc(commit)}</code>${hash}, <b>not</b> the IAM configuration deployed in AWS.</p>`;
}

export interface BannerInput {
  readonly causes: readonly FailureCause[];
  readonly contradictions: readonly Contradiction[];
  readonly gate?: { readonly pass: boolean; readonly message: string };
  readonly extraCases?: readonly ExtraCase[];
}

export function failureBanner(input: BannerInput): string {
  const items: string[] = [];
  for (const c of input.causes) {
    const links = c.effects.map(({ feature, scenario: s }) => `<li><a href="#${esc(s.anchor)}">${esc(feature)} › ${esc(s.example !== undefined ? `${s.name} (${s.example})` : s.name)}</a> <span class="muted">${esc(s.uri)}${s.line !== undefined ? `:${s.line}` : ''}</span></li>`).join('');
    items.push(`<li><b>${esc(c.cause)}</b>${c.changed ? ' <span class="tag">changed since the baseline</span>' : ''}: ${c.effects.length} scenario${c.effects.length === 1 ? '' : 's'}<ul>${links}</ul></li>`);
  }
  // A failed expectation is already listed under its cause; only evaluators that disagree are news here.
  const disagreements = input.contradictions.filter((c) => c.engineDisagrees);
  if (disagreements.length > 0) {
    const links = disagreements.map((c) => `<li><a href="#${esc(c.anchor ?? '')}">${esc(c.scenario)}</a>: ${esc(c.cell.principal)} ${esc(c.cell.action)} ${esc(c.resource)} — ${esc(c.why)}</li>`).join('');
    items.push(`<li><b>Scenario decisions differ from the access matrix for the same request</b> (a harness error): ${disagreements.length}<ul>${links}</ul></li>`);
  }
  if (input.gate && !input.gate.pass) items.push(`<li><b>Coverage gate failed</b>: ${esc(input.gate.message)} (<a href="#coverage">policy coverage</a>)</li>`);
  for (const e of input.extraCases ?? []) if (e.failure) items.push(`<li><b>${esc(e.suite)}</b>: ${esc(e.name)}${e.file !== undefined ? ` <span class="muted">${esc(e.file)}${e.line !== undefined ? `:${e.line}` : ''}</span>` : ''} — ${esc(e.failure.message)}</li>`);
  if (items.length === 0) return '';
  const scenarios = input.causes.reduce((n, c) => n + c.effects.length, 0);
  const what = [
    ...(scenarios > 0 || input.causes.length > 0 ? [`${scenarios} failing scenario(s) in ${input.causes.length} cause(s)`] : []),
    ...(input.gate && !input.gate.pass ? ['the coverage gate failed'] : []),
    ...(disagreements.length > 0 ? [`${disagreements.length} decision(s) differ from the matrix`] : []),
    ...(input.extraCases ?? []).filter((e) => e.failure).map((e) => `${e.suite} failed`),
  ];
  return `<section class="banner" id="failures" role="alert"><h2>✗ This run failed</h2><p>${esc(what.join('; '))}.</p><ol>${items.join('')}</ol></section>`;
}

export function controlsSection(claims: readonly ClaimView[], matrixRows: ReadonlySet<string> = new Set()): string {
  if (claims.length === 0) return '<section id="controls"><h2>Controls</h2><p class="empty">No scenario states a claim (<code>only … can</code>, <code>nobody can</code>) or is tagged <code>@control</code>.</p></section>';
  const rows = claims
    .map((c) => {
      const near = c.nearMisses.length === 0 ? '<span class="muted">none</span>' : `<ul>${c.nearMisses.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`;
      const verdict = c.passed ? '<span class="badge b-passed">holds</span>' : '<span class="badge b-failed">broken</span>';
      return `<tr class="${c.passed ? 'c-ok' : 'c-bad'}"><td>${verdict}</td><th scope="row">${esc(c.text)}${c.kind === 'control' ? ' <span class="tag">@control</span>' : ''}</th><td>${esc(c.scope)}</td><td>${near}</td><td><a href="#${esc(c.scenario.anchor)}">${esc(c.scenario.name)}</a><br><span class="muted">${esc(c.scenario.uri)}${c.scenario.line !== undefined ? `:${c.scenario.line}` : ''}</span><br>${matrixLinks(c, matrixRows)}</td></tr>`;
    })
    .join('\n');
  const broken = claims.filter((c) => !c.passed).length;
  return `<section id="controls"><h2>Controls</h2><p>${claims.length} claim(s) checked; ${broken === 0 ? 'all hold' : `<b>${broken} broken</b>`}. Each claim covers exactly the scope shown; resources its tag selector nearly matched are listed with what the engine decides for them.</p><div class="scroll"><table class="controls"><thead><tr><th scope="col">Verdict</th><th scope="col">Claim</th><th scope="col">Scope</th><th scope="col">Near misses</th><th scope="col">Evidence</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

/** Links to the matrix rows behind a claim, only to rows the document has. */
function matrixLinks(c: ClaimView, present: ReadonlySet<string>): string {
  const rows = c.matrixRows.filter((r) => present.has(matrixRowAnchor(r.principal, r.action))).slice(0, 6);
  if (rows.length === 0) return '<a href="#matrix">access matrix</a>';
  const several = new Set(rows.map((r) => r.action)).size > 1;
  return `matrix: ${rows.map((r) => `<a href="#${matrixRowAnchor(r.principal, r.action)}">${esc(several ? `${r.principal} · ${r.action}` : r.principal)}</a>`).join(', ')}`;
}

export function changesSection(changes: readonly MatrixChange[] | undefined, label: string | undefined): string {
  if (!changes) return '';
  const allows = changes.filter((c) => c.after === 'Allowed');
  const rows = [...allows, ...changes.filter((c) => c.after !== 'Allowed')]
    .map((c) => `<tr class="${c.after === 'Allowed' ? 'o-allow' : ''}"><td>${esc(c.principal)}</td><td class="act">${esc(c.action)}</td><td>${esc(c.resourceClass)}</td><td>${c.before !== undefined ? esc(outcomeWord(c.before)) : '(new cell)'}</td><td><b>${c.after !== undefined ? esc(outcomeWord(c.after)) : '(cell removed)'}</b></td><td>${c.after === 'Allowed' && c.determining ? esc(grantingText(c.determining)) : ''}</td></tr>`)
    .join('');
  return `<section id="changes"><h2>Access changes against ${esc(label ?? 'the baseline')}</h2><p>${allows.length} new allow(s) of ${changes.length} change(s).</p>${changes.length > 0 ? `<div class="scroll"><table><thead><tr><th>Principal</th><th>Action</th><th>Resources</th><th>Before</th><th>Now</th><th>Granted by</th></tr></thead><tbody>${rows}</tbody></table></div>` : ''}</section>`;
}

export function tableOfContents(features: readonly ReportFeature[], extra: readonly [string, string][]): string {
  // Capabilities are the feature folders (features/<capability>/x.feature).
  const byCapability = new Map<string, ReportFeature[]>();
  for (const f of features) {
    const parts = f.uri.split('/');
    const cap = parts.length >= 2 ? parts[parts.length - 2]! : 'features';
    byCapability.set(cap, [...(byCapability.get(cap) ?? []), f]);
  }
  const caps = [...byCapability.entries()]
    .map(([cap, fs]) => `<li>${esc(cap.replace(/-/g, ' '))}<ul>${fs.map((f) => `<li><a href="#${featureAnchor(f)}">${esc(f.name)}</a> <span class="muted">(${f.scenarios.length})</span></li>`).join('')}</ul></li>`)
    .join('');
  return `<nav class="toc" id="toc" aria-label="Contents"><h2>Contents</h2><ul>${extra.map(([href, text]) => `<li><a href="#${href}">${esc(text)}</a></li>`).join('')}<li><a href="#scenarios">Scenarios</a><ul>${caps}</ul></li></ul></nav>`;
}

export function provenanceSection(meta: ReportMeta, run: ReadRun): string {
  const props = run.features.flatMap((f) => f.scenarios.flatMap((s) => s.properties.map((p) => ({ s, p }))));
  const seeds = props.length === 0 ? '<p>No property test ran.</p>' : `<table><thead><tr><th>Law</th><th>Runs</th><th>Result</th><th>Replay</th></tr></thead><tbody>${props.map(({ s, p }) => `<tr><td><a href="#${esc(s.anchor)}">${esc(p.law)}</a></td><td>${p.numRuns}</td><td>${p.passed ? 'held' : '<b>broken</b>'}</td><td><code>MQ_POLICY_PROPERTY_SEED=${p.seed}${p.path !== undefined ? ` MQ_POLICY_PROPERTY_PATH=${esc(p.path)}` : ''}</code></td></tr>`).join('')}</tbody></table>`;
  const files = meta.store ? `<details><summary>${meta.store.files.length} policy and store files (SHA-256)</summary><table><thead><tr><th>File</th><th>SHA-256</th></tr></thead><tbody>${meta.store.files.map((f) => `<tr><td>${esc(f.path)}</td><td><code>${esc(f.sha256)}</code></td></tr>`).join('')}</tbody></table></details>` : '<p>The store\'s file hashes were not given.</p>';
  const clock = meta.clock ? `<p>Every request is made at <code>aws:CurrentTime</code> = <code>${esc(meta.clock.currentTime)}</code>: ${esc(meta.clock.why)}</p>` : '';
  return `<section id="provenance"><h2>Reproducing this run</h2><p>Catalog data ${esc(meta.catalogVersion ?? 'unknown')}; commit <code>${esc(meta.commit ?? run.run.revision ?? 'unknown')}</code>.</p>${clock}<h3>Property seeds</h3>${seeds}<h3>Files tested</h3>${files}</section>`;
}
