import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readWaivers } from '../lint/waivers';
import { readDocumentBytes } from '../load';
import type { PolicyStore } from '../load/store-types';
import { computeMatrix, resourceClass } from '../matrix/compute';
import type { DecisionRecord } from '../model';
import { benchmarkSummary, parseMatrixJson, parseNdjson, type ReportInput, type StoredStatement, type Waiver } from '../reports';
import { reportMeta, writeReports } from './report';
import { write, type CliIo } from './io';

/** Every statement of the store as coverage names it (same kind/level/policy/index as the engine records). */
export function storedStatements(store: PolicyStore): StoredStatement[] {
  const levelOf = new Map<string, number>();
  store.scpLevels.forEach((l, i) => l.policies.forEach((p) => levelOf.set(p.name, i)));
  return [...store.policies.values()].flatMap((policy) =>
    policy.statements.map((s) => {
      const level = levelOf.get(policy.name);
      return {
        policy: policy.name,
        kind: policy.kind,
        ...(level !== undefined ? { level } : {}),
        ...(s.source.file !== undefined ? { file: s.source.file } : {}),
        ...(s.source.line !== undefined ? { line: s.source.line } : {}),
        statementIndex: s.index,
        ...(s.sid !== undefined ? { sid: s.sid } : {}),
        effect: s.effect,
        conditions: s.conditions.map((c) => ({ operator: c.operator, key: c.key, ...(c.source.line !== undefined ? { line: c.source.line } : {}) })),
      };
    }),
  );
}

/** Lint's waivers as the living document lists them. */
function storeWaivers(root: string): Waiver[] {
  const file = join(root, 'waivers.yaml');
  if (!existsSync(file)) return [];
  const doc = readDocumentBytes(readFileSync(file), 'yaml');
  if (!doc.ok) return [];
  return readWaivers('policies/waivers.yaml', doc.value, doc.positions).waivers.map((w) => ({
    code: w.code,
    location: `${w.file}${w.sid !== undefined ? ` (Sid ${w.sid})` : w.statement !== undefined ? ` (statement ${w.statement})` : ''}`,
    owner: w.owner,
    reason: w.reason,
    expires: w.expires,
  }));
}

/** What the reports take from the store itself: its statements (coverage), the matrix, the waivers, resource classes. */
export function storeReportInputs(store: PolicyStore, root: string): Pick<ReportInput, 'statements' | 'matrixCells' | 'waivers' | 'classOf'> {
  const classOf = (record: DecisionRecord): string | undefined => {
    const named = record.resourceName !== undefined ? store.resources.get(record.resourceName) : undefined;
    return record.resource === '*' ? '*' : named ? resourceClass(named, 'environment') : undefined;
  };
  return { statements: storedStatements(store), matrixCells: computeMatrix(store).cells, waivers: storeWaivers(root), classOf };
}

export interface RunReportOptions {
  readonly store: PolicyStore;
  readonly root: string;
  readonly outDir: string;
  readonly coverageThreshold?: number;
  /** The run's messages when the caller holds them already (a merged parallel run), so they are not read again. */
  readonly envelopes?: ReturnType<typeof parseNdjson>['envelopes'];
}

/**
 * After a run: the living document, summary, coverage and access matrix, all from the recorded
 * messages plus the store (statements for coverage, matrix computed by the engine). Returns the
 * coverage gate's verdict when a threshold was given.
 */
export async function writeRunReports(options: RunReportOptions, io: CliIo): Promise<{ gatePassed: boolean }> {
  const messages = join(options.outDir, 'cucumber.ndjson');
  if (!options.envelopes && !existsSync(messages)) return { gatePassed: true };
  const { envelopes, problems } = options.envelopes ? { envelopes: options.envelopes, problems: [] as string[] } : parseNdjson(readFileSync(messages, 'utf8'));
  const previousFile = join(options.outDir, 'access-matrix.json');
  const previous = existsSync(previousFile) ? parseMatrixJson(readFileSync(previousFile, 'utf8')) : undefined;
  const benchFile = join(options.outDir, 'bench.json');
  let benchmark: ReturnType<typeof benchmarkSummary>;
  try {
    benchmark = existsSync(benchFile) ? benchmarkSummary(JSON.parse(readFileSync(benchFile, 'utf8'))) : undefined;
  } catch {
    benchmark = undefined; // a half-written or foreign bench.json is simply not shown
  }
  const built = writeReports({
    envelopes,
    outDir: options.outDir,
    env: io.env,
    meta: { ...reportMeta(io.cwd, io.env), ...(benchmark ? { benchmark } : {}) },
    ...storeReportInputs(options.store, options.root),
    ...(Array.isArray(previous) ? { previousMatrix: previous } : {}),
    ...(options.coverageThreshold !== undefined ? { coverageThreshold: options.coverageThreshold } : {}),
  });
  for (const p of [...problems, ...built.run.problems]) await write(io.stderr, `mq-policy test: warning: ${p}\n`);
  await write(io.stdout, `reports: ${built.written.map((f) => f.replace(`${io.cwd}/`, '')).join(', ')}\n`);
  if (built.gate) await write(built.gate.pass ? io.stdout : io.stderr, `${built.gate.message}\n`);
  return { gatePassed: built.gate?.pass ?? true };
}
