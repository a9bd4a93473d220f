import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkOneCucumber, findUserSteps, resolveFromDir } from '../../../src/cli/user-steps';

/** A folder with its own node_modules/<name>/package.json, as npm would leave a second copy. */
function withCopy(root: string, dir: string, name: string): string {
  const pkg = join(root, dir, 'node_modules', name);
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name, version: '12.0.0', main: 'index.js' }));
  return join(pkg, 'package.json');
}

describe("the user's step files", () => {
  const root = mkdtempSync(join(tmpdir(), 'mq-user-steps-'));
  process.on('exit', () => rmSync(root, { recursive: true, force: true }));

  it('loads CommonJS and TypeScript by require, .js and .mjs by import, skips declarations, refuses .mts with the fix', () => {
    const steps = join(root, 'steps');
    mkdirSync(join(steps, 'nested'), { recursive: true });
    for (const f of ['a.cjs', 'b.ts', 'c.js', 'd.mjs', 'e.d.ts', 'nested/f.cts', 'notes.md']) writeFileSync(join(steps, f), '');
    const found = findUserSteps([steps], root);
    assert.deepEqual(found.require, [join(steps, 'a.cjs'), join(steps, 'b.ts'), join(steps, 'nested', 'f.cts')]);
    assert.deepEqual(found.import, [join(steps, 'c.js'), join(steps, 'd.mjs')]);
    assert.equal(found.typescript, true);
    writeFileSync(join(steps, 'g.mts'), '');
    assert.throws(() => findUserSteps([steps], root), /g\.mts` is an ES-module TypeScript file; name it \.ts/);
    assert.throws(() => findUserSteps([join(root, 'nope')], root), /no such step file or folder `nope`/);
  });

  it('refuses a second copy of @cucumber/cucumber before anything runs, naming both and the fix', () => {
    const ours = withCopy(root, 'app', '@cucumber/cucumber');
    const harness = withCopy(root, 'app', 'mq-policy-harness');
    mkdirSync(join(root, 'app', 'steps'), { recursive: true });
    withCopy(root, 'app/vendored-steps', '@cucumber/cucumber');
    const same = [join(root, 'app', 'steps', 'x.js')];
    assert.doesNotThrow(() => checkOneCucumber(same, { cucumber: ours, harness }, resolveFromDir, root));
    const other = [...same, join(root, 'app', 'vendored-steps', 'y.js')];
    assert.throws(() => checkOneCucumber(other, { cucumber: ours, harness }, resolveFromDir, root), /two copies of @cucumber\/cucumber: the step files in `app\/vendored-steps` use `app\/vendored-steps\/node_modules\/@cucumber\/cucumber`/);
  });

  it('refuses step files that import another copy of the harness than the one running', () => {
    const ours = withCopy(root, 'proj', '@cucumber/cucumber');
    const harness = withCopy(root, 'proj', 'mq-policy-harness');
    withCopy(root, 'proj/steps', 'mq-policy-harness');
    assert.throws(() => checkOneCucumber([join(root, 'proj', 'steps', 'x.js')], { cucumber: ours, harness }, resolveFromDir, root), /import mq-policy-harness from `proj\/steps\/node_modules\/mq-policy-harness`/);
  });

  it('says how to install Cucumber when the step files cannot find it', () => {
    mkdirSync(join(root, 'lonely'), { recursive: true });
    assert.throws(() => checkOneCucumber([join(root, 'lonely', 'x.js')], { cucumber: 'x', harness: 'y' }, () => undefined, root), /cannot find @cucumber\/cucumber; install it/);
  });
});
