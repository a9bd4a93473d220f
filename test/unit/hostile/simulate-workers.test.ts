import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runCli, type CliRun } from '../../support/run-cli';

function simulate(args: string[], input: Buffer): Promise<CliRun> {
  // Small chunks: many blocks, so answers from different workers interleave.
  const chunks: Buffer[] = [];
  for (let i = 0; i < input.length; i += 700) chunks.push(input.subarray(i, i + 700));
  return runCli(['simulate', ...args], { stdin: chunks });
}

it('worker threads give the same answers, in input order, as one thread, bad lines included', async () => {
  const lines: (string | Buffer)[] = [];
  for (let i = 0; i < 300; i++) {
    const action = ['mq:ListBrokers', 'mq:DeleteBroker', 'mq:RebootBroker'][i % 3];
    const resource = action === 'mq:ListBrokers' ? '*' : `arn:aws:mq:eu-west-1:111122223333:broker:b${i}:b-${i}`;
    const statement = { Effect: i % 7 === 0 ? 'Deny' : 'Allow', Action: i % 2 ? 'mq:*' : action, Resource: '*' };
    lines.push(JSON.stringify({ id: `c${i}`, policies: { identity: [{ Version: '2012-10-17', Statement: [statement] }] }, request: { principal: 'arn:aws:iam::111122223333:user/alice', action, resource, context: {} } }));
    if (i === 50) lines.push('{"id": "broken",');
    if (i === 120) lines.push(Buffer.from([0x7b, 0xff, 0x7d]));
    if (i === 200) lines.push(`{"id":"deep","x":${'['.repeat(1000)}${']'.repeat(1000)}}`);
  }
  const input = Buffer.concat(lines.map((l) => Buffer.concat([typeof l === 'string' ? Buffer.from(l) : l, Buffer.from('\n')])));
  const one = await simulate(['--workers', '0'], input);
  const two = await simulate(['--workers', '2', '--stats'], input);
  assert.equal(two.stdout, one.stdout);
  assert.equal(two.code, one.code);
  assert.equal(one.stdout.split('\n').filter(Boolean).length, 303);
  assert.match(two.stderr, /answered by 2 worker threads, 0 in the main thread/, 'the workers did answer');
});
