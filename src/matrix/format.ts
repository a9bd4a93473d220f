import { MATRIX_FORMATS, matrixOutput, type MatrixFormat } from '../reports';
import { compareCells, type MatrixDocument } from './cells';

export { MATRIX_FORMATS, type MatrixFormat };

/** JSON keeps the shard metadata `--merge` needs; the other formats are the report builders' tables. */
export function formatMatrix(doc: MatrixDocument, format: MatrixFormat): string {
  if (format === 'json') return `${JSON.stringify({ ...doc, cells: [...doc.cells].sort(compareCells) }, null, 1)}\n`;
  return matrixOutput(doc.cells, format);
}
