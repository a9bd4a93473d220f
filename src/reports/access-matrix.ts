import { isStatement, statementKey, statementLabel } from './coverage';
import { csvField, esc, md, slug } from './escape';
import type { MatrixCell } from './inputs';

/**
 * The access matrix: principals × Amazon MQ actions × resource classes. Cells are computed by the CLI
 * (store + engine); this module only orders, links and prints them.
 */

export type MatrixFormat = 'html' | 'csv' | 'json' | 'md';
export const MATRIX_FORMATS: readonly MatrixFormat[] = ['html', 'csv', 'json', 'md'];

const WORDS: Record<MatrixCell['outcome'], string> = {
  Allowed: 'allowed',
  ExplicitDeny: 'explicitly denied',
  ImplicitDeny: 'implicitly denied',
  CannotDecide: 'cannot decide',
};
/** CSS class and filter value of each outcome. */
const CODES: Record<MatrixCell['outcome'], string> = { Allowed: 'allow', ExplicitDeny: 'explicit', ImplicitDeny: 'implicit', CannotDecide: 'cannot' };

export function outcomeWord(outcome: MatrixCell['outcome']): string {
  return WORDS[outcome];
}

export function outcomeCode(outcome: MatrixCell['outcome']): string {
  return CODES[outcome];
}

/** Anchor of a (principal, action) row of the living document's access matrix. */
export function matrixRowAnchor(principal: string, action: string): string {
  return `mx-${slug(principal)}-${slug(action)}`;
}

/** Anchor of a statement in the living document's coverage table. */
export function statementAnchor(s: Parameters<typeof statementKey>[0]): string {
  return `st-${slug(statementKey(s))}`;
}

const cellKey = (c: Pick<MatrixCell, 'principal' | 'action' | 'resourceClass'>): string => `${c.principal}\u0000${c.action}\u0000${c.resourceClass}`;

/** Cells in a stable order (principal, action, resource class), so outputs diff cleanly between runs. */
export function sortCells(cells: readonly MatrixCell[]): MatrixCell[] {
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...cells].sort((a, b) => cmp(a.principal, b.principal) || cmp(a.action, b.action) || cmp(a.resourceClass, b.resourceClass));
}

/**
 * What grants an allowed cell: the identity (and session) statements that allow it. SCPs and boundaries only
 * permit, so they are named only when nothing else is recorded.
 */
export function grantingText(determining: MatrixCell['determining']): string {
  const grants = determining.filter((d) => isStatement(d) && (d.kind === 'identity' || d.kind === 'session'));
  return determiningText(grants.length > 0 ? grants : determining);
}

/** What decided a cell, in words: statements with file and line, or the layer that did not allow. */
export function determiningText(determining: MatrixCell['determining']): string {
  return determining.map((d) => (isStatement(d) ? statementLabel(d) : `no allow in ${d.layer}${d.level !== undefined ? ` level ${d.level}` : ''}`)).join('; ');
}

