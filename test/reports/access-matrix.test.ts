import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  csvField,
  diffMatrix,
  esc,
  matrixCsv,
  matrixHtml,
  matrixJson,
  matrixMarkdown,
  matrixOutput,
  parseMatrixJson,
  readMessages,
  withAssertions,
  type MatrixCell,
} from '../../src/reports';
import { fixtureCells, fixtureEnvelopes } from './fixture';

const run = readMessages(fixtureEnvelopes());
const cells = withAssertions(fixtureCells(), run.features);
const cell = (principal: string, action: string, cls: string): MatrixCell => {
  const c = cells.find((x) => x.principal === principal && x.action === action && x.resourceClass === cls);
  assert.ok(c, `no cell ${principal} ${action} ${cls}`);
  return c;
};

test('cells are linked to the scenarios whose decisions assert them, with pass/fail', () => {
  const del = cell('operator', 'mq:DeleteBroker', 'brokers environment=production');
  assert.deepEqual(del.assertedBy.map((a) => [a.scenario, a.passed]), [
    ['the operator cannot delete a production broker', true],
    ['a wrong expectation fails with the explanation', false],
  ]);
  const row = cell('operator', 'mq:RebootBroker', 'brokers environment=dev');
  assert.equal(row.assertedBy[0]?.scenario, 'rebooting depends on the environment tag (brokers #1: broker=orders-dev, outcome=allowed)');
  assert.equal(cell('auditor', 'mq:RebootBroker', 'brokers environment=dev').assertedBy.length, 0);
  assert.equal(cells.filter((c) => c.assertedBy.length === 0).length, 6);
});

test('classOf lets a scenario on any resource of a class assert the class cell', () => {
  const byClass = withAssertions(fixtureCells(), run.features, (r) => (r.resourceTags?.['environment'] === 'dev' ? 'brokers environment=dev' : undefined));
  const c = byClass.find((x) => x.principal === 'auditor' && x.action === 'mq:DeleteBroker' && x.resourceClass === 'brokers environment=dev');
  assert.equal(c?.assertedBy.length, 1);
});

test('CSV: one row per cell, quoted where needed, formulas neutralised', () => {
  const csv = matrixCsv(cells);
  const lines = csv.trimEnd().split('\r\n');
  assert.equal(lines.length, cells.length + 1);
  assert.equal(lines[0], 'principal,action,resource_class,resource,outcome,determining,asserted_by');
  assert.match(csv, /operator,mq:DeleteBroker,brokers environment=production,arn:[^,]+,explicitly denied,policies\/identity\/operator.json:10 statement 1 \(DenyProductionChanges\),the operator cannot delete/);
  assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('plain'), 'plain');
});

test('JSON round-trips through parseMatrixJson, and bad input is one problem line', () => {
  const back = parseMatrixJson(matrixJson(cells));
  assert.ok(Array.isArray(back));
  assert.equal(back.length, cells.length);
  assert.equal(typeof parseMatrixJson('{"cells": [{"principal": "x"}]}'), 'string');
  assert.equal(typeof parseMatrixJson('nope'), 'string');
});

test('Markdown: one row per principal and action, unasserted cells in italics', () => {
  const text = matrixMarkdown(cells);
  assert.match(text, /^\| principal \| action \| brokers environment=dev \| brokers environment=production \| \\\* \|$/m);
  assert.match(text, /\| auditor \| mq:RebootBroker \| _implicitly denied_ \| _implicitly denied_ \|  \|/);
  assert.match(text, /\| operator \| mq:RebootBroker \| allowed \| explicitly denied \|  \|/);
});

test('HTML fragment: outcome classes, links to statements and scenarios, unasserted marked, names escaped', () => {
  const hostile: MatrixCell = { principal: '<b>x</b>', action: 'mq:ListBrokers', resourceClass: '"><script>', resource: '*', outcome: 'CannotDecide', determining: [], assertedBy: [] };
  const html = matrixHtml([...cells, hostile]);
  assert.match(html, /<td class="o-explicit" title="[^"]*"><a href="#st-identity-operator-1">explicitly denied<\/a> <a class="as" href="#sc-\d+">✓1<\/a> <a class="as" href="#sc-\d+">✗2<\/a><\/td>/);
  assert.match(html, /class="o-implicit unasserted"/);
  assert.ok(!html.includes('<b>x</b>') && !html.includes('"><script>'));
  assert.ok(html.includes('&lt;b&gt;x&lt;/b&gt;'));
  assert.equal(matrixOutput(cells, 'html'), `${matrixHtml(cells)}\n`);
});

test('diff: changed, new and removed cells, nothing for unchanged ones', () => {
  const changes = diffMatrix(fixtureCells('previous-matrix.json'), cells);
  assert.deepEqual(changes, [
    { principal: 'auditor', action: 'mq:CreateBroker', resourceClass: '*', before: 'ImplicitDeny' },
    { principal: 'auditor', action: 'mq:ListBrokers', resourceClass: '*', after: 'Allowed' },
    { principal: 'operator', action: 'mq:DeleteBroker', resourceClass: 'brokers environment=dev', before: 'ImplicitDeny', after: 'Allowed' },
  ]);
  assert.deepEqual(diffMatrix(cells, cells), []);
});

test('esc leaves no markup character in any string', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      const e = esc(s);
      return !/[<>"']/.test(e) && e.replace(/&(amp|lt|gt|quot|#39);/g, '').indexOf('&') === -1;
    }),
  );
});
