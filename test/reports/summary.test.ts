import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildReports, mdFence } from '../../src/reports';
import { fixtureCells, fixtureEnvelopes, fixtureStatements, fixtureWaivers } from './fixture';

const summary =
  buildReports({
    envelopes: fixtureEnvelopes(),
    statements: fixtureStatements(),
    matrixCells: fixtureCells(),
    previousMatrix: fixtureCells('previous-matrix.json'),
    waivers: fixtureWaivers(),
    coverageThreshold: 80,
  }).files['summary.md'] ?? '';

test('failures come first, each with its explanation', () => {
  const failures = summary.indexOf('### Failures');
  assert.ok(failures > 0 && failures < summary.indexOf('### Policy coverage'));
  assert.match(summary, /^## mq-policy: ❌ 1 of 8 scenarios did not pass$/m);
  assert.match(summary, /a wrong expectation fails with the explanation\*\* \(test\/fixtures\/reports\/features\/broker-lifecycle\.feature:17, failed\)/);
  assert.match(summary, /operator mq:DeleteBroker orders-prod: expected allowed, got explicitly denied\n\s+explicitly denied by policies\/identity\/operator\.json:10/);
});

test('coverage with gate verdict and dead statements, then matrix changes', () => {
  assert.match(summary, /Decisive statements: \*\*60%\*\* \(3 of 5\)/);
  assert.match(summary, /Gate: ❌ decisive-statement coverage 60% \\\(3 of 5 statements\\\) is below the threshold of 80%/);
  assert.match(summary, /Statements no scenario exercised.*operator\.json:18 statement 2 \\\(&lt;img/);
  assert.match(summary, /operator · mq:DeleteBroker · brokers environment=dev: implicitly denied → \*\*allowed\*\* ⚠️/);
  assert.ok(summary.indexOf('### Policy coverage') < summary.indexOf('### Access matrix changes'));
  assert.match(summary, /1 waiver\(s\) have expired/);
});

test('no raw HTML from scenarios or policies reaches the Markdown', () => {
  assert.ok(!summary.includes('<img'));
});

test('a fence is always longer than any backtick run in its text', () => {
  assert.equal(mdFence('a ``` b'), '````text\na ``` b\n````');
  assert.equal(mdFence('plain'), '```text\nplain\n```');
});
