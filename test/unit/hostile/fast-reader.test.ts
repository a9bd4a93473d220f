// The fast reader (JSON.parse, then a key count) must answer exactly as the strict reader on hostile text:
// duplicates at any depth, spelled differently (escapes), hidden in strings, around odd whitespace, and
// nesting at the limit. And simulate's block decoding must reject exactly the lines strict decoding rejects.
import '../../properties/settings';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { MAX_JSON_DEPTH, readJson, readJsonFast } from '../../../src/parse';
import { decodeBlock } from '../../../src/cli/read-lines';
import { isValidUtf8 } from '../../../src/load/utf8';

function sameAnswer(text: string): void {
  const fast = readJsonFast(text);
  const strict = readJson(text, { positions: false });
  const problems = (r: typeof fast): unknown => r.problems.map((p) => ({ kind: p.kind, message: p.message, pointer: p.pointer, position: p.position }));
  assert.deepEqual(problems(fast), problems(strict), text.slice(0, 200));
  assert.deepEqual(fast.value, strict.value, text.slice(0, 200));
}

const HOSTILE: Record<string, string> = {
  'top-level duplicate': '{"id":1,"id":2}',
  'duplicate four levels down': '{"policies":{"identity":[{"Statement":[{"Effect":"Allow","Effect":"Deny"}]}]}}',
  'escaped spelling of the same key': '{"Action":"mq:*","\\u0041ction":"*"}',
  'escaped spelling, lower-case hex': '{"\\u0061ws:x":1,"aws:x":2}',
  'escaped slash spells the same key': '{"a/b":1,"a\\/b":2}',
  'escaped quote inside a key': '{"k\\"ey":1,"k\\"ey":2}',
  'backslash at the end of a key': '{"k\\\\":1,"k\\\\":2}',
  'different keys that only look alike': '{"k\\\\":1,"k":2}',
  'a key-like string value': '{"a":"\\"a\\":1","b":2}',
  'a value that starts with a colon': '{"a":":","b":":x"}',
  'a value with a quote and a colon': '{"a":"\\":","a":1}',
  'space before a colon, no duplicate': '{"a" : 1, "b"\t:2}',
  'space before a colon hides a duplicate': '{"a" :1,"a":2}',
  'newline before a colon hides a duplicate': '{"a"\n:1,"a"\r\n:2}',
  'spaces inside strings before colons': '{"a":"x :y","b":"\t:"}',
  'a duplicate and a colon-leading value cancel out in a naive count': '{"a" :1,"a":":"}',
  'duplicates in two objects': '{"x":{"a":1,"a":2},"y":{"b":1,"b":2}}',
  '__proto__ twice': '{"__proto__":1,"__proto__":2}',
  '__proto__ once': '{"__proto__":{"a":1}}',
  'empty key twice': '{"":1,"":2}',
  'surrogate pair escaped and not': '{"\\ud83d\\ude00":1,"😀":2}',
  'lone surrogate escape': '{"\\ud800":1}',
  'syntax error after a duplicate': '{"a":1,"a":2,}',
  'not JSON': '{a:1}',
  'trailing text': '{"a":1} x',
  'empty input': '',
  'a bare string': '"x"',
  'an array of duplicates': '[{"a":1,"a":1},{"b":1}]',
};

