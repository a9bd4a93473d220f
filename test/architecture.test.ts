import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';

/**
 * The import rules of docs/architecture.md §1, checked on the real tree. Data flows one way, the
 * engine stays pure, and steps/ only see the public API. Modules the table does not name yet are
 * not restricted (they are listed as a diagnostic so the table can catch up).
 */

const ROOT = resolve(__dirname, '..');

/** What an import points at, relative to the repository root. */
export type Dependency =
  | { readonly kind: 'src'; readonly module: string; readonly internal: boolean; readonly path: string }
  | { readonly kind: 'steps'; readonly path: string }
  | { readonly kind: 'node'; readonly name: string }
  | { readonly kind: 'package'; readonly name: string }
  | { readonly kind: 'other'; readonly path: string };

const BUILTINS = new Set(builtinModules);

/** Resolves one import specifier written in `fromFile` (a repository-relative path). */
export function classify(fromFile: string, specifier: string): Dependency {
  if (specifier.startsWith('.')) {
    const path = relative(ROOT, resolve(ROOT, dirname(fromFile), specifier)).split(sep).join('/').replace(/\.(ts|js|json)$/, '');
    const parts = path.split('/');
    if (parts[0] === 'src') {
      const module = parts.length === 1 ? 'index' : parts[1]!;
      return { kind: 'src', module, internal: parts.length > 2 && parts[parts.length - 1] !== 'index', path };
    }
    if (parts[0] === 'steps') return { kind: 'steps', path };
    return { kind: 'other', path };
  }
  if (specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0]!)) return { kind: 'node', name: specifier.startsWith('node:') ? specifier : `node:${specifier}` };
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  return { kind: 'package', name };
}

/** Where a file lives: its src module (`engine`, `index` for src/index.ts), `steps`, or undefined. */
export function ownerOf(file: string): string | undefined {
  const parts = file.split('/');
  if (parts[0] === 'steps') return 'steps';
  if (parts[0] !== 'src') return undefined;
  return parts.length === 2 ? 'index' : parts[1];
}

const describeDep = (d: Dependency): string => (d.kind === 'src' || d.kind === 'steps' || d.kind === 'other' ? d.path : d.name);

type Check = (d: Dependency) => boolean;
const srcModule = (...names: string[]): Check => (d) => d.kind === 'src' && names.includes(d.module);
const node = (name?: string): Check => (d) => d.kind === 'node' && (name === undefined || d.name === name || d.name.startsWith(`${name}/`));
const pkg = (prefix: string): Check => (d) => d.kind === 'package' && (d.name === prefix || d.name.startsWith(prefix));

interface Rule {
  /** When present, every import outside the module itself must pass one of these. */
  readonly only?: readonly Check[];
  /** `valuesOnly`: the rule is about code that runs, so `import type` (erased by the compiler) passes it. */
  readonly never: readonly { readonly check: Check; readonly why: string; readonly valuesOnly?: boolean }[];
}

/** The analysis files reports may run code from: pure text helpers over analysis results, no engine. */
const ANALYSIS_RENDERERS: readonly string[] = ['src/analysis/place', 'src/analysis/diff-report'];

