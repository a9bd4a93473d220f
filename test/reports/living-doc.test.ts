import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { buildReports, esc, formatDuration, isExpired } from '../../src/reports';
import { SCRIPT, SCRIPT_SHA256 } from '../../src/reports/living-doc-assets';
import { failureBanner } from '../../src/reports/controls-page';
import { fixtureCells, fixtureEnvelopes, fixtureStatements, fixtureWaivers, HOSTILE } from './fixture';

const built = buildReports({
  envelopes: fixtureEnvelopes(),
  statements: fixtureStatements(),
  matrixCells: fixtureCells(),
  waivers: fixtureWaivers(),
  meta: { commit: 'abc123', catalogVersion: 'test-catalog 1.0' },
});
const html = built.files['index.html'] ?? '';

test('the document stands alone: no external resource, one inline script allowed by its hash', () => {
  assert.doesNotMatch(html, /\b(src|href)="(?!#)/, 'only in-page links');
  assert.doesNotMatch(html, /@import|url\(|https?:\/\//);
  assert.equal(html.match(/<script/g)?.length, 1);
  assert.equal(createHash('sha256').update(SCRIPT, 'utf8').digest('base64'), SCRIPT_SHA256, 'update SCRIPT_SHA256 after editing SCRIPT');
  assert.match(html, new RegExp(`script-src 'sha256-${SCRIPT_SHA256.replace(/[+/=]/g, '\\$&')}'`));
  assert.match(html, /default-src 'none'/);
});

test('everything from scenarios, policies and inventory is escaped', () => {
  assert.ok(!html.includes(HOSTILE), 'scenario name must not appear as markup');
  assert.ok(html.includes(esc(HOSTILE)));
  assert.ok(!html.includes('<img src=x'), 'a Sid must not appear as markup');
  assert.ok(!html.includes('<i>platform</i>'), 'a tag value must not appear as markup');
  assert.ok(!html.includes('<b>quarterly</b>'), 'a waiver reason must not appear as markup');
});

test('run metadata is at the top: date, commit, catalog version, counts, duration, coverage', () => {
  for (const text of ['Run date', 'abc123', 'test-catalog 1.0', '10 (1 failed, 9 passed)', '25 (1 failed, 1 skipped, 23 passed)', 'Duration', '60% (3 of 5 statements)']) {
    assert.ok(html.includes(esc(text)), text);
  }
});

test('scenarios show status, plain-English steps and each decision with its explanation', () => {
  assert.match(html, /<article class="scenario s-failed" id="sc-\d+" data-status="failed">/);
  assert.ok(html.includes('<span class="kw">Given</span> the principal &quot;operator&quot;'));
  assert.equal(html.match(/<div class="decision /g)?.length, 11);
  assert.ok(html.includes('StringEquals aws:ResourceTag/environment: policy [production], request [production] -&gt; true'));
  assert.ok(html.includes('&quot;Sid&quot;: &quot;DenyProductionChanges&quot;'), 'decisive statement excerpt');
  assert.ok(html.includes('Missing context keys: <code>aws:RequestedRegion</code>'));
});

test('matrix, coverage and waivers sections are present, linked and marked', () => {
  assert.match(html, /<table class="matrix">/);
  assert.match(html, /<tr id="st-identity-operator-1">/, 'matrix links land on coverage rows');
  assert.match(html, /<tr id="st-identity-operator-2" class="unexercised">/);
  assert.match(html, /<tr class="expired"><td>missing-authorized-service<\/td>/);
  assert.match(html, /1 waiver\(s\) expired<\/b> as of \d{4}-\d\d-\d\d/);
});

test('the document stays small: no raw messages inside', () => {
  assert.ok(!html.includes('testCaseStartedId') && !html.includes('pickleStepId'));
  assert.ok(html.length < 60_000, `index.html is ${html.length} bytes`);
});

test('waiver expiry and durations', () => {
  const w = { code: 'c', location: 'l', owner: 'o', reason: 'r', expires: '2026-03-31' };
  assert.equal(isExpired(w, '2026-03-31T23:00:00Z'), false);
  assert.equal(isExpired(w, '2026-04-01T00:00:00Z'), true);
  assert.equal(formatDuration(1500), '1.5 s');
  assert.equal(formatDuration(125_000), '2 min 5 s');
});

test('without the statement list the coverage figure says it is partial', () => {
  const partial = buildReports({ envelopes: fixtureEnvelopes() }).files['index.html'] ?? '';
  assert.ok(partial.includes('statements that decisions mention; the store&#39;s statement list was not given'));
  assert.ok(!html.includes('statement list was not given'));
});

test('reproducible: property seeds (passing runs too), every file hash, the catalog version and the fixed clock with its reason', () => {
  const withStore = buildReports({
    envelopes: fixtureEnvelopes(),
    meta: { commit: 'abc123', catalogVersion: 'test-catalog 1.0', store: { root: 'policies', sha256: 'e'.repeat(64), files: [{ path: 'policies/identity/operator.json', sha256: 'd'.repeat(64) }] }, clock: { currentTime: '2026-11-24T10:00:00Z', why: 'the same request on every run' } },
  }).files['index.html'] ?? '';
  assert.match(withStore, /<td><a href="#sc-\d+">adding a Deny never allows more<\/a><\/td><td>100<\/td><td>held<\/td><td><code>MQ_POLICY_PROPERTY_SEED=4242<\/code><\/td>/);
  assert.match(withStore, /<td>policies\/identity\/operator\.json<\/td><td><code>d{64}<\/code><\/td>/);
  assert.match(withStore, /Catalog data test-catalog 1\.0/);
  assert.match(withStore, /<code>aws:CurrentTime<\/code> = <code>2026-11-24T10:00:00Z<\/code>: the same request on every run/);
  assert.match(withStore, /This run tests the policy files in <code>policies<\/code> of commit <code>abc123<\/code> \(content sha256 <code>e{64}<\/code>/);
});

test('a passing run has no failure banner; the matrix prints in column groups that repeat principal and action', () => {
  assert.equal(failureBanner({ causes: [], contradictions: [], gate: { pass: true, message: 'fine' } }), '');
  assert.ok(html.includes('id="failures"'));
  assert.match(html, /<div class="matrix-print"><h3>Access matrix, columns 1–3 of 3<\/h3><table class="matrix-p"><thead><tr><th>Principal<\/th><th>Action<\/th>/);
});

test('access changes against the baseline list new allows first, each with the statement that grants it', () => {
  const doc = buildReports({ envelopes: fixtureEnvelopes(), matrixCells: fixtureCells(), baseline: { label: 'main', cells: fixtureCells('previous-matrix.json') } }).files['index.html'] ?? '';
  const section = doc.slice(doc.indexOf('<section id="changes">'), doc.indexOf('</section>', doc.indexOf('<section id="changes">')));
  assert.match(section, /<h2>Access changes against main<\/h2><p>2 new allow\(s\) of 3 change\(s\)\.<\/p>/);
  const rows = section.split('<tr').slice(2);
  assert.ok(rows[0]!.startsWith(' class="o-allow"') && rows[1]!.startsWith(' class="o-allow"') && !rows[2]!.startsWith(' class="o-allow"'));
  assert.match(section, /<td>policies\/identity\/operator\.json:4 statement 0 \(AllowBrokerManagement\)<\/td>/);
});
