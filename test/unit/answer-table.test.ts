// The compiled path's table of remembered answers behaves like a Map keyed by both integers, up to its limit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { AnswerTable } from '../../src/engine/answer-table';

const key = fc.tuple(fc.oneof(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 2 ** 30 - 1 })), fc.oneof(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 2 ** 30 - 1 })));

test('answers are found by exactly the pair they were remembered by, and nothing past the limit is kept', () => {
  fc.assert(
    fc.property(fc.array(key, { maxLength: 300 }), fc.array(key, { maxLength: 50 }), fc.integer({ min: 1, max: 200 }), (writes, reads, limit) => {
      const table = new AnswerTable<string>(limit);
      const reference = new Map<string, string>();
      for (const [a, s] of writes) {
        const k = `${a}/${s}`;
        if (reference.has(k)) continue; // the compiled path remembers a key once
        table.set(a, s, k);
        if (reference.size < limit) reference.set(k, k);
      }
      assert.equal(table.size, reference.size);
      for (const [a, s] of [...writes, ...reads]) assert.equal(table.get(a, s), reference.get(`${a}/${s}`));
    }),
  );
});
