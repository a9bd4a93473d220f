// Data-driven engine corpus (issue 3): every YAML file under test/cases/<RULE-ID>/ holds cases in the
// simulate-format shape with an expectation derived from AWS's documentation. Each case goes through
// `answerLine`, the exact path of `mq-policy simulate`, so the corpus tests what users run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { answerLine } from '../src/cli/simulate';
import { PolicyCache } from '../src/parse';

const ROOT = join(__dirname, 'cases');

/** Every rule id of iam-evaluation-reference.md that the corpus must cover (P9 = §9 principal facts). */
const RULES = [
  'G1', 'G2', 'G3', 'G4', 'G5',
  'E0', 'E1', 'E2', 'E3', 'E3a', 'E3b', 'E3c', 'E3d', 'E3e', 'E3f', 'E3g',
  'A1', 'A2', 'A3', 'A4', 'A5', 'A6',
  'R1', 'R2', 'R2a', 'R2b', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9',
  'C1', 'C2', 'C3', 'C4', 'C4a', 'C4b', 'C4c', 'C4d', 'C4e', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11', 'C12', 'C13', 'C14',
  'V1', 'V2', 'V3', 'V4', 'V5', 'V6',
  'T1', 'T2', 'T3', 'T4', 'T5',
  'P9',
];

const FILE_FIELDS = ['rule', 'title', 'source', 'anchors', 'cases'];
const CASE_FIELDS = ['name', 'why', 'policies', 'request', 'line', 'expect'];
const DECISIONS = ['Allowed', 'ExplicitDeny', 'ImplicitDeny'];

interface Expect {
  readonly decision?: string;
  readonly determining?: unknown[];
  readonly missingContextKeys?: string[];
  readonly error?: string;
}

interface CaseDoc {
  readonly name: string;
  readonly policies?: unknown;
  readonly request?: unknown;
  /** A raw JSON line, for input JSON cannot round-trip (duplicate keys). */
  readonly line?: string;
  readonly expect: Expect;
}

interface CaseFile {
  readonly rule: string;
  readonly title: string;
  readonly source: string;
  readonly cases: CaseDoc[];
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return name.endsWith('.yaml') ? [path] : [];
    });
}

/** Structural problems of one file; an empty list means the file is usable. */
function checkFile(path: string, doc: unknown): string[] {
  const problems: string[] = [];
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return ['the file must be a YAML mapping'];
  const d = doc as Record<string, unknown>;
  for (const key of Object.keys(d)) if (!FILE_FIELDS.includes(key)) problems.push(`unknown field \`${key}\``);
  const folder = relative(ROOT, path).split(/[\\/]/)[0];
  if (typeof d.rule !== 'string' || d.rule === '') problems.push('`rule` is missing');
  else if (d.rule !== folder) problems.push(`\`rule: ${d.rule}\` does not match its folder \`${folder}\``);
  if (typeof d.title !== 'string' || d.title === '') problems.push('`title` is missing');
  if (typeof d.source !== 'string' || !/\[[^\]]+\]/.test(d.source)) problems.push('`source` is missing or names no reference short-name such as "[AWS IAM-MULTI]"');
  if (!Array.isArray(d.cases) || d.cases.length === 0) {
    problems.push('`cases` is missing or empty');
    return problems;
  }
  const names = new Set<string>();
  d.cases.forEach((c: unknown, i: number) => {
    if (typeof c !== 'object' || c === null) {
      problems.push(`case ${i} is not a mapping`);
      return;
    }
    const cc = c as Record<string, unknown>;
    for (const key of Object.keys(cc)) if (!CASE_FIELDS.includes(key)) problems.push(`case ${i}: unknown field \`${key}\``);
    if (typeof cc.name !== 'string' || cc.name === '') problems.push(`case ${i}: \`name\` is missing`);
    else if (names.has(cc.name)) problems.push(`case ${i}: name \`${cc.name}\` is used twice`);
    else names.add(cc.name);
    if (cc.line === undefined && (cc.policies === undefined || cc.request === undefined)) problems.push(`case ${i}: needs \`policies\` and \`request\` (or a raw \`line\`)`);
    const e = cc.expect as Record<string, unknown> | undefined;
    if (typeof e !== 'object' || e === null) problems.push(`case ${i}: \`expect\` is missing`);
    else if ((e.decision === undefined) === (e.error === undefined)) problems.push(`case ${i}: \`expect\` needs exactly one of \`decision\` and \`error\``);
    else if (e.decision !== undefined && !DECISIONS.includes(String(e.decision))) problems.push(`case ${i}: unknown decision \`${String(e.decision)}\``);
    else if (e.error !== undefined && (e.determining !== undefined || e.missingContextKeys !== undefined)) problems.push(`case ${i}: an expected error has no \`determining\` or \`missingContextKeys\``);
  });
  return problems;
}

