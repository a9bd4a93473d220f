import type { ReadRun, ReportScenario } from './read-messages';

/**
 * `junit.xml` for CI tools, built from the run's messages (not Cucumber's formatter): every test case
 * carries `file` and `line` (the feature file and the scenario, or Example row, line) so annotations point
 * at the scenario; outline rows are named by their values; problems outside the scenarios (an invalid
 * store, the coverage gate, a contradiction between a scenario and the matrix) are test cases too.
 */

/** A test case that is not a scenario: a store error, the coverage gate, a matrix contradiction. */
export interface ExtraCase {
  readonly suite: string;
  readonly name: string;
  readonly file?: string;
  readonly line?: number;
  /** Absent: the case passed. */
  readonly failure?: { readonly message: string; readonly detail?: string };
}

const xml = (s: string): string =>
  // Characters XML 1.0 cannot carry at all are dropped; the rest is escaped.
  s.replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function scenarioCase(feature: string, s: ReportScenario): string {
  const name = s.example !== undefined ? `${s.name} [${s.example}]` : s.name;
  const attrs = `classname="${xml(feature)}" name="${xml(name)}" file="${xml(s.uri)}"${s.line !== undefined ? ` line="${s.line}"` : ''} time="${(s.durationMs / 1000).toFixed(3)}"`;
  if (s.status === 'passed') return `    <testcase ${attrs}/>`;
  if (s.status === 'skipped') return `    <testcase ${attrs}><skipped/></testcase>`;
  const step = s.steps.find((st) => st.status !== 'passed' && st.status !== 'skipped');
  const message = step ? `${step.keyword} ${step.text}: ${step.status}` : s.status;
  const body = step?.message ?? '';
  return `    <testcase ${attrs}><failure type="${xml(s.status)}" message="${xml(message)}">${xml(body)}</failure></testcase>`;
}

function extraCase(c: ExtraCase): string {
  const attrs = `classname="${xml(c.suite)}" name="${xml(c.name)}"${c.file !== undefined ? ` file="${xml(c.file)}"` : ''}${c.line !== undefined ? ` line="${c.line}"` : ''} time="0"`;
  return c.failure ? `    <testcase ${attrs}><failure message="${xml(c.failure.message)}">${xml(c.failure.detail ?? c.failure.message)}</failure></testcase>` : `    <testcase ${attrs}/>`;
}

export function junitXml(run: ReadRun | undefined, extra: readonly ExtraCase[] = []): string {
  const suites: string[] = [];
  const suite = (name: string, cases: readonly string[], failures: number, skipped: number): void => {
    suites.push(`  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}" errors="0">\n${cases.join('\n')}\n  </testsuite>`);
  };
  for (const f of run?.features ?? []) {
    if (f.scenarios.length === 0) continue;
    const failures = f.scenarios.filter((s) => s.status !== 'passed' && s.status !== 'skipped').length;
    suite(f.name, f.scenarios.map((s) => scenarioCase(f.name, s)), failures, f.scenarios.filter((s) => s.status === 'skipped').length);
  }
  const bySuite = new Map<string, ExtraCase[]>();
  for (const c of extra) bySuite.set(c.suite, [...(bySuite.get(c.suite) ?? []), c]);
  for (const [name, cases] of bySuite) suite(name, cases.map(extraCase), cases.filter((c) => c.failure).length, 0);
  const tests = suites.reduce((n, s) => n + Number(/tests="(\d+)"/.exec(s)![1]), 0);
  const failures = suites.reduce((n, s) => n + Number(/failures="(\d+)"/.exec(s)![1]), 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="mq-policy" tests="${tests}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`;
}
