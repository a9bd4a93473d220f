import assert from 'node:assert/strict';
import { Then } from '@cucumber/cucumber';
import type { HarnessWorld } from './support/world';

/** The request's tag keys as AWS puts them in aws:TagKeys. */
Then('the request carries the tag keys {string}', function (this: HarnessWorld, keys: string) {
  const ctx = this.last().context;
  const actual = ctx['aws:TagKeys'];
  assert.deepEqual(actual, keys.split(/,\s*/), `aws:TagKeys: expected ${keys}, actual ${JSON.stringify(actual)}`);
});

Then('the request carries no request tags', function (this: HarnessWorld) {
  const keys = Object.keys(this.last().context).filter((k) => k.toLowerCase().startsWith('aws:requesttag/'));
  assert.deepEqual(keys, [], `expected no aws:RequestTag keys, found ${keys.join(', ')}`);
});
