import { md } from '../model/markdown';
import type { AcceptedChange } from './accepted-changes';
import type { ClassChange, DiffResult } from './diff';
import { placeText } from './place';

/** What `mq-policy diff --format json` writes; shards of one diff merge into the unsharded document. */
export interface DiffDocument {
  readonly format: 'mq-policy-diff/1';
  readonly base: string;
  readonly head: string;
  readonly shard?: { readonly index: number; readonly count: number };
  readonly principals: readonly string[];
  readonly actions: readonly string[];
  readonly classes: number;
  readonly edits: readonly string[];
  readonly changes: readonly (ClassChange & { readonly accepted?: Pick<AcceptedChange, 'owner' | 'reason' | 'expires'> })[];
  /** Problems with accepted-changes.yaml (expired entries, malformed ones). */
  readonly acceptanceProblems: readonly string[];
}

export function diffDocument(result: DiffResult, base: string, head: string, accepted: (c: ClassChange) => AcceptedChange | undefined, acceptanceProblems: readonly string[], shard?: { index: number; count: number }): DiffDocument {
  return {
    format: 'mq-policy-diff/1',
    base,
    head,
    ...(shard ? { shard } : {}),
    principals: result.principals,
    actions: result.actions,
    classes: result.classes,
    edits: result.edits,
    changes: result.changes.map((c) => {
      const a = c.newAllow ? accepted(c) : undefined;
      return a ? { ...c, accepted: { owner: a.owner, reason: a.reason, expires: a.expires } } : c;
    }),
    acceptanceProblems,
  };
}

/** Joins shards: every principal exactly once; the answer is the unsharded one. */
export function mergeDiffs(parts: readonly DiffDocument[]): DiffDocument | { readonly error: string } {
  if (parts.length === 0) return { error: 'nothing to merge' };
  const first = parts[0]!;
  const seen = new Set<string>();
  for (const p of parts) {
    if (p.format !== 'mq-policy-diff/1') return { error: 'not a diff written by `mq-policy diff --format json`' };
    if (p.base !== first.base || p.head !== first.head) return { error: `shards compare different revisions (\`${first.base}\`…\`${first.head}\`, \`${p.base}\`…\`${p.head}\`)` };
    for (const name of p.principals) {
      if (seen.has(name)) return { error: `principal \`${name}\` is in more than one shard` };
      seen.add(name);
    }
  }
  const changes = parts.flatMap((p) => p.changes);
  changes.sort((x, y) => Number(y.newAllow) - Number(x.newAllow) || x.principal.localeCompare(y.principal) || x.action.localeCompare(y.action) || x.class.localeCompare(y.class, 'en', { numeric: true }));
  return {
    format: 'mq-policy-diff/1',
    base: first.base,
    head: first.head,
    principals: parts.flatMap((p) => p.principals).sort(),
    actions: first.actions,
    classes: parts.reduce((n, p) => n + p.classes, 0),
    edits: first.edits,
    changes,
    acceptanceProblems: first.acceptanceProblems,
  };
}

/** Something is newly allowed and no live entry of accepted-changes.yaml accepts it. */
export const unacceptedAllows = (doc: DiffDocument): number => doc.changes.filter((c) => c.newAllow && !c.accepted).length;

interface Group {
  readonly first: DiffDocument['changes'][number];
  count: number;
}

/** Changes with the same principal, action, decisions and deciding statements: one request shows them all. */
function groups(doc: DiffDocument): Group[] {
  const out = new Map<string, Group>();
  for (const c of doc.changes) {
    const key = [c.principal, c.action, c.before, c.after, c.beforeDetermining.map(placeText).join(';'), c.afterDetermining.map(placeText).join(';'), c.accepted ? 'a' : ''].join('|');
    const g = out.get(key);
    if (g) g.count++;
    else out.set(key, { first: c, count: 1 });
  }
  return [...out.values()];
}

const words = (o: string): string => ({ Allowed: 'allowed', ExplicitDeny: 'explicitly denied', ImplicitDeny: 'implicitly denied', CannotDecide: 'cannot decide', NoSuchPrincipal: 'no such principal' })[o] ?? o;

function contextText(c: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(c);
  return entries.length === 0 ? '(empty)' : entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
}

function headline(doc: DiffDocument): string[] {
  const allows = doc.changes.filter((c) => c.newAllow);
  const open = unacceptedAllows(doc);
  const approximate = doc.changes.some((c) => c.approximate.length > 0);
  return [
    `${doc.principals.length} principals × ${doc.actions.length} actions, ${doc.classes.toLocaleString('en')} request classes compared (${doc.base} → ${doc.head})${doc.shard ? `, shard ${doc.shard.index}/${doc.shard.count}` : ''}`,
    `${allows.length} newly allowed class${allows.length === 1 ? '' : 'es'} (${open} not accepted), ${doc.changes.length - allows.length} other change${doc.changes.length - allows.length === 1 ? '' : 's'}${approximate ? ' — approximate: some classes rest on an approximation (see each change)' : ''}`,
  ];
}

