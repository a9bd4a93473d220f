// The analysis sections of the reports: the access diff of `test --baseline REV`, the mutation score and the
// analysis verdicts beside coverage. Content, gate, escaping and the summary's size bound.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnalyzeResult, DiffDocument, MutationReport } from '../../src/analysis';
import { accessDiffGate, accessDiffMarkdown, buildReports, SUMMARY_LIMIT, type AccessDiff, type MutationEvidence } from '../../src/reports';
import { fixtureCells, fixtureEnvelopes, fixtureStatements, HOSTILE } from './fixture';

type Change = DiffDocument['changes'][number];

function change(principal: string, newAllow: boolean, options: { action?: string; accepted?: Change['accepted'] } = {}): Change {
  const action = options.action ?? 'mq:RebootBroker';
  return {
    principal,
    action,
    class: '0.1',
    request: { principal: `arn:aws:iam::111122223333:user/${principal}`, action, resource: 'arn:aws:mq:eu-west-1:111122223333:broker:orders-prod:b-1', context: { 'aws:ResourceTag/environment': 'production' } },
    before: newAllow ? 'ExplicitDeny' : 'Allowed',
    after: newAllow ? 'Allowed' : 'ImplicitDeny',
    beforeDetermining: [{ policy: 'deny-prod', kind: 'identity', file: 'policies/identity/deny-prod.json', line: 4, statementIndex: 0, sid: 'DenyProd', effect: 'Deny' }],
    afterDetermining: [{ policy: 'operator', kind: 'identity', file: 'policies/identity/operator.json', line: 9, statementIndex: 1, sid: 'OperateBrokers', effect: 'Allow' }],
    newAllow,
    ...(newAllow ? { cause: ['policies/identity/deny-prod.json:4 statement 0 (Sid DenyProd) changed'], causeAlone: true } : {}),
    ...(options.accepted ? { accepted: options.accepted } : {}),
    approximate: [],
  };
}

function diffOf(changes: Change[], invalidAcceptances: string[] = []): AccessDiff {
  const principals = [...new Set(changes.map((c) => c.principal))];
  return { label: 'origin/main', invalidAcceptances, doc: { format: 'mq-policy-diff/1', base: 'origin/main', head: 'working tree', principals, actions: ['mq:RebootBroker', 'mq:DeleteBroker'], classes: 1234, edits: ['policies/identity/deny-prod.json:4 statement 0 changed'], changes, acceptanceProblems: [] } };
}

const build = (extra: { accessDiff?: AccessDiff; mutation?: MutationEvidence; analysis?: { result: AnalyzeResult } }) =>
  buildReports({ envelopes: fixtureEnvelopes(), statements: fixtureStatements(), matrixCells: fixtureCells(), ...extra });

