/**
 * The package as a user gets it: `npm pack`, then the commands of the README section "Use it in your own
 * repository", run exactly as written in a fresh folder outside this repository (nothing of this checkout can
 * be resolved from there), installing offline from the local npm cache. Then what a user does next: a wrong
 * expectation (exit 2), a broken policy (exit 3), their own steps in ESM and TypeScript, an absolute --store
 * from another folder, and one copy of Cucumber.
 */
import { strict as assert } from 'node:assert';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const ROOT = join(__dirname, '..', '..');
const SECTION = 'Use it in your own repository';

/** The shell commands of the README section, comments removed, in order. */
export function readmeCommands(readme: string): string[] {
  const start = readme.indexOf(`\n## ${SECTION}\n`);
  assert.ok(start >= 0, `README.md has no section "## ${SECTION}"`);
  const body = readme.slice(start + 1).split(/\n## /)[0]!;
  const block = /```sh\n([\s\S]*?)```/.exec(body);
  assert.ok(block, `the README section "${SECTION}" has no sh block`);
  return block[1]!.split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

// npm from the local cache only; the registry is asked only when the cache lacks a package's metadata.
const OFFLINE = { npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_loglevel: 'error' };

function sh(command: string, cwd: string, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  const { MQ_POLICY_STORE: _ignored, ...inherited } = process.env;
  return spawnSync('bash', ['-c', command], { cwd, encoding: 'utf8', env: { ...inherited, ...OFFLINE, ...env }, maxBuffer: 1 << 26 });
}

function show(r: SpawnSyncReturns<string>): string {
  return `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

describe('the packed package in an empty folder (README "Use it in your own repository")', { timeout: 240_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'mq-policy-e2e-'));
  const repo = join(work, 'estate');
  let tarball = '';
  const transcript: string[] = [];
  const run = (command: string, cwd = repo, env: Record<string, string> = {}): SpawnSyncReturns<string> => {
    const started = Date.now();
    let r = sh(command, cwd, env);
    if (r.status !== 0 && /ENOTCACHED/.test(r.stderr)) {
      transcript.push(`$ ${command}\n(the npm cache lacks some package metadata: asking the registry once, --prefer-offline)`);
      // A cache without this package's metadata (a fresh CI machine): fetch it once, offline next time.
      r = sh(command, cwd, { ...env, npm_config_offline: 'false', npm_config_prefer_offline: 'true' });
    }
    transcript.push(`$ ${command}\n${r.stdout}${r.stderr}(exit ${r.status}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return r;
  };

  before(() => {
    mkdirSync(repo);
    // What `npm pack` does here (prepare: build, then pack `files`), but built into a staging copy, so this
    // checkout's dist/ never disappears under other tests running at the same time.
    const staging = join(work, 'staging');
    mkdirSync(staging);
    for (const f of ['package.json', 'README.md', 'LICENSE', 'bin', 'templates']) cpSync(join(ROOT, f), join(staging, f), { recursive: true });
    const build = sh(`${JSON.stringify(process.execPath)} ${JSON.stringify(require.resolve('typescript/bin/tsc'))} -p tsconfig.build.json --outDir ${JSON.stringify(join(staging, 'dist'))}`, ROOT);
    assert.equal(build.status, 0, show(build));
    const packed = sh(`npm pack --silent --ignore-scripts --pack-destination ${JSON.stringify(work)}`, staging);
    assert.equal(packed.status, 0, show(packed));
    tarball = packed.stdout.trim().split('\n').pop()!;
    cpSync(join(work, tarball), join(repo, tarball));
  });
  after(() => {
    if (process.env.MQ_POLICY_E2E_TRANSCRIPT) writeFileSync(process.env.MQ_POLICY_E2E_TRANSCRIPT, `${transcript.join('\n\n')}\n`);
    rmSync(work, { recursive: true, force: true });
  });

  it('ships compiled JavaScript only, with the exports the README promises', () => {
    const list = sh(`tar -tzf ${JSON.stringify(join(work, tarball))}`, work).stdout.split('\n');
    assert.ok(list.includes('package/dist/src/index.js') && list.includes('package/dist/steps/index.js') && list.includes('package/bin/mq-policy.js'), list.join('\n'));
    assert.ok(!list.some((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts')), 'no TypeScript sources in the package');
    assert.ok(!list.some((f) => /^package\/(features|policies|test|bench)\//.test(f)), "none of this repository's features, policies or tests");
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown> & { scripts: Record<string, string> };
    assert.equal(manifest.private, undefined);
    assert.match(manifest.scripts.prepare ?? '', /build/, '`npm pack` in a clone builds dist/ first (prepare)');
    assert.match(manifest.scripts.build ?? '', /tsc -p tsconfig\.build\.json/);
    for (const key of ['name', 'version', 'license', 'repository', 'engines', 'exports', 'files', 'peerDependencies']) assert.ok(manifest[key] !== undefined, key);
  });

  it('runs the README commands exactly as written, each exiting 0', () => {
    const commands = readmeCommands(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    assert.ok(commands.includes(`npm install ./${tarball}`), `the README installs ./${tarball} (update it when the version changes): ${commands.join(' | ')}`);
    for (const command of commands) {
      const r = run(command);
      assert.equal(r.status, 0, `${command}\n${show(r)}`);
    }
    for (const report of ['index.html', 'junit.xml', 'summary.md', 'cucumber.ndjson', 'coverage.json']) assert.ok(existsSync(join(repo, 'reports', report)), report);
    assert.ok(existsSync(join(repo, '.github', 'workflows', 'mq-policy.yml')));
  });

  it('keeps exactly one copy of @cucumber/cucumber, used by the built-in steps and the user steps alike', () => {
    const ls = sh('npm ls @cucumber/cucumber --all --parseable', repo);
    const copies = ls.stdout.split('\n').filter((l) => l.endsWith(join('node_modules', '@cucumber', 'cucumber')));
    assert.deepEqual(copies, [join(repo, 'node_modules', '@cucumber', 'cucumber')], ls.stdout);
    const ndjson = readFileSync(join(repo, 'reports', 'cucumber.ndjson'), 'utf8');
    assert.match(ndjson, /"uri":"steps\/example\.steps\.js"/, 'the example custom step was registered and run');
  });

  it('never overwrites: a second init lists what exists and writes nothing', () => {
    const before = readFileSync(join(repo, 'policies', 'principals.yaml'), 'utf8');
    const r = run('npx mq-policy init');
    assert.equal(r.status, 1, show(r));
    assert.match(r.stderr, /exist already; nothing was written/);
    assert.equal(readFileSync(join(repo, 'policies', 'principals.yaml'), 'utf8'), before);
  });

  it('a wrong expectation exits 2 and names the policy file; --name and --tags select scenarios with or without --', () => {
    const wrong = join(repo, 'features', 'wrong.feature');
    after(() => rmSync(wrong, { force: true }));
    writeFileSync(wrong, 'Feature: A wrong expectation\n\n  @wrong\n  Scenario: The operator reboots production\n    Given the operator\n    When they call mq:RebootBroker on orders-prod\n    Then it is allowed\n');
    const r = run('npx mq-policy test features/wrong.feature');
    assert.equal(r.status, 2, show(r));
    assert.match(r.stderr, /policies involved: policies\/identity\/broker-operator\.json/);
    assert.equal(run('npx mq-policy test --tags "not @wrong"').status, 0);
    assert.equal(run('npx mq-policy test -- --tags @wrong').status, 2);
    // Seven scenarios are too few to pay for a second process: said, and run in one.
    const small = run('npx mq-policy test --parallel 2');
    assert.equal(small.status, 2, `--parallel 2 gives the same verdict\n${show(small)}`);
    assert.match(small.stderr, /--parallel 2: 7 scenarios in the feature files, fewer than the 800 a second process pays for; running them in this process/);
    // The installed package's real sharded path, with the threshold lifted.
    const sharded = run('npx mq-policy test --parallel 2', repo, { MQ_POLICY_PARALLEL_MIN_SCENARIOS: '0' });
    assert.equal(sharded.status, 2, `--parallel 2 gives the same verdict\n${show(sharded)}`);
    assert.match(sharded.stdout, /Failures:[\s\S]*expected allowed, but it is explicitly denied[\s\S]*7 scenarios \(1 failed, 6 passed\) in 2 processes, split /);
    assert.equal(readFileSync(join(repo, 'reports', 'junit.xml'), 'utf8').match(/<testcase /g)?.length, 7, 'one JUnit with every scenario of both processes');
    const named = run('npx mq-policy test --name "boundary caps"');
    assert.equal(named.status, 0, show(named));
    assert.match(named.stdout, /^1 scenario \(1 passed\)$/m);
    rmSync(wrong);
  });

  it('a broken policy exits 3 for test and lint, naming the file; the broken store can live anywhere (absolute --store)', () => {
    const broken = join(work, 'broken-store');
    cpSync(join(repo, 'policies'), broken, { recursive: true });
    writeFileSync(join(broken, 'identity', 'broker-reader.json'), '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "mq:DescribeBrokers", "Resource": "*"},]}\n');
    const t = run(`npx mq-policy test --store ${JSON.stringify(broken)}`);
    assert.equal(t.status, 3, show(t));
    assert.match(t.stderr, /broker-reader\.json/);
    const l = run(`npx mq-policy lint --store ${JSON.stringify(broken)}`);
    assert.equal(l.status, 3, show(l));
    assert.match(l.stdout, /broker-reader\.json/);
  });

  it('every command takes an absolute --store (or MQ_POLICY_STORE) from any folder, and writes reports where --out says', () => {
    const elsewhere = join(work, 'elsewhere');
    mkdirSync(elsewhere);
    const store = join(repo, 'policies');
    const npx = join(repo, 'node_modules', '.bin', 'mq-policy');
    const t = run(`${npx} test --store ${store} --features ${join(repo, 'features')} --steps ${join(repo, 'steps')} --out ${join(elsewhere, 'out')}`, elsewhere);
    assert.equal(t.status, 0, show(t));
    assert.ok(existsSync(join(elsewhere, 'out', 'index.html')));
    const m = run(`${npx} matrix --format csv`, elsewhere, { MQ_POLICY_STORE: store });
    assert.equal(m.status, 0, show(m));
    assert.match(m.stdout, /operator/);
    assert.doesNotMatch(m.stdout, /break-glass|developer/, "never this repository's example principals");
    assert.equal(run(`${npx} lint --store ${store}`, elsewhere).status, 0);
    const rep = run(`${npx} report --store ${store} --in ${join(elsewhere, 'out', 'cucumber.ndjson')} --out ${join(elsewhere, 'again')}`, elsewhere);
    assert.equal(rep.status, 0, show(rep));
    assert.match(readFileSync(join(elsewhere, 'again', 'summary.md'), 'utf8'), /[Cc]overage/);
  });

  it("the user's own steps in ESM and TypeScript get the same World and typed parameters", () => {
    writeFileSync(
      join(repo, 'steps', 'esm.steps.mjs'),
      "import { Then } from '@cucumber/cucumber';\nimport { evaluate, parseExpectation } from 'mq-policy-harness';\nimport { assertDecision } from 'mq-policy-harness/steps';\n\nThen('the {principal} cannot call {action} on {resource}', function (principal, action, resource) {\n  assertDecision(this, evaluate(this.store, principal, { action, resource }, this.settings), parseExpectation(this.store, 'denied'));\n});\n",
    );
    writeFileSync(
      join(repo, 'steps', 'typed.steps.ts'),
      "import { Then } from '@cucumber/cucumber';\nimport { evaluate, parseExpectation, type StoredPrincipal, type CallResource } from 'mq-policy-harness';\nimport { assertDecision, type HarnessWorld } from 'mq-policy-harness/steps';\n\nThen('the {principal} is {outcome} for {action} on {resource}', function (this: HarnessWorld, principal: StoredPrincipal, expected: ReturnType<typeof parseExpectation>, action: string, resource: CallResource) {\n  assertDecision(this, evaluate(this.store, principal, { action, resource }, this.settings), expected);\n});\n",
    );
    writeFileSync(join(repo, 'features', 'own-steps.feature'), 'Feature: Our own sentences\n\n  Scenario: ESM and TypeScript steps\n    Then the auditor cannot call mq:RebootBroker on orders-prod\n    And the operator is explicitly denied for mq:RebootBroker on orders-prod\n');
    const missing = run('npx mq-policy test features/own-steps.feature');
    assert.equal(missing.status, 1, show(missing));
    assert.match(missing.stderr, /npm install --save-dev typescript/, 'TypeScript steps without typescript: the fix is named');
    assert.equal(run('npm install --save-dev typescript@5.9.3').status, 0);
    const r = run('npx mq-policy test features/own-steps.feature');
    assert.equal(r.status, 0, show(r));
    assert.match(r.stdout, /^2 steps \(2 passed\)$/m);
  });
});
