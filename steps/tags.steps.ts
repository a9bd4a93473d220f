import { Then } from '@cucumber/cucumber';
import { failWith } from './support/assertions';
import type { HarnessWorld } from './support/world';

/** The request's tag keys as AWS puts them in aws:TagKeys. */
Then('the request carries the tag keys {string}', function (this: HarnessWorld, keys: string) {
  const ctx = this.last().context;
  const actual = ctx['aws:TagKeys'];
  if (JSON.stringify(actual) !== JSON.stringify(keys.split(/,\s*/))) failWith(`aws:TagKeys: expected ${keys}, actual ${JSON.stringify(actual) ?? 'absent'}`);
});

Then('the request carries no request tags', function (this: HarnessWorld) {
  const keys = Object.keys(this.last().context).filter((k) => k.toLowerCase().startsWith('aws:requesttag/'));
  if (keys.length > 0) failWith(`expected no aws:RequestTag keys, found ${keys.join(', ')}`);
});
