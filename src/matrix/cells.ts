import type { DecisionRecord } from '../model';

/**
 * One cell of the access matrix: what a principal may do with an action on a class of resources
 * (brokers by environment tag, configurations, or `*` for actions that take no resource). A class
 * whose resources do not all get the same answer is never summarised: it is split into one cell
 * per resource, so a cell never claims more than was decided.
 */
export interface MatrixCell {
  readonly principal: string;
  readonly action: string;
  readonly resourceClass: string;
  /** A representative resource of the class (its ARN), or `*`. */
  readonly resource: string;
  /** How many resources of the class the cell stands for. */
  readonly resources: number;
  readonly outcome: DecisionRecord['outcome'];
  readonly determining: DecisionRecord['determining'];
}

/** A whole matrix or one shard of it, as `mq-policy matrix --format json` writes it. */
export interface MatrixDocument {
  readonly kind: 'mq-policy-access-matrix';
  readonly shard?: { readonly index: number; readonly count: number };
  readonly classKey: string;
  readonly principals: readonly string[];
  readonly actions: readonly string[];
  readonly decisions: number;
  readonly cells: readonly MatrixCell[];
}

export function compareCells(a: MatrixCell, b: MatrixCell): number {
  return a.principal.localeCompare(b.principal) || a.action.localeCompare(b.action) || a.resourceClass.localeCompare(b.resourceClass);
}

/** Joins the shards of one matrix (the way Cucumber's shards are joined): every principal once. */
export function mergeMatrices(parts: readonly MatrixDocument[]): MatrixDocument | { readonly error: string } {
  if (parts.length === 0) return { error: 'nothing to merge' };
  const first = parts[0]!;
  const seen = new Set<string>();
  for (const part of parts) {
    if (part.classKey !== first.classKey) return { error: `shards were computed with different class keys (\`${first.classKey}\`, \`${part.classKey}\`)` };
    for (const p of part.principals) {
      if (seen.has(p)) return { error: `principal \`${p}\` is in more than one shard` };
      seen.add(p);
    }
  }
  return {
    kind: 'mq-policy-access-matrix',
    classKey: first.classKey,
    principals: parts.flatMap((p) => p.principals).sort(),
    actions: [...new Set(parts.flatMap((p) => p.actions))].sort(),
    decisions: parts.reduce((n, p) => n + p.decisions, 0),
    cells: parts.flatMap((p) => p.cells).sort(compareCells),
  };
}