export function matrixCsv(cells: readonly MatrixCell[]): string {
  const header = ['principal', 'action', 'resource_class', 'resource', 'outcome', 'determining', 'asserted_by'];
  const rows = sortCells(cells).map((c) =>
    [c.principal, c.action, c.resourceClass, c.resource, outcomeWord(c.outcome), determiningText(c.determining), c.assertedBy.map((a) => a.scenario).join('; ')]
      .map(csvField)
      .join(','),
  );
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`;
}

export const MATRIX_JSON_FORMAT = 'mq-policy-access-matrix/1';

export function matrixJson(cells: readonly MatrixCell[]): string {
  return `${JSON.stringify({ format: MATRIX_JSON_FORMAT, cells: sortCells(cells) }, null, 2)}\n`;
}

/** Reads a previous `access-matrix.json` (or a bare array of cells); a problem line when it is not one. */
export function parseMatrixJson(text: string): MatrixCell[] | string {
  try {
    const v = JSON.parse(text) as unknown;
    const cells = Array.isArray(v) ? v : (v as { cells?: unknown } | null)?.cells;
    if (!Array.isArray(cells)) return 'not an access matrix: expected {"cells": [...]}';
    const bad = cells.findIndex((c: Partial<MatrixCell> | null) => typeof c?.principal !== 'string' || typeof c.action !== 'string' || typeof c.resourceClass !== 'string' || typeof c.outcome !== 'string');
    if (bad >= 0) return `not an access matrix: cell ${bad} lacks principal, action, resourceClass or outcome`;
    return (cells as MatrixCell[]).map((c) => ({ ...c, determining: c.determining ?? [], assertedBy: c.assertedBy ?? [], resource: c.resource ?? '*' }));
  } catch {
    return 'not an access matrix: not JSON';
  }
}

/** Columns (resource classes) and rows (principal, action) in first-seen order of the sorted cells. */
function layout(cells: readonly MatrixCell[]) {
  const sorted = sortCells(cells);
  const classes = [...new Set(sorted.map((c) => c.resourceClass))];
  const rows = new Map<string, { principal: string; action: string; cells: Map<string, MatrixCell> }>();
  for (const c of sorted) {
    const k = `${c.principal}\u0000${c.action}`;
    const row = rows.get(k) ?? { principal: c.principal, action: c.action, cells: new Map<string, MatrixCell>() };
    row.cells.set(c.resourceClass, c);
    rows.set(k, row);
  }
  return { classes, rows: [...rows.values()] };
}

export function matrixMarkdown(cells: readonly MatrixCell[]): string {
  if (cells.length === 0) return '_No access matrix cells._\n';
  const { classes, rows } = layout(cells);
  const head = `| principal | action | ${classes.map(md).join(' | ')} |`;
  const rule = `|---|---|${classes.map(() => '---').join('|')}|`;
  const body = rows.map((r) => {
    const tds = classes.map((k) => {
      const c = r.cells.get(k);
      if (!c) return '';
      const word = outcomeWord(c.outcome);
      return c.assertedBy.length === 0 ? `_${word}_` : word;
    });
    return `| ${md(r.principal)} | ${md(r.action)} | ${tds.join(' | ')} |`;
  });
  return `${[head, rule, ...body].join('\n')}\n\n_Italic: no scenario asserts this cell._\n`;
}

export interface MatrixHtmlOptions {
  /** Statement anchors that exist in the document; determining statements link only to these. */
  readonly linkable?: ReadonlySet<string>;
}

/** An HTML fragment (a `<table>`), self-contained apart from the living document's stylesheet classes. */
export function matrixHtml(cells: readonly MatrixCell[], options: MatrixHtmlOptions = {}): string {
  if (cells.length === 0) return '<p class="empty">No access matrix cells were given.</p>';
  const { classes, rows } = layout(cells);
  const head = `<thead><tr><th scope="col">Principal</th><th scope="col">Action</th>${classes.map((k) => `<th scope="col">${esc(k)}</th>`).join('')}</tr></thead>`;
  const body = rows.map((r) => {
    const outcomes = new Set<string>();
    let unasserted = false;
    const tds = classes.map((k) => {
      const c = r.cells.get(k);
      if (!c) return '<td class="none">—</td>';
      outcomes.add(outcomeCode(c.outcome));
      if (c.assertedBy.length === 0) unasserted = true;
      return cellHtml(c, options);
    });
    const data = `data-principal="${esc(r.principal)}" data-action="${esc(r.action)}" data-outcomes="${[...outcomes].join(' ')}" data-unasserted="${unasserted}"`;
    return `<tr id="${matrixRowAnchor(r.principal, r.action)}" ${data}><th scope="row">${esc(r.principal)}</th><td class="act">${esc(r.action)}</td>${tds.join('')}</tr>`;
  });
  return `<table class="matrix">${head}<tbody>${body.join('\n')}</tbody></table>`;
}

function cellHtml(c: MatrixCell, options: MatrixHtmlOptions): string {
  const word = outcomeWord(c.outcome);
  const unasserted = c.assertedBy.length === 0;
  // Row and column already name the principal, action and class: the tooltip adds only the why.
  const resource = c.resource === '*' || c.resourceClass.includes(':') ? '' : ` (${c.resource.split(':').slice(-2).join(':')})`;
  const title = `${word}${resource}; ${determiningText(c.determining) || 'no determining statement'}${unasserted ? '' : `; asserted by ${c.assertedBy.map((a) => a.scenario).join('; ')}`}`;
  const first = c.determining.find(isStatement);
  const anchor = first ? statementAnchor(first) : undefined;
  const label = anchor !== undefined && options.linkable?.has(anchor) !== false ? `<a href="#${anchor}">${word}</a>` : word;
  const asserts = c.assertedBy
    .map((a, i) => {
      const mark = a.passed === false ? '✗' : '✓';
      return a.anchor !== undefined ? `<a class="as" href="#${esc(a.anchor)}">${mark}${i + 1}</a>` : `<span class="as">${mark}${i + 1}</span>`;
    })
    .join(' ');
  // Related evidence is linked, with its difference in the tooltip, and never counts as asserting the cell.
  const related = (c.related ?? [])
    .map((r, i) => {
      const why = `${r.scenario}: ${outcomeWord(r.outcome)}; differs: ${r.differences.join('; ')}`;
      return r.anchor !== undefined ? `<a class="rel" href="#${esc(r.anchor)}" title="${esc(why)}">~${i + 1}</a>` : `<span class="rel" title="${esc(why)}">~${i + 1}</span>`;
    })
    .join(' ');
  const tail = `${unasserted ? '<span class="un">unasserted</span>' : asserts}${related !== '' ? ` ${related}` : ''}`;
  return `<td class="o-${outcomeCode(c.outcome)}${unasserted ? ' unasserted' : ''}" title="${esc(title)}">${label} ${tail}</td>`;
}

/** Column groups of the printed matrix: each page shows the principal and action and this many classes. */
export const PRINT_COLUMNS_PER_TABLE = 4;

/**
 * The matrix for paper: one table per group of resource-class columns, each repeating the principal and
 * action columns and (through `thead`) its header row on every page, so no column is cut at the page edge.
 */
export function matrixPrintHtml(cells: readonly MatrixCell[]): string {
  if (cells.length === 0) return '';
  const { classes, rows } = layout(cells);
  const groups: string[][] = [];
  for (let i = 0; i < classes.length; i += PRINT_COLUMNS_PER_TABLE) groups.push(classes.slice(i, i + PRINT_COLUMNS_PER_TABLE));
  const tables = groups.map((group, g) => {
    const head = `<thead><tr><th>Principal</th><th>Action</th>${group.map((k) => `<th>${esc(k)}</th>`).join('')}</tr></thead>`;
    const body = rows
      .filter((r) => group.some((k) => r.cells.has(k)))
      .map((r) => `<tr><th>${esc(r.principal)}</th><td>${esc(r.action)}</td>${group.map((k) => {
        const c = r.cells.get(k);
        return c ? `<td class="o-${outcomeCode(c.outcome)}">${outcomeWord(c.outcome)}${c.assertedBy.length > 0 ? ' ✓' : ''}</td>` : '<td>—</td>';
      }).join('')}</tr>`)
      .join('');
    return `<h3>Access matrix, columns ${g * PRINT_COLUMNS_PER_TABLE + 1}–${g * PRINT_COLUMNS_PER_TABLE + group.length} of ${classes.length}</h3><table class="matrix-p">${head}<tbody>${body}</tbody></table>`;
  });
  return `<div class="matrix-print">${tables.join('\n')}</div>`;
}

export function matrixOutput(cells: readonly MatrixCell[], format: MatrixFormat): string {
  switch (format) {
    case 'csv':
      return matrixCsv(cells);
    case 'json':
      return matrixJson(cells);
    case 'md':
      return matrixMarkdown(cells);
    case 'html':
      return `${matrixHtml(cells)}\n`;
  }
}

export interface MatrixChange {
  readonly principal: string;
  readonly action: string;
  readonly resourceClass: string;
  /** Absent when the cell is new (before) or gone (after). */
  readonly before?: MatrixCell['outcome'];
  readonly after?: MatrixCell['outcome'];
  /** What decides the cell now (for a new allow: the statements that grant it). */
  readonly determining?: MatrixCell['determining'];
}

/** Cells whose outcome changed, appeared or disappeared since a previous matrix. */
/** The class a per-resource cell was split from (`brokers environment=dev: legacy-us` → `brokers environment=dev`). */
function parentClass(label: string): string | undefined {
  if (label.endsWith(']')) return undefined;
  const at = label.lastIndexOf(': ');
  return at > 0 ? label.slice(0, at) : undefined;
}

export function diffMatrix(previous: readonly MatrixCell[], current: readonly MatrixCell[]): MatrixChange[] {
  const before = new Map(previous.map((c) => [cellKey(c), c]));
  const after = new Map(current.map((c) => [cellKey(c), c]));
  // A class that split into per-resource cells (or joined back) is compared resource by resource with the
  // whole-class cell on the other side, so a split reads as `explicitly denied → allowed`, not as a new cell.
  const children = (m: Map<string, MatrixCell>): Set<string> => new Set([...m.values()].flatMap((c) => (parentClass(c.resourceClass) !== undefined ? [cellKey({ ...c, resourceClass: parentClass(c.resourceClass)! })] : [])));
  const splitBefore = children(before);
  const splitAfter = children(after);
  const lookup = (m: Map<string, MatrixCell>, c: MatrixCell): MatrixCell | undefined => {
    const own = m.get(cellKey(c));
    if (own) return own;
    const parent = parentClass(c.resourceClass);
    return parent !== undefined ? m.get(cellKey({ ...c, resourceClass: parent })) : undefined;
  };
  const changes: MatrixChange[] = [];
  for (const c of sortCells([...current, ...previous.filter((p) => !after.has(cellKey(p)))])) {
    const k = cellKey(c);
    // A whole-class cell on one side whose class is split on the other: its pieces carry the comparison.
    if ((!after.has(k) && splitAfter.has(k)) || (!before.has(k) && splitBefore.has(k))) continue;
    const b = lookup(before, c)?.outcome;
    const now = lookup(after, c);
    const a = now?.outcome;
    if (a === b) continue;
    changes.push({ principal: c.principal, action: c.action, resourceClass: c.resourceClass, ...(b !== undefined ? { before: b } : {}), ...(a !== undefined ? { after: a } : {}), ...(now ? { determining: now.determining } : {}) });
  }
  return changes;
}