function caseLine(file: string, c: CaseDoc): string {
  if (c.line !== undefined) return c.line;
  return JSON.stringify({ id: `${file}#${c.name}`, policies: c.policies, request: c.request });
}

function sorted(keys: readonly unknown[]): string[] {
  return keys.map(String).sort();
}

/** Compares one answer with the expectation; returns what differs, or undefined. */
function compare(answer: Record<string, unknown>, e: Expect): string | undefined {
  if (e.error !== undefined) {
    const code = (answer.error as { code?: unknown } | undefined)?.code;
    return code === e.error ? undefined : `expected error \`${e.error}\`, got ${code === undefined ? `decision \`${String(answer.decision)}\`` : `error \`${String(code)}\``}`;
  }
  if (answer.decision !== e.decision) return `expected decision \`${e.decision}\`, got ${answer.decision === undefined ? `an error` : `\`${String(answer.decision)}\``}`;
  if (e.determining !== undefined) {
    try {
      assert.deepStrictEqual(answer.determining, e.determining);
    } catch {
      return `expected determining ${JSON.stringify(e.determining)}, got ${JSON.stringify(answer.determining)}`;
    }
  }
  if (e.missingContextKeys !== undefined) {
    const got = sorted((answer.missingContextKeys as unknown[] | undefined) ?? []);
    const want = sorted(e.missingContextKeys);
    if (JSON.stringify(got) !== JSON.stringify(want)) return `expected missingContextKeys ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
  }
  return undefined;
}

const files = yamlFiles(ROOT);

describe('engine case corpus: layout', () => {
  test('every rule id of the reference has a non-empty folder of case files', () => {
    const empty = RULES.filter((rule) => !files.some((f) => relative(ROOT, f).split(/[\\/]/)[0] === rule));
    assert.deepEqual(empty, [], `rule folders without case files under test/cases: ${empty.join(', ')}`);
  });
  test('every folder is a known rule id', () => {
    const folders = readdirSync(ROOT).filter((n) => statSync(join(ROOT, n)).isDirectory());
    const unknown = folders.filter((f) => !RULES.includes(f));
    assert.deepEqual(unknown, [], `folders that are not rule ids: ${unknown.join(', ')}`);
  });
});

for (const path of files) {
  const file = relative(join(__dirname, '..'), path);
  let doc: unknown;
  let readError: string | undefined;
  try {
    // Merge keys let a file share one realistic base context between its cases.
    doc = parse(readFileSync(path, 'utf8'), { merge: true, uniqueKeys: true });
  } catch (err) {
    readError = err instanceof Error ? err.message : String(err);
  }
  describe(file, () => {
    const problems = readError ? [`not valid YAML: ${readError}`] : checkFile(path, doc);
    test('file structure (rule, title, source, cases)', () => {
      assert.deepEqual(problems, [], `${file}: ${problems.join('; ')}`);
    });
    if (problems.length > 0) return;
    const f = doc as CaseFile;
    f.cases.forEach((c, i) => {
      test(`${f.rule} ${c.name}`, () => {
        const answer = answerLine(caseLine(file, c), i + 1, { explain: false });
        const explained = answerLine(caseLine(file, c), i + 1, { explain: true });
        const diff = compare(answer, c.expect);
        if (diff !== undefined) assert.fail(`${file} case "${c.name}": ${diff}\nanswer: ${JSON.stringify(answer)}\nexplained: ${JSON.stringify(explained, null, 1)}`);
        // A plain answer comes from the one-shot path; --explain from the reference interpreter: both must say what AWS says.
        const referenceDiff = compare(explained, c.expect);
        if (referenceDiff !== undefined) assert.fail(`${file} case "${c.name}": the reference interpreter (--explain): ${referenceDiff}\nexplained: ${JSON.stringify(explained, null, 1)}`);
        // A batch that repeats these policies answers the second case from the compiled policy set:
        // it must say exactly what the reference evaluator said.
        const cache = new PolicyCache();
        answerLine(caseLine(file, c), i + 1, { explain: false }, cache);
        assert.deepEqual(answerLine(caseLine(file, c), i + 1, { explain: false }, cache), answer, `${file} case "${c.name}": the compiled path disagrees with the reference evaluator`);
      });
    });
  });
}

