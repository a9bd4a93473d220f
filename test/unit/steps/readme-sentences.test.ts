import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every sentence defined in steps/ (Given/When/Then with a Cucumber expression), as written. */
function definedSentences(): string[] {
  const found: string[] = [];
  for (const file of readdirSync('steps').filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join('steps', file), 'utf8');
    for (const m of text.matchAll(/^(Given|When|Then)\('([^']*)'/gm)) found.push(`${m[1]} ${m[2]}`);
  }
  return found;
}

test('the README lists every sentence of the step library', () => {
  const readme = readFileSync('README.md', 'utf8');
  const sentences = definedSentences();
  assert.ok(sentences.length > 40);
  const missing = sentences.filter((s) => !readme.split('\n').includes(s));
  assert.deepEqual(missing, []);
});

test('every sentence is used by a shipped feature', () => {
  const features: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.feature')) features.push(readFileSync(join(dir, e.name), 'utf8'));
    }
  };
  walk('features');
  const steps = features.join('\n').split('\n').map((l) => l.trim().replace(/^(Given|When|Then|And|But) /, ''));
  // A sentence is used when a step line has its words around the parameters (parameters take any text here).
  const unused = definedSentences().filter((s) => {
    const expression = s.replace(/^(Given|When|Then) /, '');
    const re = new RegExp(`^${expression.split(/\{[^}]*\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`);
    return !steps.some((l) => re.test(l));
  });
  assert.deepEqual(unused, []);
});
