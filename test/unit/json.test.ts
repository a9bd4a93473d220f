import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readJson } from '../../src/parse';

test('duplicate keys are reported, not silently resolved to the last one (G1)', () => {
  const r = readJson('{"Effect": "Deny", "Effect": "Allow"}');
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]!.kind, 'duplicate-key');
  assert.equal(r.problems[0]!.pointer, '/Effect');
});

test('syntax errors carry line and column', () => {
  const r = readJson('{\n  "a": 1,\n  "b": ]\n}');
  assert.equal(r.value, undefined);
  assert.deepEqual(r.problems[0]!.position, { line: 3, column: 8 });
});

test('positions are recorded per JSON pointer', () => {
  const r = readJson('{\n "Statement": [\n  {"Sid": "A"}\n ]\n}');
  assert.deepEqual(r.positions.get('/Statement/0/Sid'), { line: 3, column: 11 });
});
