import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { run } from '../../src/cli/main';
import { loadPolicyStore } from '../../src/load';
import { mergeMatrices, type MatrixDocument } from '../../src/matrix/cells';
import { computeMatrix } from '../../src/matrix/compute';

const ROOT = join(__dirname, '..', '..');
const loaded = loadPolicyStore(join(ROOT, 'policies'));
const store = loaded.store!;

function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (c: Buffer) => (text += c.toString()));
  return run(args, { stdin: new PassThrough(), stdout: new PassThrough(), stderr, env: {}, cwd: ROOT }).then((code) => ({ code, stderr: text }));
}

test('the matrix says what the scenarios say: the operator cannot delete a production broker', () => {
  const { cells } = computeMatrix(store, { principals: ['operator'], actions: ['mq:DeleteBroker', 'mq:ListBrokers'] });
  const production = cells.find((c) => c.action === 'mq:DeleteBroker' && c.resourceClass.startsWith('brokers environment=production'));
  assert.equal(production?.outcome, 'ExplicitDeny');
  assert.ok(production.determining.some((d) => 'policy' in d && d.policy === 'deny-production-changes'), JSON.stringify(production.determining));
  assert.equal(cells.find((c) => c.action === 'mq:ListBrokers')?.resourceClass, '*', 'wildcard-only actions are decided once, on *');
});

test('a class whose brokers get different answers is split, never summarised as one answer', () => {
  const { cells } = computeMatrix(store);
  for (const c of cells) {
    const sameKey = cells.filter((o) => o.principal === c.principal && o.action === c.action && o.resourceClass === c.resourceClass);
    assert.equal(sameKey.length, 1, `${c.principal} ${c.action} ${c.resourceClass} appears ${sameKey.length} times`);
  }
});

test('shards split the principals and --merge joins them into the whole matrix', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'matrix-'));
  const files = ['1/2', '2/2'].map((s, i) => join(dir, `shard${i}.json`));
  for (const [i, file] of files.entries()) assert.equal((await cli(['matrix', '--shard', `${i + 1}/2`, '--format', 'json', '--out', file])).code, 0);
  const merged = join(dir, 'merged.json');
  assert.equal((await cli(['matrix', '--merge', ...files, '--format', 'json', '--out', merged])).code, 0);
  const whole = join(dir, 'whole.json');
  assert.equal((await cli(['matrix', '--workers', '2', '--format', 'json', '--out', whole])).code, 0, 'worker threads');
  const read = (f: string): MatrixDocument => JSON.parse(readFileSync(f, 'utf8')) as MatrixDocument;
  assert.deepEqual(read(merged).cells, read(whole).cells);
  assert.equal(read(merged).decisions, read(whole).decisions);
  assert.deepEqual(computeMatrix(store).cells.length, read(whole).cells.length, 'in-process and worker threads agree');
});

test('merging the same principal twice is refused', () => {
  const doc = { format: 'mq-policy-access-matrix/1', classKey: 'environment', principals: ['a'], actions: [], decisions: 0, cells: [] } as unknown as MatrixDocument;
  const r = mergeMatrices([doc, doc]);
  assert.ok('error' in r && /more than one shard/.test(r.error));
});

test('bad --shard is a usage error (exit 1), one line', async () => {
  const r = await cli(['matrix', '--shard', '3/2']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /--shard/);
});
