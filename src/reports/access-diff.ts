import type { DiffDocument } from '../analysis/diff-report';
import { unacceptedAllows } from '../analysis/diff-report';
import { placeText } from '../analysis/place';
import type { AccessDiff } from './analysis-inputs';
import { esc, md } from './escape';

/**
 * The access diff of `mq-policy test --baseline REV` (the answer of `mq-policy diff`) as the reports show
 * it: new allows first, each with one concrete request, the decision before and after, the deciding
 * statements on each side, the edit that opens it, and, when accepted, who accepted it, why and until when.
 * Changes with the same principal, action, decisions and deciding statements are one group (one request
 * stands for them; the count says how many classes it stands for).
 */

type Change = DiffDocument['changes'][number];

export interface DiffGroup {
  readonly first: Change;
  readonly count: number;
}

export function diffGroups(doc: DiffDocument): DiffGroup[] {
  const out = new Map<string, { first: Change; count: number }>();
  for (const c of doc.changes) {
    const key = [c.principal, c.action, c.before, c.after, c.beforeDetermining.map(placeText).join(';'), c.afterDetermining.map(placeText).join(';'), c.accepted ? 'a' : ''].join('\u0000');
    const g = out.get(key);
    if (g) g.count++;
    else out.set(key, { first: c, count: 1 });
  }
  return [...out.values()];
}

/** The gate: nothing newly allowed that accepted-changes.yaml does not accept, and that file readable. */
export function accessDiffGate(diff: AccessDiff): { readonly pass: boolean; readonly message: string } {
  const open = unacceptedAllows(diff.doc);
  const problems = diff.invalidAcceptances.length;
  const parts: string[] = [];
  if (open > 0) parts.push(`${open} newly allowed request class${open === 1 ? '' : 'es'} against ${diff.label} not accepted in accepted-changes.yaml`);
  if (problems > 0) parts.push(`accepted-changes.yaml has ${problems} problem${problems === 1 ? '' : 's'} and accepts nothing until fixed`);
  if (parts.length > 0) return { pass: false, message: parts.join('; ') };
  const allows = diff.doc.changes.filter((c) => c.newAllow).length;
  return { pass: true, message: allows === 0 ? `no new access against ${diff.label}` : `every one of ${allows} newly allowed request class${allows === 1 ? '' : 'es'} against ${diff.label} is accepted in accepted-changes.yaml` };
}

const WORDS: Readonly<Record<string, string>> = { Allowed: 'allowed', ExplicitDeny: 'explicitly denied', ImplicitDeny: 'implicitly denied', CannotDecide: 'cannot decide', NoSuchPrincipal: 'no such principal' };
const word = (o: string): string => WORDS[o] ?? o;

function contextText(c: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(c);
  return entries.length === 0 ? '(empty)' : entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
}

const deciding = (places: Change['afterDetermining'], outcome: string): string => (places.length > 0 ? places.map(placeText).join('; ') : word(outcome));

function coveredText(doc: DiffDocument): string {
  return `${doc.principals.length} principals × ${doc.actions.length} actions, ${doc.classes.toLocaleString('en')} request classes compared (${doc.base} → ${doc.head})`;
}

const approximate = (doc: DiffDocument): boolean => doc.changes.some((c) => c.approximate.length > 0);

function tagOf(c: Change): string {
  if (!c.newAllow) return 'changed';
  return c.accepted ? `new allow, accepted by ${c.accepted.owner} until ${c.accepted.expires}: ${c.accepted.reason}` : 'new allow, not accepted';
}

/** One group as Markdown: a bullet with its request, both decisions with their statements, and its cause. */
function groupMarkdown(g: DiffGroup): string {
  const c = g.first;
  const lines = [
    `- ${c.newAllow && !c.accepted ? '⚠️ ' : ''}**${md(c.principal)} · ${md(c.action)}**: ${word(c.before)} → **${word(c.after)}** (${md(tagOf(c))})${c.approximate.length > 0 ? ' — approximate' : ''}`,
    `  - request: ${md(`${c.request.action} on ${c.request.resource} as ${c.request.principal}; context ${contextText(c.request.context)}`)}`,
    `  - before: ${md(deciding(c.beforeDetermining, c.before))}`,
    `  - after: ${md(deciding(c.afterDetermining, c.after))}`,
  ];
  if (c.cause) lines.push(`  - ${c.causeAlone ? 'opened by' : 'opened by these edits together'}: ${md(c.cause.join('; '))}`);
  if (c.approximate.length > 0) lines.push(`  - approximate: ${md(c.approximate.join('; '))}`);
  if (g.count > 1) lines.push(`  - stands for ${g.count} request classes of ${md(c.principal)} × ${md(c.action)} with the same decisions and deciding statements`);
  return lines.join('\n');
}

