import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  csvField,
  diffMatrix,
  grantingText,
  esc,
  matrixCsv,
  matrixHtml,
  matrixJson,
  matrixMarkdown,
  matrixOutput,
  parseMatrixJson,
  readMessages,
  linkEvidence,
  type MatrixCell,
} from '../../src/reports';
import { fixtureCells, fixtureEnvelopes } from './fixture';

const run = readMessages(fixtureEnvelopes());
const linked = linkEvidence(fixtureCells(), run.features);
const cells = linked.cells;
const cell = (principal: string, action: string, cls: string, from: readonly MatrixCell[] = cells): MatrixCell => {
  const c = from.find((x) => x.principal === principal && x.action === action && x.resourceClass === cls);
  assert.ok(c, `no cell ${principal} ${action} ${cls}`);
  return c;
};

test('a cell is asserted only by a scenario that decided exactly its request, with its outcome', () => {
  const del = cell('operator', 'mq:DeleteBroker', 'brokers environment=production');
  assert.deepEqual(del.assertedBy.map((a) => [a.scenario, a.passed]), [['the operator cannot delete a production broker', true]]);
  const row = cell('operator', 'mq:RebootBroker', 'brokers environment=dev');
  assert.equal(row.assertedBy[0]?.scenario, 'rebooting depends on the environment tag (brokers: broker=orders-dev, outcome=allowed)');
  assert.equal(cell('auditor', 'mq:RebootBroker', 'brokers environment=dev').assertedBy.length, 0);
});

test('a scenario whose expectation contradicts the matrix is an error, never a tick', () => {
  assert.deepEqual(linked.contradictions.map((c) => [c.scenario, c.engineDisagrees, c.why]), [
    ['a wrong expectation fails with the explanation', false, 'the scenario expected allowed; the same request is explicitly denied (policies/identity/operator.json:10 statement 1 (DenyProductionChanges))'],
  ]);
  // The same request decided differently by the matrix: the two evaluations disagree, which the CLI reports as a harness error.
  const flipped = fixtureCells().map((c) => (c.principal === 'operator' && c.action === 'mq:DescribeBroker' && c.resourceClass === 'brokers environment=production' ? { ...c, outcome: 'ImplicitDeny' as const } : c));
  const again = linkEvidence(flipped, run.features);
  const disagreement = again.contradictions.find((c) => c.engineDisagrees);
  assert.equal(disagreement?.scenario, 'the operator can describe any broker');
  assert.equal(cell('operator', 'mq:DescribeBroker', 'brokers environment=production', again.cells).assertedBy.length, 0);
});

test('a scenario with another context is related evidence with its difference, never a tick', () => {
  const c = cell('auditor', 'mq:ListBrokers', '*');
  assert.equal(c.assertedBy.length, 0);
  assert.deepEqual(c.related?.map((r) => [r.scenario, r.differences]), [['the auditor asks without a region', ['aws:RequestedRegion is absent, not eu-west-1']]]);
  assert.match(matrixHtml([c]), /class="rel"[^>]*title="the auditor asks without a region: allowed; differs: aws:RequestedRegion is absent, not eu-west-1"/);
});

test('a class cell needs every resource of the class; one of two is related evidence', () => {
  const devArn = cell('auditor', 'mq:DeleteBroker', 'brokers environment=dev').resource;
  const members = new Map([['brokers environment=dev', [devArn, 'arn:aws:mq:eu-west-1:111122223333:broker:other-dev:b-9999']]]);
  const partial = cell('auditor', 'mq:DeleteBroker', 'brokers environment=dev', linkEvidence(fixtureCells(), run.features, members).cells);
  assert.equal(partial.assertedBy.length, 0);
  assert.deepEqual(partial.related?.map((r) => r.differences), [['decided 1 of the 2 resources the cell stands for']]);
  const whole = cell('auditor', 'mq:DeleteBroker', 'brokers environment=dev', linkEvidence(fixtureCells(), run.features, new Map([['brokers environment=dev', [devArn]]])).cells);
  assert.equal(whole.assertedBy.length, 1);
});

