import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { catalogVersion } from '../../../src/catalog';
import { runCli, type CliRun } from '../../support/run-cli';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'lint');
const PROJECT = join(FIXTURES, 'project');

async function mqPolicy(args: string[], cwd = PROJECT): Promise<{ code: number; stdout: string; stderr: string }> {
  return mqPolicyEnv(args, cwd, {});
}

const mqPolicyEnv = (args: string[], cwd: string, env: Record<string, string>): Promise<CliRun> => runCli(['lint', ...args], { cwd, env });

describe('mq-policy lint (CLI)', () => {
  it('lints the policy folders, skips data files, applies waivers and exits 0', async () => {
    const r = await mqPolicy([]);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /^4 files: 0 errors, 0 security warnings, 1 warning, 0 suggestions, 1 waived$/m);
    assert.ok(r.stdout.includes(catalogVersion()), 'prints the catalog version');
    assert.ok(!r.stdout.includes('principals.yaml') && !r.stdout.includes('waivers.yaml'));
    assert.match(r.stdout, /waived security-warning allow-all-mq/);
  });

  it('exits 3 on a typo, naming the file, the statement, the line and the suggestion', async () => {
    const r = await mqPolicy([join(FIXTURES, 'typo.json')], FIXTURES);
    assert.equal(r.code, 3);
    assert.match(r.stdout, /^typo\.json$/m);
    assert.match(r.stdout, /7:35 statement 0 \(Sid `DenyTagChangesOnProd`\) at \/Statement\/0\/Action\/1/);
    assert.match(r.stdout, /error unknown-action: `mq:DeleteTag`.*did you mean `mq:DeleteTags`\?/);
  });

  it('--fail-on lowers the bar: the waived security warning does not count, the warning does', async () => {
    assert.equal((await mqPolicy(['--fail-on', 'security-warning'])).code, 0);
    assert.equal((await mqPolicy(['--fail-on=warning'])).code, 3);
  });

  it('an expired waiver is an error and no longer waives', async () => {
    const r = await mqPolicy(['--waivers', join(FIXTURES, 'expired-waivers.yaml')]);
    assert.equal(r.code, 3);
    assert.match(r.stdout, /error waiver-expired: .*expired on 2001-01-31/);
    assert.match(r.stdout, /^ {4}security-warning allow-all-mq/m);
  });

  it('json output carries the catalog, the summary and located findings', async () => {
    const r = await mqPolicy(['--format', 'json', join(FIXTURES, 'typo.json')], FIXTURES);
    const doc = JSON.parse(r.stdout) as { catalog: string; summary: { counts: Record<string, number> }; findings: { code: string; location: Record<string, unknown> }[] };
    assert.equal(doc.catalog, catalogVersion());
    assert.equal(doc.summary.counts.error, 1);
    assert.deepEqual(doc.findings[0]!.location, { file: 'typo.json', pointer: '/Statement/0/Action/1', line: 7, column: 35, statementIndex: 0, sid: 'DenyTagChangesOnProd' });
  });

  it('--store (absolute) lints that store with its own waivers, from any working directory', async () => {
    const r = await mqPolicy(['--store', join(PROJECT, 'policies')], FIXTURES);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /^4 files: 0 errors, 0 security warnings, 1 warning, 0 suggestions, 1 waived$/m);
    assert.match(r.stdout, /^policies\/identity\/break-glass\.yaml$/m, 'store files are named as waivers.yaml names them');
    const viaEnv = await mqPolicyEnv([], FIXTURES, { MQ_POLICY_STORE: join(PROJECT, 'policies') });
    assert.equal(viaEnv.stdout, r.stdout, 'MQ_POLICY_STORE is the fallback for --store');
  });

  it('with named files, only their waivers are judged: a waiver of another file is not reported unused', async () => {
    const r = await mqPolicy(['policies/identity/team-operator.json']);
    assert.doesNotMatch(r.stdout, /unused-waiver/, r.stdout);
    const all = await mqPolicy(['policies/identity/break-glass.yaml']);
    assert.match(all.stdout, /1 waived/, 'the named file still gets its waiver');
  });

  it('usage errors exit 1 with one line', async () => {
    for (const args of [['--format', 'xml'], ['--fail-on', 'suggestion'], ['--bogus'], ['no/such/file.json'], ['--format']]) {
      const r = await mqPolicy(args);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.stderr, /^mq-policy: lint: /);
    }
  });
});

describe('mq-policy lint with the store and SARIF (issue 10)', () => {
  const ROOT = join(__dirname, '..', '..', '..');

  it('judges a tag-based Deny against the other policies its principals hold in the store', async () => {
    const r = await mqPolicy(['policies/identity/deny-production-changes.json', '--format', 'json'], ROOT);
    const findings = (JSON.parse(r.stdout) as { findings: { code: string; message: string }[] }).findings;
    const dodge = findings.filter((f) => f.code === 'tag-deny-dodgeable');
    assert.ok(dodge.some((f) => /principal `developer` \(who holds both policies\).*`mq:CreateTags`.*of `developer-team-brokers`/.test(f.message)), JSON.stringify(findings, null, 1));
  });

  it('writes SARIF paths relative to the repository root when run in a subfolder', async () => {
    const r = await mqPolicy(['typo.json', '--format', 'sarif'], FIXTURES);
    const run = (JSON.parse(r.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0]!;
    const uris = [...new Set(run.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri))];
    assert.deepEqual(uris, ['test/fixtures/lint/typo.json']);
  });
});
