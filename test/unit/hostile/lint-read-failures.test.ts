import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { it } from 'node:test';
import { run } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';

it('lint reports hostile files as coded findings naming each file (deep nesting used to be "internal error")', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mq-lint-hostile-'));
  mkdirSync(join(dir, 'policies', 'identity'), { recursive: true });
  const file = (name: string, content: string | Buffer): void => writeFileSync(join(dir, 'policies', 'identity', name), content);
  file('deep.json', `{"Version": "2012-10-17", "Statement": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`);
  file('deep.yaml', `Version: "2012-10-17"\nStatement: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
  let bomb = 'a: &a [x, x, x, x, x, x, x, x, x]\n';
  for (let i = 0; i < 9; i++) bomb += `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]\n`;
  file('bomb.yaml', bomb);
  file('merge.yaml', 'base: &b {Effect: Allow}\nVersion: "2012-10-17"\nStatement:\n  - <<: *b\n    Action: "mq:*"\n    Resource: "*"\n');
  const bad = Buffer.from('{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "mq:*", "Resource": "ab"}}');
  bad[bad.indexOf('ab')] = 0xff;
  file('utf8.json', bad);
  file('ok.json', '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "mq:ListBrokers", "Resource": "*"}}');

  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  const io: CliIo = { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env: {}, cwd: dir };
  const code = await run(['lint', '--format', 'json'], io);
  assert.equal(code, 3, out);
  const report = JSON.parse(out) as { findings: { code: string; location: { file: string } }[] };
  const byFile = Object.fromEntries(report.findings.map((f) => [f.location.file.replace(/^.*\//, ''), f.code]));
  assert.deepEqual(byFile, { 'bomb.yaml': 'yaml-too-many-aliases', 'deep.json': 'nesting-too-deep', 'deep.yaml': 'nesting-too-deep', 'merge.yaml': 'yaml-merge-key', 'utf8.json': 'invalid-utf8' });
});