test('a cell that summarises a split class by counts is never ticked', () => {
  const base = cell('operator', 'mq:RebootBroker', 'brokers environment=dev');
  const counted = { ...base, resourceClass: 'brokers environment=dev [Allowed: 3 of 12]', assertedBy: [] };
  assert.equal(linkEvidence([counted], run.features).cells[0]!.assertedBy.length, 0);
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
  assert.match(text, /\| auditor \| mq:RebootBroker \| _implicitly denied_ \| implicitly denied \|  \|/);
  assert.match(text, /\| operator \| mq:RebootBroker \| allowed \| explicitly denied \|  \|/);
});

test('HTML fragment: outcome classes, links to statements and scenarios, unasserted marked, names escaped', () => {
  const hostile: MatrixCell = { principal: '<b>x</b>', action: 'mq:ListBrokers', resourceClass: '"><script>', resource: '*', outcome: 'CannotDecide', determining: [], assertedBy: [] };
  const html = matrixHtml([...cells, hostile]);
  assert.match(html, /<td class="o-explicit" title="[^"]*"><a href="#st-identity-operator-1">explicitly denied<\/a> <a class="as" href="#sc-\d+">✓1<\/a><\/td>/);
  assert.match(html, /class="o-implicit unasserted"/);
  assert.ok(!html.includes('<b>x</b>') && !html.includes('"><script>'));
  assert.ok(html.includes('&lt;b&gt;x&lt;/b&gt;'));
  assert.equal(matrixOutput(cells, 'html'), `${matrixHtml(cells)}\n`);
});

test('diff: changed, new and removed cells, nothing for unchanged ones', () => {
  const changes = diffMatrix(fixtureCells('previous-matrix.json'), cells);
  assert.deepEqual(changes.map(({ determining, ...rest }) => rest), [
    { principal: 'auditor', action: 'mq:CreateBroker', resourceClass: '*', before: 'ImplicitDeny' },
    { principal: 'auditor', action: 'mq:ListBrokers', resourceClass: '*', after: 'Allowed' },
    { principal: 'operator', action: 'mq:DeleteBroker', resourceClass: 'brokers environment=dev', before: 'ImplicitDeny', after: 'Allowed' },
  ]);
  assert.deepEqual(diffMatrix(cells, cells), []);
  // A new allow carries what grants it now.
  assert.ok((changes.find((c) => c.after === 'Allowed' && c.before === 'ImplicitDeny')?.determining ?? []).length > 0);
});

test('esc leaves no markup character in any string', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      const e = esc(s);
      return !/[<>"']/.test(e) && e.replace(/&(amp|lt|gt|quot|#39);/g, '').indexOf('&') === -1;
    }),
  );
});

test('diff: a class split into per-resource cells is compared resource by resource with the whole-class cell', () => {
  const base = cell('operator', 'mq:RebootBroker', 'brokers environment=production');
  const split = [
    { ...base, resourceClass: 'brokers environment=production: orders-prod', outcome: 'Allowed' as const },
    { ...base, resourceClass: 'brokers environment=production: payments-prod' },
  ];
  const changes = diffMatrix([base], split);
  assert.deepEqual(changes.map((c) => [c.resourceClass, c.before, c.after]), [['brokers environment=production: orders-prod', 'ExplicitDeny', 'Allowed']]);
  assert.deepEqual(diffMatrix(split, [base]).map((c) => [c.resourceClass, c.before, c.after]), [['brokers environment=production: orders-prod', 'Allowed', 'ExplicitDeny']]);
});

test('a new allow is granted by identity statements; SCPs and boundaries only permit', () => {
  const determining: MatrixCell['determining'] = [
    { policy: 'FullAWSAccess', kind: 'scp', level: 0, statementIndex: 0, effect: 'Allow' },
    { policy: 'mq-operator', kind: 'identity', file: 'policies/identity/mq-operator.yaml', line: 11, statementIndex: 1, sid: 'OperateBrokers', effect: 'Allow' },
    { policy: 'developer-boundary', kind: 'boundary', statementIndex: 0, effect: 'Allow' },
  ];
  assert.equal(grantingText(determining), 'policies/identity/mq-operator.yaml:11 statement 1 (OperateBrokers)');
});