/** A new allow in one line, for when the full blocks do not fit: principal, action, request, what grants it. */
function shortLine(g: DiffGroup): string {
  const c = g.first;
  return `- ${c.accepted ? '' : '⚠️ '}**${md(c.principal)} · ${md(c.action)}** on ${md(c.request.resource)}: ${word(c.before)} → **allowed** by ${md(deciding(c.afterDetermining, c.after))}${c.accepted ? ` (accepted by ${md(c.accepted.owner)} until ${md(c.accepted.expires)})` : ''}`;
}

/** New allows by action, cause and acceptance, every principal named: complete, without the requests. */
function compactAllows(allows: readonly DiffGroup[]): string[] {
  const by = new Map<string, { action: string; cause: string; accepted: boolean; principals: Set<string>; classes: number }>();
  for (const g of allows) {
    const c = g.first;
    const cause = c.cause ? c.cause.join('; ') : deciding(c.afterDetermining, c.after);
    const key = `${c.action}\u0000${cause}\u0000${c.accepted ? 'a' : ''}`;
    const e = by.get(key) ?? { action: c.action, cause, accepted: c.accepted !== undefined, principals: new Set<string>(), classes: 0 };
    e.principals.add(c.principal);
    e.classes += g.count;
    by.set(key, e);
  }
  return [...by.values()].map((e) => `- ${e.accepted ? '' : '⚠️ '}**${md(e.action)}** newly allowed${e.accepted ? ' (accepted)' : ''} in ${e.classes} classes for ${e.principals.size} principal${e.principals.size === 1 ? '' : 's'}: ${[...e.principals].map(md).join(', ')} — opened by ${md(e.cause)}`);
}

/**
 * summary.md section, at most `budget` characters. New allows come first and are cut only when even one
 * line each does not fit, and then the section says so and names the full list (`fullFile`).
 */
export function accessDiffMarkdown(diff: AccessDiff, budget: number, fullFile: string): string {
  const { doc } = diff;
  const gate = accessDiffGate(diff);
  const groups = diffGroups(doc);
  const allows = groups.filter((g) => g.first.newAllow);
  const others = groups.filter((g) => !g.first.newAllow);
  const allowClasses = doc.changes.filter((c) => c.newAllow).length;
  const head = [
    `### New access over every request against ${md(diff.label)} (\`mq-policy diff\`)`,
    '',
    `${gate.pass ? '✅' : '❌'} ${md(gate.message)}.`,
    '',
    `${md(coveredText(doc))}: ${allowClasses} newly allowed class${allowClasses === 1 ? '' : 'es'}, ${doc.changes.length - allowClasses} other change${doc.changes.length - allowClasses === 1 ? '' : 's'}${approximate(doc) ? ' — approximate: some classes rest on an approximation (see each change)' : ''}.`,
    '',
  ];
  for (const p of [...diff.invalidAcceptances, ...doc.acceptanceProblems]) head.push(`> ⚠️ ${md(p)}`, '');
  if (allows.length === 0) head.push(`No new access: no request of any principal is allowed now that was not allowed at ${md(doc.base)}.`, '');
  const tail = (n: number, what: string): string => `- …and ${n} more ${what}; every one is in ${fullFile}`;
  const out = [...head];
  let used = out.join('\n').length + 200;
  const fit = (lines: readonly string[], what: string): void => {
    let shown = 0;
    for (const l of lines) {
      if (used + l.length + 1 > budget) break;
      out.push(l);
      used += l.length + 1;
      shown++;
    }
    if (shown < lines.length) {
      const more = tail(lines.length - shown, what);
      out.push(more);
      used += more.length + 1;
    }
  };
  if (allows.length > 0) {
    out.push(`#### ⚠️ Newly allowed (${allowClasses} class${allowClasses === 1 ? '' : 'es'} in ${allows.length} group${allows.length === 1 ? '' : 's'})`, '');
    // Full blocks when they fit; else one line per action and cause naming every principal; only then cut.
    const full = allows.map(groupMarkdown);
    const compact = compactAllows(allows);
    const room = budget - used;
    fit(full.join('\n').length <= room * 0.8 ? full : compact.join('\n').length <= room * 0.9 ? compact : allows.map(shortLine), 'newly allowed groups that do not fit in a pull-request comment');
    out.push('');
  }
  if (others.length > 0) {
    out.push(`#### Other changes (${others.length} group${others.length === 1 ? '' : 's'})`, '');
    fit(others.map(groupMarkdown), 'groups of changes that grant nothing new');
    out.push('');
  }
  return out.join('\n');
}