// The same answers through the real command line: `node bin/mq-policy.js simulate` on a JSONL corpus
// (the example of simulate-format.md plus cases of this corpus), checking every line and the exit status.
const REPO = join(__dirname, '..');
const FIXTURES = join(__dirname, 'fixtures', 'simulate');

function newestMtime(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir).map((name) => {
      const path = join(dir, name);
      const s = statSync(path);
      return s.isDirectory() ? newestMtime(path) : s.mtimeMs;
    }),
  );
}

/** bin/mq-policy.js prefers dist/; rebuild it when any source is newer, so the CLI never answers with stale code. */
function ensureFreshBuild(): void {
  const compiled = join(REPO, 'dist', 'src', 'cli', 'main.js');
  let builtAt = 0;
  try {
    builtAt = statSync(compiled).mtimeMs;
  } catch {
    return; // no build: bin/mq-policy.js falls back to ts-node on the sources
  }
  if (newestMtime(join(REPO, 'src')) <= builtAt) return;
  const r = spawnSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: REPO, encoding: 'utf8' });
  assert.equal(r.status, 0, `npm run build failed:\n${r.stdout}${r.stderr}`);
}

function runSimulate(input: string): { status: number | null; lines: Record<string, unknown>[]; stderr: string } {
  const r = spawnSync(process.execPath, [join(REPO, 'bin', 'mq-policy.js'), 'simulate'], { cwd: REPO, input, encoding: 'utf8' });
  const lines = r.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { status: r.status, lines, stderr: r.stderr };
}

/** An expected line fixes id, decision, determining, missingContextKeys (as a set) and the error code; messages may change. */
function matchesExpected(actual: Record<string, unknown>, expected: Record<string, unknown>): string | undefined {
  for (const [key, want] of Object.entries(expected)) {
    const got = actual[key];
    if (key === 'error') {
      const code = (got as { code?: unknown } | undefined)?.code;
      if (code !== (want as { code: unknown }).code) return `error code ${JSON.stringify(code)} instead of ${JSON.stringify((want as { code: unknown }).code)}`;
    } else if (key === 'missingContextKeys') {
      if (JSON.stringify(sorted((got as unknown[] | undefined) ?? [])) !== JSON.stringify(sorted(want as unknown[]))) return `missingContextKeys ${JSON.stringify(got)} instead of ${JSON.stringify(want)}`;
    } else if (JSON.stringify(got) !== JSON.stringify(want)) return `${key} ${JSON.stringify(got)} instead of ${JSON.stringify(want)}`;
  }
  return undefined;
}

describe('mq-policy simulate on test/fixtures/simulate/example.jsonl', () => {
  const input = readFileSync(join(FIXTURES, 'example.jsonl'), 'utf8');
  const expected = readFileSync(join(FIXTURES, 'example.expected.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

  test('one answer per case, in order, as expected; exit 3 because some cases are invalid', () => {
    ensureFreshBuild();
    const r = runSimulate(input);
    assert.equal(r.lines.length, expected.length, `expected ${expected.length} answer lines, got ${r.lines.length}\n${r.stderr}`);
    r.lines.forEach((line, i) => {
      const diff = matchesExpected(line, expected[i]!);
      assert.equal(diff, undefined, `answer line ${i + 1} (${String(expected[i]!.id)}): ${diff}\nanswer: ${JSON.stringify(line)}`);
    });
    assert.ok(expected.some((e) => 'error' in e), 'the fixture must hold at least one invalid case');
    assert.equal(r.status, 3, 'exit status is 3 when some case had an invalid policy or request');
  });

  test('exit 0 when every case is decided', () => {
    ensureFreshBuild();
    const decided = new Set(expected.filter((e) => 'decision' in e).map((e) => e.id));
    const lines = input.split('\n').filter((l) => {
      try {
        return decided.has((JSON.parse(l) as { id?: unknown }).id);
      } catch {
        return false;
      }
    });
    assert.ok(lines.length >= 12, 'the fixture must hold at least a dozen decided cases');
    const r = runSimulate(`${lines.join('\n')}\n`);
    assert.equal(r.lines.length, lines.length);
    assert.ok(r.lines.every((l) => 'decision' in l), `every answer is a decision: ${JSON.stringify(r.lines.filter((l) => !('decision' in l)))}`);
    assert.equal(r.status, 0);
  });
});