/** docs/architecture.md, "Import rules, in one table". */
export const RULES: Readonly<Record<string, Rule>> = {
  model: { only: [], never: [] },
  catalog: { only: [srcModule('model')], never: [{ check: srcModule('parse', 'engine', 'load'), why: 'catalog is data and lookups' }, { check: node(), why: 'catalog does no I/O' }] },
  parse: {
    only: [srcModule('model', 'catalog')],
    never: [{ check: srcModule('engine', 'load'), why: 'parse sits below engine and load' }, { check: node('node:fs'), why: 'parse is pure: load does the I/O' }],
  },
  engine: {
    only: [srcModule('model', 'catalog')],
    never: [
      { check: srcModule('parse', 'load', 'explain', 'reports', 'cli'), why: 'the engine sees only typed models' },
      { check: node(), why: 'the engine is pure (no I/O, no clock)' },
      { check: pkg('@cucumber/'), why: 'the engine knows nothing of Cucumber' },
    ],
  },
  explain: { never: [{ check: (d) => d.kind === 'src' && d.module === 'engine' && d.internal, why: 'explain renders decisions, not engine internals' }, { check: node(), why: 'explain is pure' }] },
  load: { never: [{ check: srcModule('engine', 'reports', 'cli'), why: 'load only reads and parses' }, { check: srcModule('sources'), why: 'sources build store files that load reads, never the other way round' }] },
  sources: {
    only: [srcModule('model', 'parse', 'load'), pkg('yaml')],
    never: [
      { check: srcModule('engine', 'cli', 'reports', 'lint', 'harness', 'matrix'), why: 'a source reader turns text into store files; it decides nothing' },
      { check: node(), why: 'source readers are pure (text in, store files out): the CLI reads and writes the files' },
    ],
  },
  reports: {
    never: [
      { check: srcModule('engine', 'load'), why: 'reports are built from recorded decisions only' },
      { check: node('node:fs'), why: 'reports return strings; the CLI writes' },
      {
        check: (d) => d.kind === 'src' && d.module === 'analysis' && !ANALYSIS_RENDERERS.includes(d.path),
        valuesOnly: true,
        why: 'reports render what analysis returns (its types, its pure text helpers); the CLI runs the analysis',
      },
    ],
  },
  harness: { never: [{ check: srcModule('cli', 'reports', 'lint'), why: 'the harness builds requests and asks the engine' }, { check: node(), why: 'the harness is pure: load does the I/O' }] },
  lint: {
    // The store-wide rules report the analysis's verdicts: lint reads them (types of src/analysis), the CLI runs the analysis.
    only: [srcModule('model', 'catalog', 'parse', 'analysis'), (d) => d.kind === 'src' && d.module === 'load' && d.path === 'src/load/read-document'],
    never: [{ check: srcModule('engine', 'cli', 'reports'), why: 'lint judges documents, it does not decide requests' }, { check: node(), why: 'lint is pure: the CLI reads files and passes the date' }],
  },
  matrix: { never: [{ check: srcModule('cli', 'lint'), why: 'the matrix is computed from a loaded store by the engine' }, { check: node(), why: 'the matrix computation does no I/O: the CLI loads, spreads work over threads and writes' }] },
  analysis: {
    only: [srcModule('model', 'catalog', 'engine', 'harness'), (d) => d.kind === 'src' && d.module === 'load' && d.path === 'src/load/store-types'],
    never: [
      { check: srcModule('cli', 'reports', 'lint', 'parse', 'matrix'), why: 'analysis is pure over compiled policy sets: the CLI loads the stores and renders' },
      { check: (d) => d.kind === 'src' && d.module === 'engine' && d.internal, why: 'analysis uses the engine\'s public API only' },
      { check: node(), why: 'analysis does no I/O' },
    ],
  },
  cli: { never: [{ check: (d) => d.kind === 'steps', why: 'the CLI never depends on step definitions' }] },
  index: { never: [{ check: (d) => d.kind === 'steps', why: 'the public API never depends on step definitions' }] },
  steps: { never: [{ check: (d) => d.kind === 'src' && (d.module !== 'index' || d.internal), why: 'steps use the public API (src/index.ts) only' }] },
};

export interface SourceFile {
  /** Repository-relative path with `/` separators. */
  readonly file: string;
  readonly imports: readonly string[];
  /** Specifiers imported or re-exported only as types (`import type …`); all imports count when absent. */
  readonly typeOnly?: readonly string[];
}

