import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PolicyCache } from '../../src/parse';

const layers = (n: number): Record<string, unknown> => ({ identity: [{ Version: '2012-10-17', Statement: [{ Sid: `S${n}`, Effect: 'Allow', Action: 'mq:ListBrokers', Resource: '*' }] }] });

test('repeated policies are validated once and counted, so simulate can compile what keeps coming back', () => {
  const cache = new PolicyCache();
  const first = cache.resolve(layers(1));
  const second = cache.resolve(layers(1));
  assert.equal(first.uses, 1);
  assert.equal(second.uses, 2);
  assert.equal(second.parsed, first.parsed, 'the same validated layers are returned');
});

test('a batch of one-off policies makes the cache step aside for a while, then probe again', () => {
  const cache = new PolicyCache(128, 8, 4);
  for (let i = 0; i < 8; i++) cache.resolve(layers(i)); // 8 misses: below one hit in four
  const bypassed = [cache.resolve(layers(0)), cache.resolve(layers(0)), cache.resolve(layers(0)), cache.resolve(layers(0))];
  assert.deepEqual(bypassed.map((r) => r.uses), [1, 1, 1, 1], 'during the pause nothing is remembered');
  assert.equal(cache.resolve(layers(0)).uses, 1, 'probing starts from an empty cache');
  assert.equal(cache.resolve(layers(0)).uses, 2);
});

test('invalid layers are cached as the same error', () => {
  const cache = new PolicyCache();
  const bad = { identity: [{ Statement: [] }] };
  const a = cache.resolve(bad);
  assert.ok('code' in a.parsed);
  assert.equal(cache.resolve(bad).parsed, a.parsed);
});
