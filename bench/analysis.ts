/**
 * Workload 6: the analyses over every request. `diff` of a store against a one-statement change, `analyze`
 * and `mutate` of the shipped store and suite, then `diff` and `analyze` of the generated 1,000-principal
 * organization with worker threads; `lint` of the shipped store with and without its store-wide checks. Each is one process run of the compiled CLI; the baseline is
 * `mq-policy --version` (process start) measured in the same run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { writeOrg } from './org';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'mq-policy.js');

/** Wall-clock seconds, and CPU seconds (user + system, all threads) from GNU time when it is installed. */
export interface Timing {
  readonly seconds: number;
  readonly cpuSeconds?: number;
}

const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function timed(args: readonly string[], cwd = ROOT, okCodes: readonly number[] = [0, 2]): Timing {
  const started = process.hrtime.bigint();
  const command = GNU_TIME ? [GNU_TIME, '-f', 'cpu %U %S', process.execPath, BIN, ...args] : [process.execPath, BIN, ...args];
  const r = spawnSync(command[0]!, command.slice(1), { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status === null || !okCodes.includes(r.status)) throw new Error(`mq-policy ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-800)}`);
  const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { seconds, ...(m ? { cpuSeconds: Number(m[1]) + Number(m[2]) } : {}) };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'b@b' } }).trim();
}

/** A git repository holding `store`, with a second commit that drops one action from one Deny. */
function repoWithOneChange(dir: string, fill: (policies: string) => void, file: string, from: string, to: string): { base: string; head: string; store: string } {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const store = join(dir, 'policies');
  fill(store);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  const base = git(dir, 'rev-parse', 'HEAD');
  const path = join(store, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`bench: ${file} does not contain ${from}`);
  writeFileSync(path, text.replace(from, to));
  git(dir, 'commit', '-qam', 'one statement changed');
  return { base, head: git(dir, 'rev-parse', 'HEAD'), store };
}

export interface AnalysisFigures {
  /** `mq-policy --version`, fastest of three: the floor every command pays. */
  readonly start: Timing;
  readonly shipped: { readonly diff: Timing; readonly analyze: Timing; readonly mutate: Timing; readonly lint: Timing; readonly lintWithoutAnalysis: Timing };
  readonly organization: { readonly principals: number; readonly brokers: number; readonly workers: number; readonly diff: Timing; readonly analyze: Timing };
}

export function benchAnalysis(principals = 1000): AnalysisFigures {
  const tmp = join(ROOT, '.tmp', 'analysis');
  const start = [0, 1, 2].map(() => timed(['--version'])).sort((a, b) => a.seconds - b.seconds)[0]!;
  const shipped = repoWithOneChange(join(tmp, 'shipped'), (p) => cpSync(join(ROOT, 'policies'), p, { recursive: true }), 'identity/deny-production-changes.json', '"mq:RebootBroker",\n', '');
  const diff = timed(['diff', '--store', shipped.store, '--base', shipped.base, '--head', shipped.head, '--format', 'json', '--out', join(tmp, 'shipped-diff.json')]);
  const analyze = timed(['analyze', '--store', join(ROOT, 'policies'), '--format', 'json', '--out', join(tmp, 'shipped-analyze.json')]);
  // mutate replays the last recorded run; record one first when there is none.
  if (!existsSync(join(ROOT, 'reports', 'cucumber.ndjson'))) timed(['test'], ROOT, [0]);
  const mutate = timed(['mutate', '--store', join(ROOT, 'policies'), '--format', 'json', '--out', join(tmp, 'shipped-mutate.json')]);
  // What the store-wide checks add to lint: the same lint with and without them.
  const lint = timed(['lint', '--store', join(ROOT, 'policies')], ROOT, [0, 3]);
  const lintWithoutAnalysis = timed(['lint', '--store', join(ROOT, 'policies'), '--no-analysis'], ROOT, [0, 3]);

  const brokers = 200;
  const org = repoWithOneChange(join(tmp, 'org'), (p) => writeOrg(p, principals, brokers), 'identity/deny-prod.json', '"mq:RebootBroker",', '');
  const workers = Math.max(2, Math.min(4, cpus().length));
  const orgDiff = timed(['diff', '--store', org.store, '--base', org.base, '--head', org.head, '--workers', String(workers), '--format', 'json', '--out', join(tmp, 'org-diff.json')]);
  const orgAnalyze = timed(['analyze', '--store', org.store, '--workers', String(workers), '--format', 'json', '--out', join(tmp, 'org-analyze.json')]);
  return { start, shipped: { diff, analyze, mutate, lint, lintWithoutAnalysis }, organization: { principals, brokers, workers, diff: orgDiff, analyze: orgAnalyze } };
}

if (require.main === module) console.log(JSON.stringify(benchAnalysis(Number(process.argv[2] ?? 1000)), null, 1));