test('a new allow nobody accepted fails the run: verdict line, JUnit case, banner, and the section names its request', () => {
  const built = build({ accessDiff: diffOf([change('operator', true), change('auditor', false)]) });
  const summary = built.files['summary.md']!;
  assert.match(summary.split('\n')[0]!, /^## ❌ mq-policy: .*1 newly allowed request class against origin\/main not accepted in accepted-changes\.yaml$/);
  const section = summary.slice(summary.indexOf('### New access over every request against origin/main'));
  assert.ok(summary.indexOf('### New access over every request') < summary.indexOf('### Failures'), 'the diff comes before everything but the verdict');
  assert.match(section, /❌ 1 newly allowed request class against origin\/main not accepted/);
  assert.match(section, /2 principals × 2 actions, 1,234 request classes compared \\\(origin\/main → working tree\\\)/);
  // New allows first, with the request, both decisions with their statements, and the edit that opens it.
  assert.ok(section.indexOf('**operator · mq:RebootBroker**') < section.indexOf('**auditor · mq:RebootBroker**'));
  assert.match(section, /⚠️ \*\*operator · mq:RebootBroker\*\*: explicitly denied → \*\*allowed\*\* \(new allow, not accepted\)/);
  assert.match(section, /request: mq:RebootBroker on arn:aws:mq:eu-west-1:111122223333:broker:orders-prod:b-1 as arn:aws:iam::111122223333:user\/operator; context aws:ResourceTag\/environment="production"/);
  assert.match(section, /before: policies\/identity\/deny-prod\.json:4 statement 0 \\\(Sid DenyProd, Deny\\\)/);
  assert.match(section, /after: policies\/identity\/operator\.json:9 statement 1 \\\(Sid OperateBrokers, Allow\\\)/);
  assert.match(section, /opened by: policies\/identity\/deny-prod\.json:4 statement 0/);
  assert.match(built.files['junit.xml']!, /<testcase classname="mq-policy diff" name="nothing is newly allowed against origin\/main that accepted-changes\.yaml does not accept" time="0"><failure message="1 newly allowed request class/);
  const html = built.files['index.html']!;
  assert.match(html, /<section class="banner"[^>]*>.*mq-policy diff failed/s);
  const part = html.slice(html.indexOf('<section id="access-diff">'), html.indexOf('</section>', html.indexOf('<section id="access-diff">')));
  assert.match(part, /<p class="problems"><b>✗ 1 newly allowed request class against origin\/main not accepted/);
  assert.match(part, /<tr class="d-new-allow"><td>operator<\/td><td class="act">mq:RebootBroker<\/td><td><code>arn:aws:mq:eu-west-1:111122223333:broker:orders-prod:b-1<\/code>/);
  assert.ok(part.indexOf('<td>operator</td>') < part.indexOf('<td>auditor</td>'), 'new allows first');
  assert.match(part, /Sid OperateBrokers, Allow/);
  assert.match(built.files['access-diff.md']!, /operator · mq:RebootBroker/);
  assert.equal((JSON.parse(built.files['access-diff.json']!) as DiffDocument).changes.length, 2);
});

test('an accepted new allow is marked with owner, reason and expiry, and passes the gate', () => {
  const accepted = { owner: 'platform-security', reason: 'on-call reboots', expires: '2027-01-31' };
  const diff = diffOf([change('operator', true, { accepted })]);
  assert.deepEqual(accessDiffGate(diff), { pass: true, message: 'every one of 1 newly allowed request class against origin/main is accepted in accepted-changes.yaml' });
  const built = build({ accessDiff: diff });
  assert.doesNotMatch(built.files['summary.md']!.split('\n')[0]!, /accepted-changes/);
  assert.match(built.files['summary.md']!, /\(new allow, accepted by platform-security until 2027-01-31: on-call reboots\)/);
  assert.match(built.files['index.html']!, /<tr class="d-accepted">.*<span class="tag">accepted<\/span> by platform-security until 2027-01-31: on-call reboots/);
  assert.match(built.files['junit.xml']!, /<testcase classname="mq-policy diff" name="nothing is newly allowed[^"]*" time="0"\/>/);
});

test('a diff that only narrows access says "no new access" and passes', () => {
  const diff = diffOf([change('auditor', false)]);
  assert.equal(accessDiffGate(diff).pass, true);
  const built = build({ accessDiff: diff });
  assert.match(built.files['summary.md']!, /✅ no new access against origin\/main\./);
  assert.match(built.files['summary.md']!, /No new access: no request of any principal is allowed now that was not allowed at origin\/main\./);
  assert.match(built.files['index.html']!, /<p class="gate-pass"><b>✓ no new access against origin\/main\.<\/b><\/p>/);
});

test('a broken accepted-changes.yaml accepts nothing and fails the gate, saying why', () => {
  const diff = diffOf([change('auditor', false)], ['policies/accepted-changes.yaml at /accepted/0: entry 0 lacks `owner`']);
  const gate = accessDiffGate(diff);
  assert.equal(gate.pass, false);
  assert.match(gate.message, /accepted-changes\.yaml has 1 problem and accepts nothing until fixed/);
  const built = build({ accessDiff: diff });
  assert.ok(built.files['summary.md']!.includes('> ⚠️ policies/accepted-changes.yaml at /accepted/0: entry 0 lacks \\`owner\\`'), 'the problem is in the summary');
  assert.match(built.files['summary.md']!.split('\n')[0]!, /^## ❌ .*accepted-changes\.yaml has 1 problem/);
  assert.match(built.files['index.html']!, /<ul class="problems"><li>policies\/accepted-changes\.yaml at \/accepted\/0: entry 0 lacks `owner`<\/li><\/ul>/);
});

test('names from the store are escaped in the diff section (Markdown and HTML)', () => {
  const built = build({ accessDiff: diffOf([change(HOSTILE, true)]) });
  assert.ok(!built.files['summary.md']!.includes(HOSTILE));
  const html = built.files['index.html']!;
  assert.ok(!html.includes(HOSTILE) && html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
});

test('at organization scale the diff section keeps the summary under its limit and names every new access or the full list', () => {
  const names = Array.from({ length: 3000 }, (_, i) => `user-${String(i).padStart(4, '0')}`);
  const changes = [...names.map((n) => change(n, true)), ...names.map((n) => change(n, false, { action: 'mq:DeleteBroker' }))];
  const built = build({ accessDiff: diffOf(changes) });
  const summary = built.files['summary.md']!;
  assert.ok(summary.length < SUMMARY_LIMIT, `${summary.length} characters`);
  assert.match(summary, /- …and \d+ more newly allowed groups that do not fit in a pull-request comment; every one is in reports\/access-diff\.md/);
  for (const n of names) assert.ok(built.files['access-diff.md']!.includes(`**${n} · mq:RebootBroker**`), `${n} is in the full list`);
  // Fewer principals fit in one compact line per action and cause, every principal named.
  const some = names.slice(0, 400);
  const compact = accessDiffMarkdown(diffOf(some.map((n) => change(n, true))), 20_000, 'reports/access-diff.md');
  assert.ok(compact.length <= 20_000, `${compact.length}`);
  assert.match(compact, /\*\*mq:RebootBroker\*\* newly allowed in 400 classes for 400 principals: user-0000, user-0001/);
  for (const n of some) assert.ok(compact.includes(n), `${n} is named`);
});

function mutant(i: number, status: 'killed' | 'surviving' | 'equivalent'): MutationReport['mutants'][number] {
  return {
    id: `m${i}`,
    operator: 'drop-deny-action',
    description: `drop \`mq:RebootBroker\` from the Deny's actions (${i})`,
    policy: 'deny-prod',
    file: 'policies/identity/deny-prod.json',
    line: 4,
    statementIndex: 0,
    sid: 'DenyProd',
    status,
    ...(status === 'surviving' ? { request: { principal: 'arn:aws:iam::111122223333:user/op', principalName: 'operator', action: 'mq:RebootBroker', resource: 'arn:aws:mq:eu-west-1:111122223333:broker:orders-prod:b-1', context: { 'aws:ResourceTag/environment': 'production' }, before: 'ExplicitDeny' as const, after: 'Allowed' as const } } : {}),
    approximate: [],
  };
}

function mutation(survivors: number): MutationEvidence {
  const mutants = [mutant(0, 'killed'), mutant(1, 'equivalent'), ...Array.from({ length: survivors }, (_, i) => mutant(i + 2, 'surviving'))];
  return { kind: 'computed', report: { mutants, killed: 1, surviving: survivors, equivalent: 1, score: (100 * 1) / (1 + survivors), expectations: 26, unreplayable: [] }, scope: '3 mutants of the 1 policies some principal holds in policies, each re-decided against the 26 expectations this run recorded' };
}

test('the mutation score shows what it covered and every survivor with its place and a request it changes', () => {
  const built = build({ mutation: mutation(1) });
  const summary = built.files['summary.md']!;
  assert.match(summary, /### Mutation score \(`mq-policy mutate`\)\n\n- \*\*mutation score 50\.0% \\\(1 killed, 1 surviving, 1 equivalent, of 3 mutants; 26 recorded expectations re-decided per mutant\\\)\*\*\./);
  assert.match(summary, /- Covered: 3 mutants of the 1 policies/);
  assert.match(summary, /drop \\`mq:RebootBroker\\` from the Deny's actions \\\(2\\\) — policies\/identity\/deny-prod\.json:4 statement 0 \\\(Sid DenyProd\\\): operator mq:RebootBroker on arn:aws:mq:eu-west-1:111122223333:broker:orders-prod:b-1 with aws:ResourceTag\/environment="production": ExplicitDeny → Allowed/);
  const html = built.files['index.html']!;
  assert.match(html, /<section id="mutation"><h2>Mutation score<\/h2><p><b>mutation score 50\.0%/);
  assert.match(html, /<td>policies\/identity\/deny-prod\.json:4 statement 0 \(Sid DenyProd\)<\/td><td>operator mq:RebootBroker on/);
  assert.equal((JSON.parse(built.files['mutation.json']!) as { format: string }).format, 'mq-policy-mutation/1');
});

test('many survivors stay under the summary limit with a pointer to mutation.json', () => {
  const summary = build({ mutation: mutation(3000) }).files['summary.md']!;
  assert.ok(summary.length < SUMMARY_LIMIT, `${summary.length}`);
  assert.match(summary, /- …and \d+ more lines; every survivor is in reports\/mutation\.json\./);
});

test('a score not computed for this run is said plainly, never shown', () => {
  const built = build({ mutation: { kind: 'stale', why: 'mutation.json was computed on another version of the policy store; run `mq-policy mutate` again' } });
  assert.match(built.files['summary.md']!, /Mutation score not shown: mutation\.json was computed on another version of the policy store/);
  assert.doesNotMatch(built.files['summary.md']!, /mutation score \d/);
  assert.match(built.files['index.html']!, /<section id="mutation"><h2>Mutation score<\/h2><p class="muted">Not shown: mutation\.json was computed on another version/);
  assert.equal(built.files['mutation.json'], undefined);
});

test('coverage says "not exercised by any scenario"; analysis verdicts stand beside it when given', () => {
  const plain = build({});
  assert.doesNotMatch(plain.files['summary.md']!, /\bdead\b/);
  assert.match(plain.files['index.html']!, /<h3>Statements not exercised by any scenario<\/h3>.*<code>mq-policy test --analyze<\/code>/s);
  const statements = fixtureStatements();
  const verdicts: AnalyzeResult['statements'] = statements.map((s, i) => ({
    policy: s.policy,
    kind: s.kind as AnalyzeResult['statements'][number]['kind'],
    statementIndex: s.statementIndex,
    effect: s.effect,
    ...(s.file !== undefined ? { file: s.file } : {}),
    ...(s.line !== undefined ? { line: s.line } : {}),
    verdict: i === 2 ? 'dead' : i === 1 ? 'shadowed' : 'decisive',
    holders: i === 2 ? [] : ['operator'],
    ...(i === 1 ? { shadowedBy: ['policies/scps/root.json:3 statement 0 (Deny)'] } : {}),
    approximate: [],
  }));
  const built = build({ analysis: { result: { principals: ['operator'], classes: 99, statements: verdicts, overPermissive: [{ principal: 'operator', actions: ['mq:ListBrokers'] }] } } });
  const summary = built.files['summary.md']!;
  assert.match(summary, /Statements not exercised by any scenario \(coverage; beside each, what `mq-policy analyze` finds over every request\): 1\.\n  - .*operator\.json:18 statement 2 .* — analysis: dead: it can never matter/);
  assert.match(summary, /### What every statement does over every request \(`mq-policy analyze`\)\n\n- 1 dead, 1 shadowed, 0 redundant of 5 statements, over 99 request classes of 1 principals\./);
  assert.match(summary, /shadowed: every request it would allow is denied anyway \\\(by policies\/scps\/root\.json:3 statement 0 \\\(Deny\\\)\\\)/);
  assert.match(summary, /Over-permissive \(allowed on every resource in every context\): \*\*operator\*\*: mq:ListBrokers/);
  const html = built.files['index.html']!;
  assert.match(html, /<th>Analysis \(every request\)<\/th>/);
  assert.match(html, /<tr id="st-identity-operator-2" class="unexercised">.*<td>dead<\/td><\/tr>/);
  assert.match(html, /— analysis: <b>dead: it can never matter<\/b>/);
});

test('every section at organization scale at once: the summary still fits one pull-request comment', () => {
  const names = Array.from({ length: 3000 }, (_, i) => `user-${String(i).padStart(4, '0')}`);
  const run = buildReports({
    envelopes: fixtureEnvelopes(),
    statements: fixtureStatements(),
    matrixCells: fixtureCells(),
    baseline: { label: 'main', cells: fixtureCells('previous-matrix.json') },
    accessDiff: diffOf([...names.map((n) => change(n, true)), ...names.map((n) => change(n, false, { action: 'mq:DeleteBroker' }))], names.slice(0, 50).map((n) => `policies/accepted-changes.yaml at /accepted/${n}: entry lacks \`owner\``)),
    mutation: mutation(3000),
  });
  const summary = run.files['summary.md']!;
  assert.ok(summary.length < SUMMARY_LIMIT, `${summary.length} characters`);
  assert.match(summary.split('\n')[0]!, /^## ❌ /);
  assert.ok(summary.indexOf('### New access over every request') < summary.indexOf('### Access changes against main'));
});
