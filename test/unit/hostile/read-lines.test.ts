import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { readLines } from '../../../src/cli/read-lines';

describe('readLines', () => {
  it('answers a line longer than the bound without keeping it, and goes on', async () => {
    const got: unknown[] = [];
    for await (const batch of readLines(Readable.from([Buffer.from('short\n'), Buffer.from('x'.repeat(40)), Buffer.from('x'.repeat(40)), Buffer.from('\nnext\nlast')]), 64)) got.push(...batch);
    assert.deepEqual(got, [{ line: 1, text: 'short' }, { line: 2, problem: { code: 'line-too-long', message: 'line 2 is longer than 64 bytes; it was skipped' } }, { line: 3, text: 'next' }, { line: 4, text: 'last' }]);
  });

  it('numbers lines the same whether bad bytes are in a chunk of many lines or split over chunks', async () => {
    const bytes = Buffer.from('a\nb?\nc\n');
    bytes[3] = 0xc3; // a lead byte with no continuation
    const whole: unknown[] = [];
    for await (const batch of readLines(Readable.from([bytes]))) whole.push(...batch);
    const split: unknown[] = [];
    for await (const batch of readLines(Readable.from([...bytes].map((b) => Buffer.from([b]))))) split.push(...batch);
    assert.deepEqual(whole, split);
    assert.deepEqual(whole.map((l) => ('text' in (l as object) ? (l as { text: string }).text : (l as { problem: { code: string } }).problem.code)), ['a', 'invalid-utf8', 'c']);
  });
});