/** Specifiers every import and re-export of which is `import type` / `export type`: nothing of them runs. */
export function typeOnlyImportsOf(text: string): string[] {
  const file = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const typeOnly = new Set<string>();
  const values = new Set<string>();
  for (const st of file.statements) {
    const spec = (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
    if (spec === undefined) continue;
    const isType = ts.isImportDeclaration(st) ? st.importClause?.isTypeOnly === true : (st as ts.ExportDeclaration).isTypeOnly;
    (isType ? typeOnly : values).add(spec);
  }
  return [...typeOnly].filter((s) => !values.has(s));
}

/** Every import, re-export, `require` and dynamic `import()` of a TypeScript source. */
export function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** One line per broken rule: `src/engine/x.ts imports node:fs: the engine is pure (no I/O, no clock)`. */
export function violations(files: readonly SourceFile[]): string[] {
  const out: string[] = [];
  for (const { file, imports, typeOnly = [] } of files) {
    const owner = ownerOf(file);
    const rule = owner !== undefined ? RULES[owner] : undefined;
    if (!rule) continue;
    for (const specifier of imports) {
      const dep = classify(file, specifier);
      const own = (dep.kind === 'src' && dep.module === owner) || (dep.kind === 'steps' && owner === 'steps');
      if (own) continue;
      const banned = rule.never.find((n) => n.check(dep) && !(n.valuesOnly && typeOnly.includes(specifier)));
      if (banned) out.push(`${file} imports ${describeDep(dep)}: ${banned.why}`);
      else if (rule.only && !rule.only.some((c) => c(dep))) out.push(`${file} imports ${describeDep(dep)}: src/${owner} may import only ${rule.only.length === 0 ? 'nothing' : 'what the architecture table lists'}`);
    }
  }
  return out;
}

/** Calls that make code impure; the engine must take time, randomness and environment as inputs. */
const IMPURE: readonly (readonly [RegExp, string])[] = [
  [/\bprocess\./, 'process (environment, argv, streams)'],
  [/\bDate\.now\s*\(/, 'Date.now() (the clock)'],
  [/\bnew Date\s*\(\s*\)/, 'new Date() (the clock)'],
  [/\bMath\.random\s*\(/, 'Math.random() (randomness)'],
  [/\brequire\s*\(/, 'require() (hidden imports)'],
];

export function impureCalls(file: string, text: string): string[] {
  return IMPURE.filter(([re]) => re.test(text)).map(([, what]) => `${file} uses ${what}`);
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(join(ROOT, dir))) return [];
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

describe('architecture', () => {
  test('src/ and steps/ follow the import table of docs/architecture.md', (t) => {
    const files = [...sourceFiles('src'), ...sourceFiles('steps')];
    assert.ok(files.some((f) => f.startsWith('src/engine/')), 'the walk found the engine');
    const unlisted = [...new Set(files.map(ownerOf).filter((o): o is string => o !== undefined && !(o in RULES)))];
    if (unlisted.length > 0) t.diagnostic(`modules not in the architecture table (unrestricted): ${unlisted.join(', ')}`);
    assert.deepEqual(violations(files.map((file) => ({ file, imports: importsOf(read(file)), typeOnly: typeOnlyImportsOf(read(file)) }))), []);
  });

  test('the engine reads no clock, environment or randomness', () => {
    assert.deepEqual(sourceFiles('src/engine').flatMap((f) => impureCalls(f, read(f))), []);
  });

  test('source readers read no clock, environment or randomness', () => {
    assert.ok(sourceFiles('src/sources').length > 0, 'the walk found the source readers');
    assert.deepEqual(sourceFiles('src/sources').flatMap((f) => impureCalls(f, read(f))), []);
  });

  test('the checker sees every way of importing', () => {
    const text = [
      "import type { A } from './a';",
      "import './side-effect';",
      "export * from './b';",
      "export { c } from './c';",
      "const d = require('./d');",
      "const e = import('./e');",
    ].join('\n');
    assert.deepEqual(importsOf(text).sort(), ['./a', './b', './c', './d', './e', './side-effect']);
  });

  test('the checker fails on forbidden imports (synthetic tree)', () => {
    const found = violations([
      { file: 'src/engine/authorize.ts', imports: ['../model', '../catalog', './glob', '../parse', 'node:fs', 'fs', '@cucumber/cucumber', '../load/index'] },
      { file: 'src/model/policy.ts', imports: ['./source', '../catalog'] },
      { file: 'src/parse/policy.ts', imports: ['../model', '../catalog', '../engine', 'node:fs'] },
      { file: 'src/catalog/index.ts', imports: ['./bundled-data', '../model', '../parse', 'node:path'] },
      { file: 'src/explain/to-json.ts', imports: ['../model', '../engine/authorize'] },
      { file: 'steps/decisions.steps.ts', imports: ['../src', '../src/index', '@cucumber/cucumber', 'node:assert', './support/world', '../src/engine', '../src/engine/authorize'] },
      { file: 'src/cli/main.ts', imports: ['../engine', 'node:fs', '../../steps/world'] },
      { file: 'src/sources/terraform/read-plan.ts', imports: ['../../load/read-document', '../estate', 'yaml', 'node:fs', '../../engine', '../../cli/io'] },
      { file: 'src/load/store.ts', imports: ['../sources'] },
    ]);
    assert.deepEqual(found, [
      'src/engine/authorize.ts imports src/parse: the engine sees only typed models',
      'src/engine/authorize.ts imports node:fs: the engine is pure (no I/O, no clock)',
      'src/engine/authorize.ts imports node:fs: the engine is pure (no I/O, no clock)',
      'src/engine/authorize.ts imports @cucumber/cucumber: the engine knows nothing of Cucumber',
      'src/engine/authorize.ts imports src/load/index: the engine sees only typed models',
      'src/model/policy.ts imports src/catalog: src/model may import only nothing',
      'src/parse/policy.ts imports src/engine: parse sits below engine and load',
      'src/parse/policy.ts imports node:fs: parse is pure: load does the I/O',
      'src/catalog/index.ts imports src/parse: catalog is data and lookups',
      'src/catalog/index.ts imports node:path: catalog does no I/O',
      'src/explain/to-json.ts imports src/engine/authorize: explain renders decisions, not engine internals',
      'steps/decisions.steps.ts imports src/engine: steps use the public API (src/index.ts) only',
      'steps/decisions.steps.ts imports src/engine/authorize: steps use the public API (src/index.ts) only',
      'src/cli/main.ts imports steps/world: the CLI never depends on step definitions',
      'src/sources/terraform/read-plan.ts imports node:fs: source readers are pure (text in, store files out): the CLI reads and writes the files',
      'src/sources/terraform/read-plan.ts imports src/engine: a source reader turns text into store files; it decides nothing',
      'src/sources/terraform/read-plan.ts imports src/cli/io: a source reader turns text into store files; it decides nothing',
      'src/load/store.ts imports src/sources: sources build store files that load reads, never the other way round',
    ]);
  });

  test('analysis stays pure over the engine\'s public API (synthetic tree)', () => {
    assert.deepEqual(violations([{ file: 'src/analysis/diff.ts', imports: ['../model', '../catalog', '../engine', '../harness', '../load/store-types', './glob-nfa', '../engine/compiled-set', '../load', 'node:fs', '../reports'] }]), [
      'src/analysis/diff.ts imports src/engine/compiled-set: analysis uses the engine\'s public API only',
      'src/analysis/diff.ts imports src/load: src/analysis may import only what the architecture table lists',
      'src/analysis/diff.ts imports node:fs: analysis does no I/O',
      'src/analysis/diff.ts imports src/reports: analysis is pure over compiled policy sets: the CLI loads the stores and renders',
    ]);
  });

  test('reports render analysis results but never run an analysis (synthetic tree)', () => {
    const text = "import type { MutationReport } from '../analysis/mutate';\nimport { placeText } from '../analysis/place';\nimport { analyzeStore } from '../analysis';\nexport type { X } from '../analysis/analyze';";
    assert.deepEqual(typeOnlyImportsOf(text).sort(), ['../analysis/analyze', '../analysis/mutate']);
    assert.deepEqual(violations([{ file: 'src/reports/x.ts', imports: importsOf(text), typeOnly: typeOnlyImportsOf(text) }]), [
      'src/reports/x.ts imports src/analysis: reports render what analysis returns (its types, its pure text helpers); the CLI runs the analysis',
    ]);
  });

  test('lint may read the analysis\'s verdicts, never decide requests itself (synthetic tree)', () => {
    assert.deepEqual(violations([{ file: 'src/lint/check-analysis.ts', imports: ['../analysis/store-verdicts', '../analysis', '../catalog', '../model', '../load/read-document', '../engine', '../harness', '../load', 'node:fs'] }]), [
      'src/lint/check-analysis.ts imports src/engine: lint judges documents, it does not decide requests',
      'src/lint/check-analysis.ts imports src/harness: src/lint may import only what the architecture table lists',
      'src/lint/check-analysis.ts imports src/load: src/lint may import only what the architecture table lists',
      'src/lint/check-analysis.ts imports node:fs: lint is pure: the CLI reads files and passes the date',
    ]);
  });

  test('the purity check fails on a clock read (synthetic file)', () => {
    assert.deepEqual(impureCalls('src/engine/x.ts', 'const now = Date.now(); const env = process.env.X;'), ['src/engine/x.ts uses process (environment, argv, streams)', 'src/engine/x.ts uses Date.now() (the clock)']);
  });
});
