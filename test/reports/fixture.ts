// Loads the frozen report fixture (see test/fixtures/reports/regenerate.sh) for the report tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMatrixJson, parseNdjson, type MatrixCell, type StoredStatement, type Waiver } from '../../src/reports';

export const FIXTURE_DIR = join(__dirname, '..', 'fixtures', 'reports');
const read = (name: string): string => readFileSync(join(FIXTURE_DIR, name), 'utf8');

export function fixtureEnvelopes(): unknown[] {
  const { envelopes, problems } = parseNdjson(read('run.ndjson'));
  if (problems.length > 0) throw new Error(`fixture run.ndjson is broken: ${problems.join('; ')}`);
  return envelopes;
}

export const fixtureStatements = (): StoredStatement[] => JSON.parse(read('statements.json')) as StoredStatement[];
export const fixtureWaivers = (): Waiver[] => JSON.parse(read('waivers.json')) as Waiver[];

export function fixtureCells(name: 'matrix-cells.json' | 'previous-matrix.json' = 'matrix-cells.json'): MatrixCell[] {
  const cells = parseMatrixJson(read(name));
  if (typeof cells === 'string') throw new Error(`${name}: ${cells}`);
  return cells;
}

export const HOSTILE = '<script>alert(1)</script>';
