import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_JSON_DEPTH, memberSpan, readJson, readJsonFast } from '../../../src/parse';
import { decodeUtf8, readDocument, readDocumentBytes } from '../../../src/load';

describe('JSON reading is bounded and linear', () => {
  it('refuses nesting beyond the bound with a located problem, in both readers, instead of overflowing the stack', () => {
    const text = `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    for (const r of [readJson(text), readJsonFast(text)]) {
      assert.equal(r.value, undefined);
      assert.equal(r.problems[0]!.kind, 'too-deep');
      assert.equal(r.problems[0]!.position.column, 6 + MAX_JSON_DEPTH - 1);
    }
  });

  it('reads exactly the deepest allowed nesting', () => {
    const text = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    assert.deepEqual(readJson(text).problems, []);
    assert.deepEqual(readJsonFast(text).problems, []);
  });

  it('clean text with escapes stays on the native parser (it used to fall back to the strict reader on any backslash)', () => {
    const r = readJsonFast(JSON.stringify({ a: 'x"y\\z', 'k"ey': ['\n', { b: '\\"' }] }));
    assert.equal(r.reader, 'native');
    assert.deepEqual(r.problems, []);
  });

  it('still finds a duplicate key hidden among escaped quotes', () => {
    const r = readJsonFast('{"a\\"": 1, "b": "\\\\", "a\\"" : 2}');
    assert.equal(r.problems[0]?.kind, 'duplicate-key');
    assert.equal(r.problems[0]?.pointer, '/a"');
    assert.equal(readJsonFast('{"a\\":": 1, "b": "x\\": y"}').problems.length, 0, 'a colon inside an escaped string is not a key');
  });

  it('caps the duplicates reported and shortens a megabyte-long key in the message', () => {
    const key = 'k'.repeat(1_000_000);
    const text = `{${Array.from({ length: 50 }, () => `"${key}":1`).join(',')}}`;
    const r = readJsonFast(text);
    assert.equal(r.problems.length, 20);
    assert.ok(r.problems[0]!.message.length < 200);
  });
});

describe('strict UTF-8', () => {
  it('names the line and byte offset of the first bad byte', () => {
    const d = decodeUtf8(Buffer.from([0x61, 0x0a, 0x62, 0x63, 0xff, 0x0a]));
    assert.equal(d.ok, false);
    if (!d.ok) assert.deepEqual([d.problem.line, d.problem.lineByteOffset, d.problem.byteOffset], [2, 2, 4]);
  });

  it('refuses overlong forms, surrogates and truncated sequences; accepts 4-byte characters', () => {
    for (const bad of [[0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]) assert.equal(decodeUtf8(Buffer.from(bad)).ok, false, Buffer.from(bad).toString('hex'));
    assert.deepEqual(decodeUtf8(Buffer.from('😀€é', 'utf8')), { ok: true, text: '😀€é' });
  });

  it('a policy file with a 0xFF byte is `invalid-utf8` at its line, not a silently replaced value', () => {
    const bytes = Buffer.from('{\n "Version": "2012-10-17",\n "Statement": {"Effect": "Deny", "Action": "mq:*", "Resource": "arn:aws:mq:*:*:broker:ab*"}\n}');
    bytes[bytes.indexOf('ab*')] = 0xff;
    for (const format of ['json', 'yaml'] as const) {
      const r = readDocumentBytes(bytes, format);
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.code, 'invalid-utf8');
        assert.equal(r.position?.line, 3);
      }
    }
  });
});

describe('YAML read with limits set on purpose', () => {
  const bomb = (() => {
    let text = 'a: &a [x, x, x, x, x, x, x, x, x]\n';
    for (let i = 0; i < 9; i++) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      text += `${next}: &${next} [${Array(9).fill(`*${prev}`).join(', ')}]\n`;
    }
    return text;
  })();

  it('an alias bomb is `yaml-too-many-aliases` (it used to escape as a thrown ReferenceError)', () => {
    const r = readDocument(bomb, 'yaml');
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.code, 'yaml-too-many-aliases');
  });

  it('a few aliases are still fine', () => {
    const r = readDocument('base: &b [mq:ListBrokers]\nother: *b\n', 'yaml');
    assert.ok(r.ok);
    if (r.ok) assert.deepEqual(r.value, { base: ['mq:ListBrokers'], other: ['mq:ListBrokers'] });
  });

  it('a merge key is `yaml-merge-key` at its line, also under a %YAML 1.1 directive that would otherwise merge', () => {
    for (const text of ['base: &b {Effect: Allow}\nStatement:\n  - <<: *b\n    Action: "mq:*"\n', '%YAML 1.1\n---\nbase: &b {Effect: Allow}\nStatement:\n  - <<: *b\n    Action: "mq:*"\n']) {
      const r = readDocument(text, 'yaml');
      assert.equal(r.ok, false, text);
      if (!r.ok) {
        assert.equal(r.code, 'yaml-merge-key');
        assert.equal(r.pointer, '/Statement/0/<<');
        assert.equal(r.position?.line, text.startsWith('%') ? 5 : 3);
      }
    }
  });

  it('reads YAML 1.2 core whatever the directive says: `y` stays a string, `0777` stays decimal', () => {
    const r = readDocument('%YAML 1.1\n---\ny: 0777\n', 'yaml');
    assert.ok(r.ok);
    if (r.ok) assert.deepEqual(r.value, { y: 777 });
  });

  it('deep nesting, flow or block, is `nesting-too-deep`, never a stack overflow', () => {
    const flow = `Statement: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`;
    const block = Array.from({ length: 150 }, (_, i) => `${' '.repeat(i * 2)}k:`).join('\n');
    for (const text of [flow, block]) {
      const r = readDocument(text, 'yaml');
      assert.equal(r.ok, false);
      if (!r.ok) assert.equal(r.code, 'nesting-too-deep');
    }
  });

  it('an unknown tag is refused instead of read as a plain string', () => {
    const r = readDocument('Effect: !Allow Deny\n', 'yaml');
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.code, 'malformed-yaml');
  });
});

describe('memberSpan finds a top-level member without decoding', () => {
  it('finds the value exactly, past strings holding brackets, quotes and escapes', () => {
    const text = ' {"id": "a{[\\"]", "x": [1, {"policies": 2}], "policies" : {"identity": [{"a": "}]\\\\"}]} , "request": {}}';
    const span = memberSpan(text, 'policies');
    assert.ok(span);
    assert.equal(text.slice(span.start, span.end), '{"identity": [{"a": "}]\\\\"}]}');
    assert.deepEqual(JSON.parse(text.slice(span.start, span.end)), JSON.parse(text).policies);
  });

  it('gives up on anything but a plain object with the key written literally', () => {
    for (const text of ['[1]', '{"polic\\u0069es": {}}', '{"id": 1', '"policies"', '{"policies": {"a": 1']) assert.equal(memberSpan(text, 'policies'), undefined, text);
  });
});