describe('the fast JSON reader on hostile text', () => {
  for (const [name, text] of Object.entries(HOSTILE)) test(name, () => sameAnswer(text));

  test('nesting at, and one past, the limit', () => {
    for (const depth of [MAX_JSON_DEPTH - 1, MAX_JSON_DEPTH, MAX_JSON_DEPTH + 1, MAX_JSON_DEPTH * 50]) {
      sameAnswer('['.repeat(depth) + ']'.repeat(depth));
      sameAnswer('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
      sameAnswer('{"a":'.repeat(depth) + '{"b":1,"b":2}' + '}'.repeat(depth));
    }
  });

  test('a huge line with a duplicate at the very end, and without', () => {
    const items = Array.from({ length: 100_000 }, (_, i) => `"k${i}":"v ${i}:x"`).join(',');
    sameAnswer(`{${items}}`);
    sameAnswer(`{${items},"k0":"again"}`);
    sameAnswer(`{${items},"\\u006b0":"again, escaped"}`);
  });

  /** Writes a value as JSON with random spacing, random escaping of key characters and, maybe, one repeated key. */
  const keyChar = fc.constantFrom('a', 'b', 'A', ':', '"', '\\', '/', ' ', 'é', '😀');
  const value = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, fc.string({ unit: keyChar, maxLength: 4 }), fc.integer(), fc.constant(null), fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.string({ unit: keyChar, maxLength: 3 }), tie('v'), { maxKeys: 4 })),
  })).v;
  const spacing = fc.array(fc.constantFrom('', '', '', ' ', '\t', '\n', '\r\n'), { minLength: 64, maxLength: 64 });
  const escaping = fc.array(fc.boolean(), { minLength: 64, maxLength: 64 });

  function write(v: unknown, space: readonly string[], escape: readonly boolean[], duplicateAt: number): string {
    let n = 0;
    const ws = (): string => space[n++ % space.length]!;
    const key = (k: string): string => {
      // Same key, another spelling: some characters as \u escapes, `/` as `\/`.
      let out = '"';
      for (const ch of k) {
        const code = ch.charCodeAt(0);
        if (ch === '"' || ch === '\\') out += `\\${ch}`;
        else if (ch === '/' && escape[n % escape.length]) out += '\\/';
        else if (ch.length === 1 && escape[n++ % escape.length]) out += `\\u${code.toString(16).padStart(4, '0')}`;
        else out += ch;
      }
      return `${out}"`;
    };
    let objects = 0;
    const w = (x: unknown): string => {
      if (Array.isArray(x)) return `[${ws()}${x.map(w).join(`${ws()},${ws()}`)}${ws()}]`;
      if (x !== null && typeof x === 'object') {
        const entries = Object.entries(x).map(([k, y]) => `${key(k)}${ws()}:${ws()}${w(y)}`);
        if (objects++ === duplicateAt && entries.length > 0) {
          const [k, y] = Object.entries(x)[0]!;
          entries.push(`${key(k)}${ws()}:${ws()}${w(y)}`);
        }
        return `{${ws()}${entries.join(`${ws()},${ws()}`)}${ws()}}`;
      }
      return JSON.stringify(x);
    };
    return w(v);
  }

  test('law: however the text is spaced and its keys escaped, the fast reader answers as the strict one', () => {
    fc.assert(
      fc.property(value, spacing, escaping, fc.integer({ min: -1, max: 6 }), (v, space, escape, duplicateAt) => {
        sameAnswer(write(v, space, escape, duplicateAt));
      }),
      { numRuns: 400 },
    );
  });
});

describe('block decoding on bad bytes', () => {
  test('law: a block rejects exactly the lines that are not valid UTF-8 on their own', () => {
    const byte = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.constantFrom(0x0a, 0x80, 0xbf, 0xc0, 0xc3, 0xa9, 0xed, 0xa0, 0xf0, 0x9f, 0x98, 0x80, 0xf5, 0xff));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 40 }), (bytes) => {
        const buf = Buffer.from(bytes);
        const lines = decodeBlock({ kind: 'bytes', firstLine: 1, lines: buf.filter((b) => b === 0x0a).length + 1, bytes: buf });
        const expected = buf.toString('latin1').split('\n').map((_, i, all) => Buffer.from(all[i]!, 'latin1'));
        assert.equal(lines.length, expected.length);
        lines.forEach((l, i) => {
          const ok = isValidUtf8(expected[i]!);
          assert.equal('text' in l, ok, `line ${i + 1}: ${expected[i]!.toString('hex')}`);
          if ('text' in l) assert.equal(l.text, expected[i]!.toString('utf8').replace(/\r$/, ''));
          else assert.equal(l.problem.code, 'invalid-utf8');
        });
      }),
    );
  });
});
