import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli, type CliRun } from '../../support/run-cli';

const mqPolicy = (args: string[], cwd: string): Promise<CliRun> => runCli(args, { cwd });

describe('mq-policy init [dir]', () => {
  const root = mkdtempSync(join(tmpdir(), 'mq-init-'));
  process.on('exit', () => rmSync(root, { recursive: true, force: true }));

  it('writes the scaffold into the folder it is given, with the workflow under .github/', async () => {
    const r = await mqPolicy(['init', 'estate'], root);
    assert.equal(r.code, 0, r.stderr);
    for (const f of ['policies/principals.yaml', 'policies/inventory.yaml', 'policies/waivers.yaml', 'policies/identity/broker-operator.json', 'policies/boundaries/mq-operations-boundary.json', 'features/broker-operations.feature', 'steps/example.steps.js', '.github/workflows/mq-policy.yml', 'README.md', 'reports/.gitignore']) {
      assert.ok(existsSync(join(root, 'estate', f)), f);
    }
    assert.match(r.stdout, /next: cd estate && npx mq-policy test && npx mq-policy lint/);
    assert.match(readFileSync(join(root, 'estate', '.github', 'workflows', 'mq-policy.yml'), 'utf8'), /upload-sarif[\s\S]*junit[\s\S]*upload-artifact/);
  });

  it('never overwrites: one existing file and nothing is written, the file is named', async () => {
    const dir = join(root, 'busy');
    mkdirSync(join(dir, 'policies'), { recursive: true });
    writeFileSync(join(dir, 'policies', 'principals.yaml'), 'mine\n');
    const r = await mqPolicy(['init', 'busy'], root);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /this file exists already; nothing was written:\n {2}busy\/policies\/principals\.yaml\n/);
    assert.equal(readFileSync(join(dir, 'policies', 'principals.yaml'), 'utf8'), 'mine\n');
    assert.ok(!existsSync(join(dir, 'features')), 'nothing else was written');
  });

  it('an existing README is left alone: the section goes beside it', async () => {
    const dir = join(root, 'documented');
    mkdirSync(dir);
    writeFileSync(join(dir, 'README.md'), '# ours\n');
    const r = await mqPolicy(['init'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(join(dir, 'README.md'), 'utf8'), '# ours\n');
    assert.match(readFileSync(join(dir, 'README.mq-policy.md'), 'utf8'), /## Policy tests \(mq-policy\)/);
    assert.match(r.stdout, /README\.md exists: paste README\.mq-policy\.md into it/);
  });

  it('unknown options and two folders are usage errors', async () => {
    assert.equal((await mqPolicy(['init', '--force'], root)).code, 1);
    assert.equal((await mqPolicy(['init', 'a', 'b'], root)).code, 1);
  });
});
