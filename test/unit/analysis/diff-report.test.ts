import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeMarkdown, diffMarkdown, mutationMarkdown, type AnalyzeResult, type DiffDocument, type MutationReport } from '../../../src/analysis';

function change(principal: string, newAllow: boolean, action = 'mq:RebootBroker'): DiffDocument['changes'][number] {
  return {
    principal,
    action,
    class: '0.1',
    request: { principal: `arn:aws:iam::111122223333:user/${principal}`, action, resource: 'arn:aws:mq:eu-west-1:111122223333:broker:b:b-1', context: { 'aws:ResourceTag/environment': 'production', 'aws:RequestedRegion': 'eu-west-1' } },
    before: newAllow ? 'ExplicitDeny' : 'Allowed',
    after: newAllow ? 'Allowed' : 'ImplicitDeny',
    beforeDetermining: [{ policy: 'deny-prod', kind: 'identity', file: 'policies/identity/deny-prod.json', line: 4, statementIndex: 0, sid: 'DenyProd', effect: 'Deny' }],
    afterDetermining: [{ policy: `own-${principal}`, kind: 'identity', file: `policies/identity/own-${principal}.json`, line: 4, statementIndex: 0, sid: 'Own', effect: 'Allow' }],
    newAllow,
    ...(newAllow ? { cause: ['policies/identity/deny-prod.json:4 statement 0 (Sid DenyProd) changed'], causeAlone: true } : {}),
    approximate: [],
  };
}

test('the Markdown stays under the limit at organization scale and never cuts a new allow', () => {
  const names = Array.from({ length: 3000 }, (_, i) => `user-${i}`);
  const doc: DiffDocument = { format: 'mq-policy-diff/1', base: 'a', head: 'b', principals: names, actions: ['mq:RebootBroker', 'mq:DeleteBroker'], classes: 9000, edits: ['x changed'], changes: [...names.map((n) => change(n, true)), ...names.map((n) => change(n, false, 'mq:DeleteBroker'))], acceptanceProblems: [] };
  const md = diffMarkdown(doc);
  assert.ok(md.length <= 60_000, `${md.length} characters`);
  for (const n of names) assert.ok(md.includes(`${n},`) || md.includes(`${n} —`) || md.includes(`${n}\n`), `${n} is named`);
  assert.match(md, /more groups of changes that grant nothing new/);
});

test('small diffs show every change with its request and deciding statements', () => {
  const doc: DiffDocument = { format: 'mq-policy-diff/1', base: 'a', head: 'b', principals: ['op'], actions: ['mq:RebootBroker'], classes: 4, edits: [], changes: [change('op', true)], acceptanceProblems: [] };
  const md = diffMarkdown(doc);
  assert.match(md, /NEW ALLOW: op mq:RebootBroker — explicitly denied → allowed/);
  assert.match(md, /aws:ResourceTag\/environment="production"/);
  assert.match(md, /deny-prod\.json:4 statement 0 \\\(Sid DenyProd, Deny\\\)/);
  assert.match(md, /opened by: policies\/identity\/deny-prod\.json:4/);
});

test('store text cannot change the Markdown of a pull-request comment: Sids, names and reasons are escaped', () => {
  const hostile = '<img src=x onerror=alert(1)> | **bold** `code`';
  const c = change('op', true);
  const doc: DiffDocument = {
    format: 'mq-policy-diff/1', base: 'a', head: 'b', principals: ['op'], actions: ['mq:RebootBroker'], classes: 4, edits: [`${hostile} changed`],
    changes: [{ ...c, principal: hostile, afterDetermining: [{ ...c.afterDetermining[0]!, sid: hostile }], cause: [hostile] }],
    acceptanceProblems: [hostile],
  };
  const texts = [diffMarkdown(doc)];
  const analysis = { statements: [{ policy: 'p', kind: 'identity', file: 'policies/identity/p.json', line: 3, statementIndex: 0, sid: hostile, effect: 'Allow', verdict: 'dead', holders: [hostile], approximate: [] }], overPermissive: [{ principal: hostile, actions: ['mq:*'] }], classes: 1 } as unknown as AnalyzeResult;
  texts.push(analyzeMarkdown(analysis));
  const mutation: MutationReport = {
    mutants: [{ id: 'm1', operator: 'flip-effect' as MutationReport['mutants'][number]['operator'], description: hostile, policy: 'p', file: 'policies/identity/p.json', line: 3, statementIndex: 0, sid: hostile, status: 'surviving', approximate: [], request: { principal: 'arn:aws:iam::111122223333:user/op', principalName: hostile, action: 'mq:RebootBroker', resource: '*', context: { 'aws:ResourceTag/team': hostile }, before: 'ImplicitDeny', after: 'Allowed' } }],
    killed: 0, surviving: 1, equivalent: 0, score: 0, expectations: 1, unreplayable: [],
  };
  texts.push(mutationMarkdown(mutation));
  for (const text of texts) {
    assert.doesNotMatch(text, /<img/, text);
    assert.doesNotMatch(text, /\*\*bold\*\*/, 'Markdown emphasis from store text is neutralised');
    assert.doesNotMatch(text, /(?<!\\)\| \*\*bold/, 'a | from store text does not open a table cell');
  }
});
