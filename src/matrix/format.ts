import { MATRIX_FORMATS, matrixOutput, type MatrixFormat } from '../reports';
import { compareCells, type MatrixDocument } from './cells';

export { MATRIX_FORMATS, type MatrixFormat };

/** JSON keeps the shard metadata `--merge` needs; the other formats are the report builders' tables. */
export function formatMatrix(doc: MatrixDocument, format: MatrixFormat): string {
  return [...formatMatrixChunks(doc, format)].join('');
}

/** Cells per chunk of JSON output. */
const CELLS_PER_CHUNK = 2000;

/**
 * The same text as formatMatrix, in pieces: an organization's matrix is tens of megabytes of JSON, and
 * writing it piece by piece keeps the whole string (and its copies) out of memory. The JSON is exactly
 * `JSON.stringify(doc, null, 1)` with the cells sorted: the document without its cells, then each cell
 * stringified alone and indented to its depth.
 */
export function* formatMatrixChunks(doc: MatrixDocument, format: MatrixFormat): Generator<string> {
  if (format !== 'json') {
    yield matrixOutput(doc.cells, format);
    return;
  }
  const cells = [...doc.cells].sort(compareCells);
  if (cells.length === 0) {
    yield `${JSON.stringify({ ...doc, cells }, null, 1)}\n`;
    return;
  }
  const shell = JSON.stringify({ ...doc, cells: [0] }, null, 1);
  const at = shell.lastIndexOf('  0');
  yield shell.slice(0, at);
  for (let i = 0; i < cells.length; i += CELLS_PER_CHUNK) {
    let chunk = '';
    for (let j = i; j < Math.min(cells.length, i + CELLS_PER_CHUNK); j++) {
      chunk += `${j > 0 ? ',\n' : ''}  ${JSON.stringify(cells[j], null, 1).replace(/\n/g, '\n  ')}`;
    }
    yield chunk;
  }
  yield `${shell.slice(at + 3)}\n`;
}
