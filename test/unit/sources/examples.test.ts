import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { run } from '../../../src/cli/main';

/** The examples/ estates, each imported and then checked by its own feature set, as the README tells users to. */
const ROOT = resolve(__dirname, '..', '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'mq-policy-examples-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const EXAMPLES: Record<string, string[]> = {
  terraform: ['examples/terraform/plan.json'],
  'aws-account': [
    'examples/aws-account/authorization-details.json',
    '--mq', 'examples/aws-account/list-brokers.json', 'examples/aws-account/describe-broker-orders-prod.json', 'payments-staging=examples/aws-account/list-tags-payments-staging.json', 'examples/aws-account/list-configurations.json',
    '--scp', 'root=examples/aws-account/scp-root-FullAWSAccess.json', 'workloads=examples/aws-account/scp-workloads-FullAWSAccess.json', 'workloads=examples/aws-account/scp-workloads-guardrails.json',
  ],
  cloudformation: ['examples/cloudformation/template.yaml', '--account', '111122223333', '--region', 'eu-west-1'],
};

test('every example estate imports and its features pass on the imported store (mq-policy test --store, and --source)', async () => {
  const cli = join(ROOT, 'bin', 'mq-policy.js');
  await Promise.all(
    Object.entries(EXAMPLES).map(async ([kind, args]) => {
      const out = join(scratch, kind);
      const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env: {}, cwd: ROOT };
      io.stdout.resume();
      io.stderr.resume();
      assert.equal(await run(['import', kind, ...args, '--out', out], io), 0, `import ${kind}`);
      // CloudFormation goes straight from the source; the others through the imported store.
      const how = kind === 'cloudformation' ? ['--source', `${kind}:${args[0]!}`, ...args.slice(1)] : ['--store', out];
      const { stdout } = await promisify(execFile)(process.execPath, [cli, 'test', ...how, '--features', `examples/${kind}/features`, '--out', join(scratch, `${kind}-reports`)], { cwd: ROOT, env: { ...process.env, CI: 'true' } });
      assert.match(stdout, /\d+ scenarios \(\d+ passed\)/, `${kind}: ${stdout}`);
      assert.doesNotMatch(stdout, /failed|undefined|pending/, `${kind}: ${stdout}`);
    }),
  );
});