/** The whole diff as Markdown, uncut (reports/access-diff.md, linked from the summary). */
export function accessDiffFullMarkdown(diff: AccessDiff): string {
  return `${accessDiffMarkdown(diff, Number.POSITIVE_INFINITY, 'this file')}\n`;
}

/** Rows of other changes the living document shows before pointing at the JSON (new allows are never cut). */
const HTML_OTHER_ROWS = 500;

function groupRow(g: DiffGroup): string {
  const c = g.first;
  const cause = c.cause ? `<br><span class="muted">${c.causeAlone ? 'opened by' : 'opened by these edits together'}:</span> ${esc(c.cause.join('; '))}` : '';
  const approx = c.approximate.length > 0 ? `<br><b>approximate</b>: ${esc(c.approximate.join('; '))}` : '';
  const count = g.count > 1 ? `<br><span class="muted">stands for ${g.count} request classes with the same decisions and statements</span>` : '';
  const accepted = c.newAllow ? (c.accepted ? `<span class="tag">accepted</span> by ${esc(c.accepted.owner)} until ${esc(c.accepted.expires)}: ${esc(c.accepted.reason)}` : '<b>not accepted</b>') : '';
  return `<tr class="${c.newAllow ? (c.accepted ? 'd-accepted' : 'd-new-allow') : ''}"><td>${esc(c.principal)}</td><td class="act">${esc(c.action)}</td><td><code>${esc(c.request.resource)}</code><br>as <code>${esc(c.request.principal)}</code><br><span class="muted">context ${esc(contextText(c.request.context))}</span>${count}</td><td>${esc(word(c.before))}<br><span class="muted">${esc(deciding(c.beforeDetermining, c.before))}</span></td><td><b>${esc(word(c.after))}</b><br><span class="muted">${esc(deciding(c.afterDetermining, c.after))}</span>${cause}${approx}</td><td>${accepted}</td></tr>`;
}

/** Living-document section: the gate, what was compared, then every new allow and the other changes. */
export function accessDiffHtml(diff: AccessDiff, jsonFile: string): string {
  const { doc } = diff;
  const gate = accessDiffGate(diff);
  const groups = diffGroups(doc);
  const allows = groups.filter((g) => g.first.newAllow);
  const others = groups.filter((g) => !g.first.newAllow);
  const problems = [...diff.invalidAcceptances, ...doc.acceptanceProblems];
  const head = `<thead><tr><th>Principal</th><th>Action</th><th>Request</th><th>Before (deciding statements)</th><th>Now (deciding statements)</th><th>Accepted</th></tr></thead>`;
  const table = (gs: readonly DiffGroup[]): string => `<div class="scroll"><table>${head}<tbody>${gs.map(groupRow).join('')}</tbody></table></div>`;
  const shownOthers = others.slice(0, HTML_OTHER_ROWS);
  return [
    `<section id="access-diff"><h2>New access over every request against ${esc(diff.label)}</h2>`,
    `<p class="${gate.pass ? 'gate-pass' : 'problems'}"><b>${gate.pass ? '✓' : '✗'} ${esc(gate.message)}.</b></p>`,
    `<p>${esc(coveredText(doc))}, as <code>mq-policy diff --base ${esc(doc.base)}</code> answers it: every class of requests whose decision changed, with one concrete request each.${approximate(doc) ? ' <b>Approximate</b>: some classes rest on an approximation (named in each change).' : ''}</p>`,
    problems.length > 0 ? `<ul class="problems">${problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : '',
    allows.length > 0 ? `<h3>Newly allowed (${allows.length} group${allows.length === 1 ? '' : 's'})</h3>${table(allows)}` : `<p>No new access: no request of any principal is allowed now that was not allowed at <code>${esc(doc.base)}</code>.</p>`,
    others.length > 0 ? `<h3>Other changes (${others.length} group${others.length === 1 ? '' : 's'})</h3>${table(shownOthers)}${others.length > shownOthers.length ? `<p>…and ${others.length - shownOthers.length} more groups that grant nothing new, in <code>${esc(jsonFile)}</code>.</p>` : ''}` : '',
    '</section>',
  ].join('');
}