function groupLines(g: Group, indent: string): string[] {
  const c = g.first;
  const tag = c.newAllow ? (c.accepted ? `NEW ALLOW (accepted by ${c.accepted.owner} until ${c.accepted.expires}: ${c.accepted.reason})` : 'NEW ALLOW') : 'CHANGED';
  const lines = [
    `${tag}: ${c.principal} ${c.action} — ${words(c.before)} → ${words(c.after)}${c.approximate.length > 0 ? ' (approximate)' : ''}`,
    `${indent}request: ${c.request.action} on ${c.request.resource} as ${c.request.principal}; context ${contextText(c.request.context)}`,
    `${indent}before: ${c.beforeDetermining.length > 0 ? c.beforeDetermining.map(placeText).join('; ') : words(c.before)}`,
    `${indent}after:  ${c.afterDetermining.length > 0 ? c.afterDetermining.map(placeText).join('; ') : words(c.after)}`,
  ];
  if (c.cause) lines.push(`${indent}${c.causeAlone ? 'opened by' : 'opened by these changes together'}: ${c.cause.join('; ')}`);
  if (c.approximate.length > 0) lines.push(`${indent}approximate: ${c.approximate.join('; ')}`);
  if (g.count > 1) lines.push(`${indent}(${g.count - 1} more class${g.count === 2 ? '' : 'es'} of ${c.principal} × ${c.action} with the same decisions and deciding statements)`);
  return lines;
}

export function diffText(doc: DiffDocument): string {
  const lines = ['mq-policy diff', ...headline(doc), ''];
  if (doc.edits.length > 0) lines.push('edits between the revisions:', ...doc.edits.map((e) => `  ${e}`), '');
  for (const g of groups(doc)) lines.push(...groupLines(g, '  '), '');
  for (const p of doc.acceptanceProblems) lines.push(`accepted-changes.yaml: ${p}`);
  return `${lines.join('\n').trimEnd()}\n`;
}

/**
 * New allows when their full blocks do not fit: one line per action and cause, naming every principal
 * (nothing that grants access is cut; the requests are in the JSON output).
 */
function compactAllows(allowGroups: readonly Group[]): string[] {
  const byAction = new Map<string, { principals: Set<string>; classes: number; cause: string; accepted: boolean }>();
  for (const g of allowGroups) {
    const c = g.first;
    const cause = c.cause ? c.cause.join('; ') : '';
    const key = `${c.action}|${cause}|${c.accepted ? 'a' : ''}`;
    const e = byAction.get(key) ?? { principals: new Set<string>(), classes: 0, cause, accepted: c.accepted !== undefined };
    e.principals.add(c.principal);
    e.classes += g.count;
    byAction.set(key, e);
  }
  return [...byAction.entries()].map(([key, e]) => `- **${md(key.split('|')[0]!)}** newly allowed${e.accepted ? ' (accepted)' : ''} in ${e.classes} classes for ${e.principals.size} principal${e.principals.size === 1 ? '' : 's'}: ${md([...e.principals].join(', '))}${e.cause ? ` — opened by ${md(e.cause)}` : ''}`).concat(['', '_One request per class is in the JSON output (`--format json`)._']);
}

/** Markdown for summary.md and pull-request comments; new allows are never cut, other changes are when over `limit`. */
export function diffMarkdown(doc: DiffDocument, limit = 60_000): string {
  const head = ['## Access changes (`mq-policy diff`)', '', ...headline(doc).map((l) => `${md(l)}  `), ''];
  if (doc.edits.length > 0) head.push('<details><summary>Edits between the revisions</summary>', '', ...doc.edits.map((e) => `- ${md(e)}`), '', '</details>', '');
  const block = (g: Group): string => {
    const [first, ...rest] = groupLines(g, '');
    return [`- **${md(first!)}**`, ...rest.map((l) => `  - ${md(l)}`)].join('\n');
  };
  const all = groups(doc);
  let allows = all.filter((g) => g.first.newAllow).map(block);
  if ([...head, ...allows].join('\n').length > limit * 0.8) allows = compactAllows(all.filter((g) => g.first.newAllow));
  const others = all.filter((g) => !g.first.newAllow).map(block);
  let text = [...head, ...(allows.length > 0 ? ['### Newly allowed', '', ...allows, ''] : []), ...(others.length > 0 ? ['### Other changes', '', ...others, ''] : [])].join('\n');
  if (text.length > limit) {
    const kept: string[] = [];
    let size = [...head, ...allows].join('\n').length + 200;
    for (const o of others) {
      if (size + o.length > limit) break;
      kept.push(o);
      size += o.length + 1;
    }
    text = [...head, ...(allows.length > 0 ? ['### Newly allowed', '', ...allows, ''] : []), '### Other changes', '', ...kept, '', `_${others.length - kept.length} more groups of changes that grant nothing new are in the JSON output (\`--format json\`)._`, ''].join('\n');
  }
  for (const p of doc.acceptanceProblems) text += `\n> accepted-changes.yaml: ${md(p)}\n`;
  return text;
}
