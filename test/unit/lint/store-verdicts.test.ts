import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { storeVerdicts } from '../../../src/analysis/store-verdicts';
import { formatSarif, lint, type Finding, type LintReport } from '../../../src/lint';
import { fingerprint } from '../../../src/lint/format';
import { loadPolicyStore, memoryStoreFiles, readDocument } from '../../../src/load';
import type { PolicyKind } from '../../../src/model';
import { policy, TODAY } from './helpers';

/** A store of policy files (store-relative path → text) and one principals.yaml, linted with its analysis. */
function lintStore(policies: Record<string, string>, principals: string, waivers?: string): LintReport {
  const inventory = 'brokers:\n  orders-dev:\n    id: b-1f0e6c2a-4b7d-4e11-9a55-0c3d2e8f7a10\n    region: eu-west-1\n    tags: {team: orders}\n';
  const files = new Map<string, string>([...Object.entries(policies), ['principals.yaml', principals], ['inventory.yaml', inventory]]);
  const loaded = loadPolicyStore(memoryStoreFiles(files, 'policies', 'policies/'));
  assert.ok(loaded.store, `the test store loads: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  const kind = (path: string): PolicyKind => (path.startsWith('boundaries/') ? 'boundary' : path.startsWith('scps/') ? 'scp' : path.startsWith('sessions/') ? 'session' : 'identity');
  const documents = Object.entries(policies).map(([path, text]) => ({ file: `policies/${path}`, kind: kind(path), read: readDocument(text, 'json') }));
  return lint(documents, { today: TODAY, analysis: storeVerdicts(loaded.store, { actions: ACTIONS }), ...(waivers !== undefined ? { waivers: { file: 'policies/waivers.yaml', read: readDocument(waivers, 'yaml') } } : {}) });
}

/** The actions these stores name (the analysis of all 71 would only make the tests slower). */
const ACTIONS = ['mq:RebootBroker', 'mq:DescribeBroker', 'mq:DeleteBroker', 'mq:ListBrokers'];
const USER = (policies: string[]): string => `account: "111122223333"\nusers:\n  dev:\n    userName: dev\n    tags: {team: payments}\n    policies: [${policies.join(', ')}]\n`;
const of = (r: LintReport, code: string): Finding[] => r.findings.filter((f) => f.code === code);

const reboot = (extra: object = {}): object => ({ Sid: 'Reboot', Effect: 'Allow', Action: 'mq:RebootBroker', Resource: '*', ...extra });
const teamIs = (team: string): object => ({ Condition: { StringEquals: { 'aws:PrincipalTag/team': team } } });

describe('lint: store-wide verdicts of the analysis', () => {
  it('statement-never-decides: an Allow whose condition its only holder never meets grants nothing; a met one is silent', () => {
    const r = lintStore({ 'identity/ops.json': policy(reboot(teamIs('orders')), { Sid: 'Describe', Effect: 'Allow', Action: 'mq:DescribeBroker', Resource: '*', ...teamIs('payments') }) }, USER(['ops']));
    const [f, ...rest] = of(r, 'statement-never-decides');
    assert.equal(rest.length, 0, 'the statement whose condition holds is silent');
    assert.equal(f!.severity, 'warning');
    assert.deepEqual([f!.location.sid, f!.location.line, f!.location.pointer], ['Reboot', 4, '/Statement/0']);
    assert.match(f!.message, /this Allow applies to no request that the principals holding it \(`dev`\) can make.*so it grants nothing/);
  });

  it('statement-never-decides says a Deny protects nothing', () => {
    const r = lintStore({ 'identity/ops.json': policy(reboot(), { Sid: 'NoOrders', Effect: 'Deny', Action: 'mq:RebootBroker', Resource: '*', ...teamIs('orders') }) }, USER(['ops']));
    assert.match(of(r, 'statement-never-decides')[0]!.message, /this Deny .* so it protects nothing/);
  });

  it('policy-held-by-no-principal: one finding for a policy nobody attaches, none for the attached one', () => {
    const r = lintStore({ 'identity/ops.json': policy(reboot()), 'identity/spare.json': policy(reboot(), { Sid: 'Two', Effect: 'Deny', Action: 'mq:DeleteBroker', Resource: '*' }) }, USER(['ops']));
    const f = of(r, 'policy-held-by-no-principal');
    assert.equal(f.length, 1);
    assert.equal(f[0]!.location.file, 'policies/identity/spare.json');
    assert.equal(f[0]!.severity, 'suggestion');
    assert.match(f[0]!.message, /no principal holds `spare` \(no user, group or role of principals\.yaml attaches it\), so none of its 2 statements decides any request/);
    assert.equal(of(r, 'statement-never-decides').length, 0, 'not held is said once, not as never-decides per statement');
  });

  it('statement-redundant: the same grant twice is redundant in each place; a single grant is silent', () => {
    const twice = lintStore({ 'identity/a.json': policy(reboot()), 'identity/b.json': policy(reboot()) }, USER(['a', 'b']));
    assert.deepEqual(of(twice, 'statement-redundant').map((f) => [f.location.file, f.severity]), [['policies/identity/a.json', 'suggestion'], ['policies/identity/b.json', 'suggestion']]);
    assert.match(of(twice, 'statement-redundant')[0]!.message, /removing this Allow changes no decision of the principals holding it \(`dev`\)/);
    assert.match(of(twice, 'statement-redundant')[0]!.fix!, /remove one at a time/);
    assert.equal(of(lintStore({ 'identity/a.json': policy(reboot()) }, USER(['a'])), 'statement-redundant').length, 0);
  });

  it('statement-shadowed: an Allow every request of which a Deny denies names that Deny (file:line, Sid); a narrower Deny is silent', () => {
    const denyAll = policy({ Sid: 'NoReboots', Effect: 'Deny', Action: 'mq:RebootBroker', Resource: '*' });
    const r = lintStore({ 'identity/ops.json': policy(reboot()), 'identity/guard.json': denyAll }, USER(['ops', 'guard']));
    const [f] = of(r, 'statement-shadowed');
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.location.file, 'policies/identity/ops.json');
    assert.equal(f!.location.sid, 'Reboot');
    assert.match(f!.message, /is denied anyway, by: policies\/identity\/guard\.json:4 statement 0 \(Sid NoReboots, Deny\)/);
    const narrow = policy({ Sid: 'NoProdReboots', Effect: 'Deny', Action: 'mq:RebootBroker', Resource: 'arn:aws:mq:*:*:broker:prod-*' });
    assert.equal(of(lintStore({ 'identity/ops.json': policy(reboot()), 'identity/guard.json': narrow }, USER(['ops', 'guard'])), 'statement-shadowed').length, 0);
  });

  it('statement-shadowed names a guardrail too: a permissions boundary that does not allow the action', () => {
    const principals = USER(['ops']).replace('    policies: [ops]\n', '    policies: [ops]\n    boundary: describe-only\n');
    const r = lintStore({ 'identity/ops.json': policy(reboot(), { Sid: 'Describe', Effect: 'Allow', Action: 'mq:DescribeBroker', Resource: '*' }), 'boundaries/describe-only.json': policy({ Sid: 'OnlyDescribe', Effect: 'Allow', Action: 'mq:Describe*', Resource: '*' }) }, principals);
    const f = of(r, 'statement-shadowed');
    assert.deepEqual(f.map((x) => x.location.sid), ['Reboot']);
    assert.match(f[0]!.message, /is denied anyway, by: no Allow in the permissions boundary/);
  });

  it('principal-over-permissive: a change action allowed everywhere is a warning, read-only ones a suggestion, a Region condition silences it', () => {
    const write = of(lintStore({ 'identity/ops.json': policy(reboot()) }, USER(['ops'])), 'principal-over-permissive');
    assert.equal(write.length, 1);
    assert.equal(write[0]!.severity, 'warning');
    assert.equal(write[0]!.location.sid, 'Reboot');
    assert.match(write[0]!.message, /^`dev` may call `mq:RebootBroker` on every resource of its account in every context through this statement/);
    const read = of(lintStore({ 'identity/ops.json': policy({ Sid: 'List', Effect: 'Allow', Action: 'mq:ListBrokers', Resource: '*' }) }, USER(['ops'])), 'principal-over-permissive');
    assert.equal(read[0]!.severity, 'suggestion');
    const region = policy(reboot({ Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }));
    assert.equal(of(lintStore({ 'identity/ops.json': region }, USER(['ops'])), 'principal-over-permissive').length, 0);
  });

  it('a verdict that rests on an approximate class says "approximate" and why, and is never an error', () => {
    // One key compared by two operator families makes the classes of mq:RebootBroker approximate.
    const r = lintStore(
      {
        'identity/a.json': policy(reboot({ Sid: 'Big', Condition: { StringEquals: { 'aws:ResourceTag/size': 'big' } } }), reboot({ Sid: 'Small', Condition: { NumericLessThan: { 'aws:ResourceTag/size': '5' } } })),
        'identity/b.json': policy(reboot()),
      },
      USER(['a', 'b']),
    );
    const redundant = of(r, 'statement-redundant').filter((f) => f.location.file === 'policies/identity/a.json');
    assert.equal(redundant.length, 2);
    for (const f of redundant) {
      assert.match(f.message, /\(approximate: [^)]*aws:resourcetag\/size/i);
      assert.notEqual(f.severity, 'error');
    }
  });

  it('a statement that also names actions outside the analysis gets no verdict finding', () => {
    const r = lintStore({ 'identity/a.json': policy(reboot()), 'identity/b.json': policy({ Sid: 'AlsoS3', Effect: 'Allow', Action: ['mq:RebootBroker', 's3:GetObject'], Resource: '*' }) }, USER(['a', 'b']));
    assert.deepEqual(of(r, 'statement-redundant').map((f) => f.location.file), ['policies/identity/a.json']);
  });

  it('a waiver accepts a verdict finding like any other; a run that skipped the analysis leaves its waivers alone', () => {
    const waiver = 'waivers:\n  - code: statement-redundant\n    file: policies/identity/a.json\n    sid: Reboot\n    owner: sec\n    reason: kept on purpose\n    expires: 2027-01-31\n';
    const r = lintStore({ 'identity/a.json': policy(reboot()), 'identity/b.json': policy(reboot()) }, USER(['a', 'b']), waiver);
    const f = of(r, 'statement-redundant');
    assert.deepEqual(f.map((x) => x.waived?.reason), ['kept on purpose', undefined]);
    assert.equal(r.summary.waived, 1);
    const skipped = lint([{ file: 'policies/identity/a.json', kind: 'identity', read: readDocument(policy(reboot()), 'json') }], { today: TODAY, analysis: { skipped: '`--no-analysis`' }, waivers: { file: 'policies/waivers.yaml', read: readDocument(waiver, 'yaml') } });
    assert.equal(skipped.findings.filter((x) => x.code === 'unused-waiver').length, 0);
    assert.deepEqual(skipped.notes, ['store-wide checks (statement-never-decides, statement-redundant, statement-shadowed, principal-over-permissive, policy-held-by-no-principal) skipped: `--no-analysis`']);
  });

  it('SARIF: each verdict rule has help text and a link, results keep their fingerprint when lines move, the note is an execution notification', () => {
    const text = policy(reboot());
    const moved = `\n\n${text}`;
    const sarif = (t: string) => JSON.parse(formatSarif(lintStore({ 'identity/a.json': t, 'identity/b.json': policy(reboot()), 'identity/spare.json': policy(reboot()) }, USER(['a', 'b'])), { name: 'mq-policy', version: '0' })) as { runs: [{ tool: { driver: { rules: { id: string; helpUri: string; help: { text: string } }[] } }; results: { ruleId: string; partialFingerprints: Record<string, string>; locations: [{ physicalLocation: { region: { startLine: number } } }] }[]; invocations: [{ toolExecutionNotifications: { level: string; message: { text: string } }[] }] }] };
    const [a, b] = [sarif(text).runs[0], sarif(moved).runs[0]];
    for (const id of ['statement-redundant', 'policy-held-by-no-principal', 'principal-over-permissive']) {
      const rule = a.tool.driver.rules.find((x) => x.id === id)!;
      assert.ok(rule, `rule ${id} is listed`);
      assert.match(rule.helpUri, /^https:\/\/docs\.aws\.amazon\.com\//);
      assert.match(rule.help.text, /every request class/);
    }
    const redundantOf = (run: typeof a) => run.results.find((x) => x.ruleId === 'statement-redundant')!;
    assert.notEqual(redundantOf(a).locations[0].physicalLocation.region.startLine, redundantOf(b).locations[0].physicalLocation.region.startLine, 'the lines moved');
    assert.deepEqual(redundantOf(a).partialFingerprints, redundantOf(b).partialFingerprints);
    assert.deepEqual(a.invocations[0].toolExecutionNotifications, [{ level: 'note', message: { text: 'store-wide checks over 1 principal and ' + a.invocations[0].toolExecutionNotifications[0]!.message.text.split(' and ')[1] } }]);
    assert.match(a.invocations[0].toolExecutionNotifications[0]!.message.text, /^store-wide checks over 1 principal and [\d,]+ request classes$/);
  });
});

void fingerprint;

describe('store-wide verdicts of named files', () => {
  it('are those of the whole-store run, over only the holders and the actions the files name', async () => {
    const { resolve } = await import('node:path');
    const shipped = loadPolicyStore(resolve(__dirname, '../../../policies')).store!;
    const whole = storeVerdicts(shipped);
    for (const name of ['mq-describe-read-only', 'deny-production-changes', 'developer-boundary', 'read-only-session']) {
      const one = storeVerdicts(shipped, { policies: [name] });
      assert.deepEqual(one.result.statements, whole.result.statements.filter((s) => s.policy === name), name);
      assert.ok(one.result.classes < whole.result.classes, `${name}: fewer classes decided`);
    }
  });
});
