import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { formatOf, loadPolicyStore, readDocumentBytes, type DocumentReadResult } from '../load';
import { fails, formatJson, formatSarif, formatText, lint, type LintDocument, type LintPrincipal, type Severity } from '../lint';
import type { Policy, PolicyKind } from '../model';
import type { PolicyStore } from '../load/store-types';
import { lintAnalysis } from './lint-analysis';
import { EXIT, UsageError, write, type CliIo, type ExitCode } from './io';
import { locate, type Locations } from './locations';
import { takeSourceOptions } from './sources';

/** Policy folders under `policies/`, by convention, and the layer each holds. */
const POLICY_FOLDERS: Readonly<Record<string, PolicyKind>> = { identity: 'identity', managed: 'identity', boundaries: 'boundary', scps: 'scp', sessions: 'session' };
/** Data files that live beside policies but are not policies. */
const DATA_FILES = /^(principals|inventory|waivers)\.(json|ya?ml)$/i;
const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

interface LintArgs {
  readonly paths: readonly string[];
  readonly format: Format;
  readonly failOn: Severity;
  readonly waivers?: string;
  /** `--no-analysis`: skip the store-wide checks over every request class. */
  readonly noAnalysis: boolean;
}

function parseArgs(args: readonly string[]): LintArgs {
  const paths: string[] = [];
  let format: Format = 'text';
  let failOn: Severity = 'error';
  let waivers: string | undefined;
  let noAnalysis = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new UsageError(`lint: \`${flag}\` needs a value`);
      return v;
    };
    if (flag === '--format') {
      const v = value();
      if (!(FORMATS as readonly string[]).includes(v)) throw new UsageError(`lint: \`--format\` must be one of ${FORMATS.join(', ')}, not \`${v}\``);
      format = v as Format;
    } else if (flag === '--fail-on') {
      const v = value();
      if (!(['error', 'security-warning', 'warning'] as readonly string[]).includes(v)) throw new UsageError(`lint: \`--fail-on\` must be error, security-warning or warning, not \`${v}\``);
      failOn = v as Severity;
    } else if (flag === '--waivers') waivers = value();
    else if (arg === '--no-analysis') noAnalysis = true;
    else if (arg.startsWith('-')) throw new UsageError(`lint: unknown option \`${arg}\``);
    else paths.push(arg);
  }
  return { paths, format, failOn, noAnalysis, ...(waivers !== undefined ? { waivers } : {}) };
}

/** The layer a policy file belongs to, from the folder it sits in; identity when the path says nothing. */
function kindOf(file: string): PolicyKind {
  const segments = file.split(/[\\/]/);
  for (let i = segments.length - 2; i >= 0; i--) {
    const kind = POLICY_FOLDERS[segments[i]!] ?? POLICY_FOLDERS[`${segments[i]!}s`];
    if (kind) return kind;
  }
  return 'identity';
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.isFile() && formatOf(e.name) && !DATA_FILES.test(e.name) ? [join(dir, e.name)] : []));
}

/** With no paths: every JSON/YAML file in the policy folders of the store. */
function discover(cwd: string, root: string, paths: readonly string[]): string[] {
  if (paths.length === 0) {
    return Object.keys(POLICY_FOLDERS).flatMap((folder) => (existsSync(join(root, folder)) ? walk(join(root, folder)) : []));
  }
  return paths.flatMap((p) => {
    const abs = resolve(cwd, p);
    if (!existsSync(abs)) throw new UsageError(`lint: no such file or directory \`${p}\``);
    return statSync(abs).isDirectory() ? walk(abs) : [abs];
  });
}

