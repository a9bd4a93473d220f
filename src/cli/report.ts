import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { catalogVersion } from '../catalog';
import {
  buildReports,
  parseCoverageThreshold,
  parseMatrixJson,
  parseNdjson,
  type BuiltReports,
  type MatrixCell,
  type ReportInput,
  type ReportMeta,
  type StoredStatement,
  type Waiver,
} from '../reports';
import { EXIT, UsageError, write, type CliIo, type ExitCode } from './io';
import { describeStore, locate, type Locations } from './locations';
import { loadPolicyStore, type PolicyStore } from '../load';
import { reportStoreDiagnostics } from './store-diagnostics';
import { storeReportInputs } from './run-reports';
import { OWN_REPORT_FILES } from './report-files';
import { loadBaseline, type Baseline } from './baseline';
import { computeMatrix } from '../matrix/compute';
import { baselineAccessDiff } from './baseline-diff';
import { mutationFromFile, sha256 } from './mutation-evidence';
import { storeHashes } from './store-hash';

/**
 * `mq-policy report`: rebuilds reports/ from a recorded run. `mq-policy test` and `mq-policy matrix` call
 * writeReports() and matrixOutput() directly; this module is the only report code that touches files.
 */

export { matrixOutput, coverageGate, parseCoverageThreshold } from '../reports';

