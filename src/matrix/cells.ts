import type { MatrixCell } from '../reports';
import { MATRIX_JSON_FORMAT } from '../reports';

/** A whole matrix or one shard of it, as `mq-policy matrix --format json` writes it. */
export interface MatrixDocument {
  readonly format: typeof MATRIX_JSON_FORMAT;
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

/** Joins the shards of one matrix (as Cucumber's shards are joined): every principal exactly once. */
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
    format: MATRIX_JSON_FORMAT,
    classKey: first.classKey,
    principals: parts.flatMap((p) => p.principals).sort(),
    actions: [...new Set(parts.flatMap((p) => p.actions))].sort(),
    decisions: parts.reduce((n, p) => n + p.decisions, 0),
    cells: parts.flatMap((p) => p.cells).sort(compareCells),
  };
}
