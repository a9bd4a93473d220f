import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildReports, mdFence, readMessages, summaryMarkdown, SUMMARY_LIMIT, type MatrixChange } from '../../src/reports';
import { fixtureCells, fixtureEnvelopes, fixtureStatements, fixtureWaivers } from './fixture';

const built = buildReports({
  envelopes: fixtureEnvelopes(),
  statements: fixtureStatements(),
  matrixCells: fixtureCells(),
  baseline: { label: 'main', cells: fixtureCells('previous-matrix.json') },
  waivers: fixtureWaivers(),
  coverageThreshold: 80,
  meta: { commit: 'abc123', store: { root: 'policies', sha256: 'f'.repeat(64), files: [{ path: 'policies/identity/operator.json', sha256: 'a'.repeat(64) }] } },
});
const summary = built.files['summary.md'] ?? '';

test('the first line says everything that failed: scenarios, evaluators that disagree, the coverage gate', () => {
  const first = summary.split('\n')[0];
  assert.equal(first, '## ❌ mq-policy: 1 of 10 scenarios did not pass; coverage gate failed: decisive-statement coverage 60% (3 of 5 statements) is below the threshold of 80%');
  assert.match(summaryMarkdown({ run: readMessages(fixtureEnvelopes()), contradictions: 2 }).split('\n')[0] ?? '', /; 2 scenario decision\(s\) differ from the access matrix for the same request$/);
  assert.match(summary, /This run tests the policy files in `policies` of commit abc123 \(content sha256 ffffffffffffffff…, 1 files\), not what is deployed in AWS\. Property seeds: 4242 \(`MQ_POLICY_PROPERTY_SEED` replays each\)\./);
});

test('new allows come first, each with the statement that grants it; then failures grouped by cause', () => {
  const allows = summary.indexOf('#### ⚠️ New allows (2)');
  assert.ok(allows > 0 && allows < summary.indexOf('### Failures'));
  assert.match(summary, /operator · mq:DeleteBroker · brokers environment=dev: implicitly denied → \*\*allowed\*\* — granted by policies\/identity\/operator\.json:4 statement 0 \\\(AllowBrokerManagement\\\)/);
  assert.match(summary, /### Failures: 1 scenario\(s\), 1 cause\(s\)\n\n- \*\*policies\/identity\/operator\.json:10 statement 1 \\\(DenyProductionChanges\\\)\*\*: 1 scenario\(s\)/);
  assert.match(summary, /operator mq:DeleteBroker orders-prod: expected allowed, got explicitly denied\n\s+explicitly denied by policies\/identity\/operator\.json:10/);
});

test('claims state their scope and near misses; coverage, gate and waivers follow', () => {
  assert.match(summary, /✅ nobody can call mq:RebootBroker on brokers tagged environment=production — all 2 principals of the store × 1 resource\\\(s\\\) selected by \\`brokers tagged environment=production\\` \\\(orders-prod\\\), under the default context and the store's own policies; 2 decisions; near misses: orders-dev \\\(tagged Environment=Production\\\)/);
  assert.match(summary, /Gate: ❌ decisive-statement coverage 60% \\\(3 of 5 statements\\\) is below the threshold of 80%/);
  assert.match(summary, /Statements not exercised by any scenario \(coverage; whether one can ever matter is analysis: `mq-policy test --analyze`\): 1\.\n  - .*operator\.json:18 statement 2 \\\(&lt;img/);
  assert.doesNotMatch(summary, /\bdead\b/, 'coverage never calls a statement dead: that is an analysis verdict');
  assert.match(summary, /1 waiver\(s\) have expired/);
  assert.ok(!summary.includes('<img'));
});

function change(i: number, after: MatrixChange['after'], before: MatrixChange['before']): MatrixChange {
  return { principal: `principal-${String(i).padStart(4, '0')}`, action: 'mq:DeleteBroker', resourceClass: 'brokers environment=production', ...(before ? { before } : {}), ...(after ? { after } : {}), determining: after === 'Allowed' ? [{ policy: 'p', kind: 'identity', statementIndex: 0, effect: 'Allow', file: 'policies/identity/p.json', line: 3 }] : [] };
}

test('a huge change set stays under the limit, never cuts a new allow, and points at the full list', () => {
  const run = readMessages(fixtureEnvelopes());
  const changes = [...Array.from({ length: 300 }, (_, i) => change(i, 'Allowed', 'ImplicitDeny')), ...Array.from({ length: 3000 }, (_, i) => change(i + 300, 'ExplicitDeny', 'Allowed'))];
  const text = summaryMarkdown({ run, matrixChanges: changes, baselineLabel: 'main', fullChangesFile: 'reports/matrix-changes.md' });
  assert.ok(text.length < SUMMARY_LIMIT, `${text.length} characters`);
  for (let i = 0; i < 300; i++) assert.ok(text.includes(`principal-${String(i).padStart(4, '0')} · mq:DeleteBroker`), `new allow ${i} is listed`);
  assert.match(text, /300 new allow\(s\), 3000 new deny\(s\), 0 other change\(s\)\./);
  assert.match(text, /- …and \d+ more in reports\/matrix-changes\.md/);
  assert.ok(text.indexOf('New allows') < text.indexOf('New denies'));
});

test('a clean run says so on its first line', () => {
  const run = readMessages(fixtureEnvelopes());
  const clean = { ...run, run: { ...run.run, success: true }, features: run.features.map((f) => ({ ...f, scenarios: f.scenarios.filter((s) => s.status === 'passed') })) };
  assert.match(summaryMarkdown({ run: clean }).split('\n')[0] ?? '', /^## ✅ mq-policy: all 9 scenarios passed$/);
});

test('a fence is always longer than any backtick run in its text', () => {
  assert.equal(mdFence('a ``` b'), '````text\na ``` b\n````');
  assert.equal(mdFence('plain'), '```text\nplain\n```');
});

test('more new allows than one comment holds: grouped by what grants them, every principal still named', () => {
  const run = readMessages(fixtureEnvelopes());
  const changes = Array.from({ length: 2000 }, (_, i) => ({ ...change(i, 'Allowed', 'ImplicitDeny'), action: `mq:Action${i % 4}` }));
  const text = summaryMarkdown({ run, matrixChanges: changes, baselineLabel: 'main', fullChangesFile: 'reports/matrix-changes.md' });
  assert.ok(text.length < SUMMARY_LIMIT, `${text.length} characters`);
  assert.match(text, /- mq:Action0 · brokers environment=production → \*\*allowed\*\* for 500: principal-0000, principal-0004/);
  for (let i = 0; i < 2000; i++) assert.ok(text.includes(`principal-${String(i).padStart(4, '0')}`), `principal ${i} is named`);
});
