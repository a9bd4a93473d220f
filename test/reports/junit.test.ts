import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildReports, failureReports, junitXml, readMessages } from '../../src/reports';
import { fixtureCells, fixtureEnvelopes } from './fixture';

const run = readMessages(fixtureEnvelopes());
const xml = junitXml(run, [{ suite: 'mq-policy coverage gate', name: 'decisive-statement coverage meets the threshold', failure: { message: 'coverage 60% is below 80%' } }]);

test('every scenario is a test case with its feature file and line', () => {
  assert.match(xml, /<testcase classname="Broker lifecycle \(report fixture\)" name="the operator can describe any broker" file="test\/fixtures\/reports\/features\/broker-lifecycle\.feature" line="9" time="[\d.]+"\/>/);
  assert.equal(xml.match(/<testcase /g)?.length, 11, '10 scenarios and the gate');
});

test('outline rows are named by their values, with the row\'s own line, and no position', () => {
  assert.match(xml, /name="rebooting depends on the environment tag \[brokers: broker=orders-dev, outcome=allowed\]" file="[^"]+" line="28"/);
  assert.doesNotMatch(xml, /#\d|&lt;broker&gt;/);
});

test('reordering the rows of an outline keeps every name', () => {
  const swap = (envelopes: unknown[]): unknown[] =>
    envelopes.map((e) => {
      const doc = (e as { gherkinDocument?: { feature?: { children: { scenario?: { examples: { tableBody: unknown[] }[] } }[] } } }).gherkinDocument;
      if (!doc?.feature) return e;
      const children = doc.feature.children.map((c) => (c.scenario ? { ...c, scenario: { ...c.scenario, examples: c.scenario.examples.map((x) => ({ ...x, tableBody: [...x.tableBody].reverse() })) } } : c));
      return { gherkinDocument: { ...doc, feature: { ...doc.feature, children } } };
    });
  const names = (x: string): string[] => [...x.matchAll(/name="(rebooting[^"]*)"/g)].map((m) => m[1]!).sort();
  assert.deepEqual(names(junitXml(readMessages(swap(fixtureEnvelopes())))), names(xml));
});

test('a failed scenario carries the failing step and its explanation; the gate is a failed case too', () => {
  assert.match(xml, /name="a wrong expectation fails with the explanation"[^>]*><failure type="failed" message="Then it is &quot;allowed&quot;: failed">expected allowed, but explicitly denied by policies\/identity\/operator\.json:10/);
  assert.match(xml, /<testsuite name="mq-policy coverage gate" tests="1" failures="1" skipped="0" errors="0">\n\s+<testcase classname="mq-policy coverage gate" name="decisive-statement coverage meets the threshold" time="0"><failure message="coverage 60% is below 80%">/);
  assert.match(xml, /<testsuites name="mq-policy" tests="11" failures="2">/);
});

test('a run that never reached its scenarios still fails every report, naming file and line', () => {
  const files = failureReports({ kind: 'harness-error', headline: 'harness error: cucumber stopped (exit 1) without writing reports/cucumber.ndjson', problems: [{ name: 'cucumber run', message: 'cucumber stopped', file: 'cucumber.js', line: 3 }] }, { commit: 'abc' });
  assert.match(files['summary.md']!.split('\n')[0]!, /^## ❌ mq-policy: harness error: cucumber stopped/);
  assert.match(files['junit.xml']!, /<testcase classname="mq-policy harness" name="cucumber run" file="cucumber\.js" line="3" time="0"><failure message="cucumber stopped">/);
  assert.match(files['index.html']!, /role="alert"><h2>✗ harness error/);
});

test('characters XML cannot carry are dropped, the rest escaped', () => {
  const x = junitXml(undefined, [{ suite: 's', name: 'a\u0000b<c>&"', failure: { message: '\u001b[31mred' } }]);
  assert.match(x, /name="ab&lt;c&gt;&amp;&quot;"/);
  assert.match(x, /message="\[31mred"/);
});

test('a decision that differs from the matrix for the same request is a failed case naming its file and line', () => {
  // The fixture's failing scenario already fails on its own: it adds no case.
  assert.doesNotMatch(buildReports({ envelopes: fixtureEnvelopes(), matrixCells: fixtureCells() }).files['junit.xml']!, /mq-policy access matrix/);
  const flipped = fixtureCells().map((c) => (c.principal === 'operator' && c.action === 'mq:DescribeBroker' && c.resourceClass === 'brokers environment=production' ? { ...c, outcome: 'ImplicitDeny' as const } : c));
  assert.match(buildReports({ envelopes: fixtureEnvelopes(), matrixCells: flipped }).files['junit.xml']!, /<testcase classname="mq-policy access matrix" name="every scenario agrees with the access matrix" file="test\/fixtures\/reports\/features\/broker-lifecycle\.feature" line="9" time="0"><failure message="1 scenario decision\(s\) differ from the access matrix for the same request">/);
});