function readFile(abs: string, shown: string): DocumentReadResult {
  const format = formatOf(abs);
  if (!format) return { ok: false, code: 'malformed-json', message: `\`${shown}\` is neither JSON nor YAML (name policy files *.json, *.yaml or *.yml)`, pointer: '' };
  let bytes: Buffer;
  try {
    bytes = readFileSync(abs);
  } catch (err) {
    return { ok: false, code: format === 'json' ? 'malformed-json' : 'malformed-yaml', message: `cannot read \`${shown}\`: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, pointer: '' };
  }
  return readDocumentBytes(bytes, format);
}

/** `mq-policy lint`: exit 3 when an unwaived finding is at or above `--fail-on`, 0 otherwise. */
export async function lintCommand(allArgs: readonly string[], io: CliIo, today: Date = new Date()): Promise<ExitCode> {
  const { request, rest: args } = takeSourceOptions(allArgs, 'lint');
  if (request) {
    const options = parseArgs(args);
    if (options.paths.length > 0) throw new UsageError('lint: with `--source`, name no other files (the source is what is linted)');
    return (await import('./lint-source')).lintSource(request, options, io, today, packageVersion());
  }
  const { locations, rest } = locate(args, io.env, io.cwd, ['store'], 'lint');
  const options = parseArgs(rest);
  const show = shownAs(locations, io.cwd);
  const found = discover(io.cwd, locations.store, options.paths);
  const documents: LintDocument[] = found.map((abs) => ({ file: show(abs), kind: kindOf(show(abs)), read: readFile(abs, show(abs)) }));
  const waiversPath = options.waivers !== undefined ? resolve(io.cwd, options.waivers) : join(locations.store, 'waivers.yaml');
  if (options.waivers !== undefined && !existsSync(waiversPath)) throw new UsageError(`lint: no such waivers file \`${options.waivers}\``);
  const waivers = existsSync(waiversPath) ? { file: show(waiversPath), read: readFile(waiversPath, show(waiversPath)) } : undefined;
  // Named files: only their waivers are judged (a waiver of a file not linted is neither unused nor stale here).
  const judged = options.paths.length > 0 ? new Set(documents.map((d) => d.file)) : undefined;
  const storeShown = relative(io.cwd, locations.store).split(sep).join('/') || '.';
  const store = storeView(locations.store, storeShown);
  const { analysis, notes } = await lintAnalysis({ disabled: options.noAnalysis, storeShown, storeRoot: locations.store, store: 'problem' in store ? store : store.loaded, named: options.paths.length > 0 ? found : [] });
  const view = 'problem' in store ? {} : { principals: store.principals, storePolicies: store.storePolicies };
  const report = lint(documents, { today: today.toISOString().slice(0, 10), ...(waivers ? { waivers } : {}), ...(judged ? { judgeWaiversOf: judged } : {}), ...view, analysis, notes });
  const tool = { name: 'mq-policy', version: packageVersion() };
  const text = options.format === 'json' ? formatJson(report, tool) : options.format === 'sarif' ? formatSarif(report, tool, { cwd: io.cwd, root: repositoryRoot(io.cwd) }) : formatText(report, tool);
  await write(io.stdout, text);
  await warnIfIncomplete(locations.store, io);
  return fails(report, options.failOn) ? EXIT.invalidInput : EXIT.ok;
}

/** An imported store that `import --allow-unresolved` marked incomplete says so here too (on stderr: the report stays clean). */
async function warnIfIncomplete(store: string, io: CliIo): Promise<void> {
  const file = join(store, 'principals.yaml');
  if (!existsSync(file)) return;
  const doc = readFile(file, file);
  const entries = doc.ok && doc.value !== null && typeof doc.value === 'object' ? (doc.value as { incomplete?: unknown }).incomplete : undefined;
  if (!Array.isArray(entries)) return;
  for (const e of entries as { what?: unknown; why?: unknown; source?: unknown }[]) {
    await write(io.stderr, `warning: the store is incomplete: ${String(e?.what)}: ${String(e?.why)}${e?.source ? ` (source: ${String(e.source)})` : ''} [incomplete-store]\n`);
  }
}

/**
 * How findings and waivers name a file: inside the store, relative to the folder that holds the store
 * (`policies/identity/x.json`, as waivers.yaml writes it, wherever the store is); elsewhere relative to the
 * working directory.
 */
function shownAs(locations: Locations, cwd: string): (abs: string) => string {
  const base = dirname(locations.store);
  return (abs) => {
    const inStore = relative(locations.store, abs);
    const rel = inStore !== '' && !inStore.startsWith('..') && !isAbsolute(inStore) ? relative(base, abs) : relative(cwd, abs);
    return rel.split(sep).join('/') || abs;
  };
}

/**
 * The store under `policies/` when it loads cleanly: who holds which identity policies, so tag-based Denies are
 * judged over each principal's whole set of policies, and the store the analysis runs over. Otherwise why not.
 */
function storeView(root: string, shown: string): { principals: LintPrincipal[]; storePolicies: ReadonlyMap<string, Policy>; loaded: PolicyStore } | { problem: string } {
  if (!existsSync(join(root, 'principals.yaml')) && !existsSync(join(root, 'principals.yml'))) return { problem: `there is no policy store at \`${shown}\` (no principals.yaml), so no principal holds the linted files` };
  const loaded = loadPolicyStore(root);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
  if (!loaded.store) return { problem: `the policy store \`${shown}\` does not load (${errors} error${errors === 1 ? '' : 's'}; \`mq-policy test\` lists them)` };
  return { principals: [...loaded.store.principals.values()].map((p) => ({ name: p.name, identityPolicies: p.identityPolicies })), storePolicies: loaded.store.policies, loaded: loaded.store };
}

/** The nearest directory at or above `cwd` holding `.git` (SARIF paths are relative to it); `cwd` when there is none. */
function repositoryRoot(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = resolve(dir, '..')) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (resolve(dir, '..') === dir) return resolve(cwd);
  }
}

function packageVersion(): string {
  for (let dir = __dirname; ; dir = resolve(dir, '..')) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    if (resolve(dir, '..') === dir) return 'unknown';
  }
}


