import './settings';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { memberSpan, readJson, readJsonFast } from '../../src/parse';
import { readLines } from '../../src/cli/read-lines';

/** Keys and strings rich in what the fast paths must get right: quotes, backslashes, colons, brackets, non-ASCII. */
const tricky = fc.string({ unit: fc.constantFrom('a', 'b', '"', '\\', ':', '{', '}', '[', ']', ',', ' ', 'é', '😀', '\n'), maxLength: 6 });
const json = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    tricky,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(tricky, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** JSON text of a value, with some object written twice under one key (a duplicate) when `duplicate`. */
function textOf(value: unknown, duplicate: boolean): string {
  if (!duplicate) return JSON.stringify(value);
  let done = false;
  const write = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(write).join(',')}]`;
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${write(x)}`);
      if (!done && entries.length > 0) {
        done = true;
        entries.push(entries[0]!);
      }
      return `{${entries.join(',')}}`;
    }
    return JSON.stringify(v);
  };
  return write(value);
}

describe('laws of the readers', () => {
  test('the fast reader agrees with the strict reader: same value, same problem kinds', () => {
    fc.assert(
      fc.property(json, fc.boolean(), (value, duplicate) => {
        const text = textOf(value, duplicate);
        const fast = readJsonFast(text);
        const strict = readJson(text, { positions: false });
        assert.deepEqual(fast.problems.map((p) => p.kind), strict.problems.map((p) => p.kind));
        if (strict.problems.length === 0) assert.deepEqual(fast.value, strict.value);
      }),
    );
  });

  test('memberSpan cuts out exactly the member JSON.parse sees', () => {
    fc.assert(
      fc.property(fc.dictionary(tricky, json, { maxKeys: 3 }), json, fc.dictionary(tricky, json, { maxKeys: 3 }), (before, policies, after) => {
        const others = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'policies'));
        const text = JSON.stringify({ ...others(before), policies, ...others(after) });
        const span = memberSpan(text, 'policies');
        assert.ok(span, text);
        assert.deepEqual(JSON.parse(text.slice(span.start, span.end)), (JSON.parse(text) as { policies: unknown }).policies);
      }),
    );
  });

  test('lines are the same however the input is cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: fc.constantFrom('a', 'é', '😀', '\r', ' '), maxLength: 8 }), { maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 20 }), async (lines, cuts) => {
        const bytes = Buffer.from(lines.join('\n'));
        const chunks: Buffer[] = [];
        for (let at = 0, k = 0; at < bytes.length; k++) {
          const size = cuts[k % cuts.length]!;
          chunks.push(bytes.subarray(at, at + size));
          at += size;
        }
        const got: string[] = [];
        for await (const batch of readLines(Readable.from(chunks))) for (const l of batch) got.push('text' in l ? l.text : `!${l.problem.code}`);
        // A file's lines: a final newline ends the last line, it does not start an empty one.
        const expected = lines.join('\n').split('\n');
        if (expected[expected.length - 1] === '') expected.pop();
        assert.deepEqual(got, expected.map((l) => l.replace(/\r$/, '')));
      }),
    );
  });
});
