import { strict as assert } from 'node:assert';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../support/run-cli';

const ROOT = resolve(__dirname, '..', '..', '..');
const lint = (args: string[]) => runCli(['lint', ...args], { cwd: ROOT });
const SKIPPED = 'note: store-wide checks (statement-never-decides, statement-redundant, statement-shadowed, principal-over-permissive, policy-held-by-no-principal) skipped:';

describe('mq-policy lint: the store-wide checks', () => {
  it('on the shipped store they run over every principal; its two findings are waived with reasons, and lint exits 0', async () => {
    const r = await lint([]);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /^note: store-wide checks over 9 principals and [\d,]+ request classes$/m);
    assert.match(r.stdout, /waived suggestion policy-held-by-no-principal: no principal holds `deny-production-changes-documented`/);
    assert.match(r.stdout, /4:9 statement 0 \(Sid `DescribeAmazonMQ`\) at \/Statement\/0\n {4}waived suggestion statement-redundant: removing this Allow changes no decision of the principals holding it \(`auditor`\)/);
    assert.doesNotMatch(r.stdout, /unused-waiver/);
  });

  it('one file of the store: over the principals that hold it', async () => {
    const r = await lint(['policies/identity/mq-describe-read-only.json', '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { notes: string[]; findings: { code: string; waived?: unknown }[] };
    assert.match(doc.notes[0]!, /^store-wide checks over 1 principal and [\d,]+ request classes$/);
    assert.ok(doc.findings.some((f) => f.code === 'statement-redundant' && f.waived));
  });

  it('a file outside the store: the checks are skipped, and the output says so in one line', async () => {
    const r = await lint([join('test', 'fixtures', 'lint', 'clean.json')]);
    assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('note:')).length, 1);
    assert.ok(r.stdout.includes(`${SKIPPED} the file is not in the policy store \`policies\`, so no principal holds it`), r.stdout);
  });

  it('--no-analysis skips them, says so, and leaves their waivers unjudged', async () => {
    const r = await lint(['--no-analysis']);
    assert.equal(r.code, 0);
    assert.ok(r.stdout.includes(`${SKIPPED} \`--no-analysis\``));
    assert.doesNotMatch(r.stdout, /unused-waiver|suggestion statement-redundant/);
  });
});
