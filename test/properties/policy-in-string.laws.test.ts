import './settings';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { LineIndex, readPolicyString } from '../../src/sources/policy-text';

/**
 * Law: for a policy held in a JSON string (Terraform's `policy`), the source position given for each value
 * is where that value's own text starts in the file — whatever the escapes (\n, \", \\, \uXXXX) and indentation.
 */
const text = fc.string({ unit: fc.constantFrom('a', 'Z', '"', '\\', '/', '\n', '\t', 'é', '€', '\u0001', ' ') });
const statement = fc.record({ Sid: fc.stringMatching(/^[A-Za-z0-9]{0,6}$/), Effect: fc.constantFrom('Allow', 'Deny'), Action: fc.array(text, { minLength: 1, maxLength: 3 }), Resource: text });
const policy = fc.record({ Version: fc.constant('2012-10-17'), Statement: fc.array(statement, { minLength: 1, maxLength: 3 }) });

test('every value of a policy in a JSON string is located at its own text in the outer file', () => {
  fc.assert(
    fc.property(policy, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), (doc, innerIndent, outerIndent, asciiOnly) => {
      const inner = JSON.stringify(doc, null, innerIndent);
      // The outer file escapes the policy string; with asciiOnly every non-ASCII character becomes \uXXXX.
      let literal = JSON.stringify(inner);
      if (asciiOnly) literal = literal.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      const outer = `{\n${' '.repeat(outerIndent)}"policy": ${literal}\n}`;
      const lines = new LineIndex(outer);
      const at = lines.positionOf(outer.indexOf(literal));
      const read = readPolicyString(inner, { raw: outer, lines, at });
      assert.ok(read.ok);
      doc.Statement.forEach((s, i) => {
        const loc = read.locate(`/Statement/${i}/Resource`)!;
        const offset = lines.offsetOf({ line: loc.line!, column: loc.column! });
        // The outer text from there decodes (as a JSON string fragment) to the inner text from the value on.
        const innerOffset = new LineIndex(inner).offsetOf(loc.inString!);
        const expected = JSON.stringify(s.Resource);
        assert.equal(inner.slice(innerOffset, innerOffset + expected.length), expected);
        const rawFragment = outer.slice(offset, outer.length - 2);
        assert.equal((JSON.parse(`"${rawFragment}`) as string).startsWith(expected), true);
      });
    }),
  );
});