export interface WriteReportsOptions extends ReportInput {
  readonly outDir: string;
  /** Process environment; `GITHUB_STEP_SUMMARY` set means summary.md is appended to that file too. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Writes index.html, summary.md, coverage.json (and the matrix files when cells are given) into outDir. */
export function writeReports(options: WriteReportsOptions): BuiltReports & { readonly written: readonly string[] } {
  const built = buildReports(options);
  mkdirSync(options.outDir, { recursive: true });
  // A report this build does not write (matrix-changes.md without a baseline…) must not survive from an earlier run.
  for (const name of OWN_REPORT_FILES) if (built.files[name] === undefined) rmSync(join(options.outDir, name), { force: true });
  const written: string[] = [];
  for (const [name, content] of Object.entries(built.files)) {
    const path = join(options.outDir, name);
    writeFileSync(path, content);
    written.push(path);
  }
  const stepSummary = options.env?.['GITHUB_STEP_SUMMARY'];
  const summary = built.files['summary.md'];
  if (stepSummary !== undefined && stepSummary !== '' && summary !== undefined) appendFileSync(stepSummary, `${summary}\n`);
  return { ...built, written };
}

/** Run facts that are not in the messages: commit (CI variable or git) and catalog data version. */
export function reportMeta(cwd: string, env: Readonly<Record<string, string | undefined>>): ReportMeta {
  const commit = env['GITHUB_SHA'] ?? gitCommit(cwd);
  return { catalogVersion: catalogVersion(), ...(commit !== undefined ? { commit } : {}) };
}

function gitCommit(cwd: string): string | undefined {
  const r = spawnSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const out = r.status === 0 ? r.stdout.trim() : '';
  if (out === '') return undefined;
  const dirty = spawnSync('git', ['status', '--porcelain'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return dirty.status === 0 && dirty.stdout.trim() !== '' ? `${out} (with uncommitted changes)` : out;
}

interface ReportArgs {
  baseline?: string;
  in: string;
  out: string;
  statements?: string;
  matrix?: string;
  waivers?: string;
  previousMatrix?: string;
  threshold?: number;
}

const VALUE_OPTIONS: Record<string, keyof ReportArgs> = {
  '--in': 'in',
  '--out': 'out',
  '--statements': 'statements',
  '--matrix': 'matrix',
  '--waivers': 'waivers',
  '--previous-matrix': 'previousMatrix',
  '--baseline': 'baseline',
};

export const REPORT_USAGE =
  'report [--store DIR] [--in reports/cucumber.ndjson] [--out reports/] [--statements FILE] [--matrix FILE] [--waivers FILE] [--previous-matrix FILE | --baseline REV] [--coverage-threshold N]';

function parseArgs(args: readonly string[]): ReportArgs {
  const parsed: ReportArgs = { in: 'reports/cucumber.ndjson', out: 'reports' };
  for (let i = 0; i < args.length; i += 1) {
    const flag = args[i] ?? '';
    const value = args[i + 1];
    if (flag === '--coverage-threshold') {
      if (value === undefined) throw new UsageError('--coverage-threshold needs a percentage');
      const t = parseCoverageThreshold(value);
      if (typeof t === 'string') throw new UsageError(t);
      parsed.threshold = t;
      i += 1;
      continue;
    }
    const key = VALUE_OPTIONS[flag];
    if (key === undefined) throw new UsageError(`unknown option \`${flag}\` for report; usage: mq-policy ${REPORT_USAGE}`);
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a file or folder`);
    (parsed as unknown as Record<string, string>)[key] = value;
    i += 1;
  }
  return parsed;
}

/** A user-supplied input file; a missing or unreadable one is one clear line, never a stack trace. */
function readInput(cwd: string, file: string, what: string): string {
  const path = resolve(cwd, file);
  if (!existsSync(path)) throw new InputError(`${file}: no such file (${what})`);
  return readFileSync(path, 'utf8');
}

class InputError extends Error {}

function readJsonList<T>(text: string, file: string, key: string): T[] {
  let value: unknown;
  try {
    value = file.endsWith('.yaml') || file.endsWith('.yml') ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file}: cannot be read: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  const list = Array.isArray(value) ? value : (value as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(list)) throw new InputError(`${file}: expected a list, or an object with a \`${key}\` list`);
  return list as T[];
}

/** Waivers as lint keeps them; `expiry` is accepted as another spelling of `expires`. */
function readWaivers(text: string, file: string): Waiver[] {
  return readJsonList<Record<string, unknown>>(text, file, 'waivers').map((w, i) => {
    const field = (k: string): string => {
      const v = w[k] ?? (k === 'expires' ? w['expiry'] : undefined);
      if (typeof v !== 'string' && !(v instanceof Date)) throw new InputError(`${file}: waiver ${i + 1} has no \`${k}\``);
      return v instanceof Date ? v.toISOString().slice(0, 10) : v;
    };
    return { code: field('code'), location: field('location'), owner: field('owner'), reason: field('reason'), expires: field('expires') };
  });
}

export async function reportCommand(allArgs: readonly string[], io: CliIo): Promise<ExitCode> {
  // The store, when named (--store or MQ_POLICY_STORE), gives statements, matrix and waivers; flags for those files still win.
  const { locations, rest } = locate(allArgs, io.env, io.cwd, ['store'], 'report');
  const a = parseArgs(rest);
  const fromStore = locations.storeOrigin !== 'default' ? await storeInputs(locations, io) : undefined;
  if (fromStore === 'invalid') return EXIT.invalidInput;
  try {
    const recorded = readInput(io.cwd, a.in, 'the Cucumber messages of a run; run `mq-policy test` first');
    const { envelopes, problems } = parseNdjson(recorded);
    if (envelopes.length === 0) throw new InputError(`${a.in}: no Cucumber messages in it`);
    const fromRevision = a.baseline !== undefined ? revisionBaseline(locations, a.baseline, io) : undefined;
    const matrixCells = a.matrix !== undefined ? readMatrix(readInput(io.cwd, a.matrix, 'access-matrix cells'), a.matrix) : fromStore?.matrixCells ? undefined : fromRevision?.currentCells;
    const previousMatrix = a.previousMatrix !== undefined ? readMatrix(readInput(io.cwd, a.previousMatrix, 'previous access matrix'), a.previousMatrix) : undefined;
    const baseline = fromRevision ? fromRevision.baseline : previousMatrix ? { label: a.previousMatrix!, cells: previousMatrix } : undefined;
    const statements = a.statements !== undefined ? readJsonList<StoredStatement>(readInput(io.cwd, a.statements, 'statement list'), a.statements, 'statements') : undefined;
    const waivers = a.waivers !== undefined ? readWaivers(readInput(io.cwd, a.waivers, 'waivers'), a.waivers) : undefined;
    // The same access diff as `mq-policy test --baseline REV`, from the baseline store already read for the matrix.
    const accessDiff = fromRevision ? await baselineAccessDiff(fromRevision.baseline.store, fromRevision.current, locations.store, a.baseline!, fromRevision.baseline.label, io.cwd, new Date().toISOString().slice(0, 10)) : undefined;
    // mutation.json of `mq-policy mutate` counts only for the store (when one is named) and the run it was computed on.
    const storeSha = existsSync(locations.store) ? storeHashes(locations.store, io.cwd).sha256 : undefined;
    const mutation = mutationFromFile(dirname(resolve(io.cwd, a.in)), storeSha, sha256(recorded));
    const built = writeReports({
      envelopes,
      outDir: resolve(io.cwd, a.out),
      env: io.env,
      meta: reportMeta(io.cwd, io.env),
      ...(fromStore ?? {}),
      ...(statements ? { statements } : {}),
      ...(matrixCells ? { matrixCells } : {}),
      ...(baseline ? { baseline: { label: baseline.label, cells: baseline.cells } } : {}),
      ...(baseline && 'changedStatements' in baseline ? { changedStatements: baseline.changedStatements } : {}),
      ...(waivers ? { waivers } : {}),
      ...(a.threshold !== undefined ? { coverageThreshold: a.threshold } : {}),
      ...(accessDiff ? { accessDiff } : {}),
      mutation,
    });
    for (const p of [...problems.map((p) => `${a.in} ${p}`), ...built.run.problems]) await write(io.stderr, `mq-policy: warning: ${p}\n`);
    await write(io.stdout, `wrote ${built.written.join(', ')}\n`);
    if (built.gate) await write(built.gate.pass ? io.stdout : io.stderr, `${built.gate.message}\n`);
    for (const p of accessDiff?.invalidAcceptances ?? []) await write(io.stderr, `mq-policy report: error: ${p}\n`);
    if (built.accessDiffGate) await write(built.accessDiffGate.pass ? io.stdout : io.stderr, `${built.accessDiffGate.message} (over every request class)\n`);
    if ((accessDiff?.invalidAcceptances.length ?? 0) > 0) return EXIT.invalidInput;
    return (built.gate && !built.gate.pass) || (built.accessDiffGate && !built.accessDiffGate.pass) ? EXIT.expectationFailed : EXIT.ok;
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    await write(io.stderr, `mq-policy: ${err.message}\n`);
    return EXIT.usage;
  }
}

/**
 * `--baseline REV`: the access matrix of the store (--store, MQ_POLICY_STORE or policies/) at a git revision,
 * read from git; compared with `--matrix`, or with the current store's matrix.
 */
function revisionBaseline(locations: Locations, rev: string, io: CliIo): { baseline: Baseline; currentCells: MatrixCell[]; current: PolicyStore } {
  const current = loadPolicyStore(locations.store).store;
  if (!current) throw new InputError(`--baseline ${rev}: the policy store ${describeStore(locations)} is invalid; run \`mq-policy test\` to see why`);
  const b = loadBaseline({ kind: 'revision', rev }, locations.store, io.cwd, current);
  if (!b) throw new InputError(`--baseline ${rev}: no baseline`);
  if ('problem' in b) throw new InputError(b.problem);
  return { baseline: b, currentCells: computeMatrix(current).cells, current };
}

async function storeInputs(locations: Locations, io: CliIo): Promise<ReturnType<typeof storeReportInputs> | 'invalid'> {
  const loaded = loadPolicyStore(locations.store);
  const errors = await reportStoreDiagnostics(loaded, io);
  if (!loaded.store || errors > 0) {
    await write(io.stderr, `mq-policy report: the policy store ${describeStore(locations)} is invalid (${errors} error${errors === 1 ? '' : 's'})\n`);
    return 'invalid';
  }
  return storeReportInputs(loaded.store, locations.store);
}

function readMatrix(text: string, file: string): MatrixCell[] {
  const cells = parseMatrixJson(text);
  if (typeof cells === 'string') throw new InputError(`${file}: ${cells}`);
  return cells;
}
