import { When } from '@cucumber/cucumber';
import { createBrokerCalls, DEFAULT_REGION, type StoredResource, type Tags } from '../src/index';
import type { HarnessWorld } from './support/world';

type Target = StoredResource | '*';

When('they call {action}', function (this: HarnessWorld, action: string) {
  this.call([{ action, resource: '*' }]);
});

When('they call {action} on {resource}', function (this: HarnessWorld, action: string, resource: Target) {
  this.call([{ action, resource }]);
});

When('they call {action} on the ARN {string}', function (this: HarnessWorld, action: string, arn: string) {
  this.call([{ action, resource: { kind: 'arn', arn } }]);
});

When('they call {action} on a broker tagged {tags}', function (this: HarnessWorld, action: string, tags: Tags) {
  const region = this.settings.region ?? DEFAULT_REGION;
  const id = 'b-00000000-0000-4000-8000-000000000000';
  const broker: StoredResource = { name: 'a broker of this scenario', kind: 'broker', id, region, account: this.store.account, tags, arn: `arn:aws:mq:${region}:${this.store.account}:broker:scenario-broker:${id}`, source: { policy: 'scenario', pointer: '' } };
  this.call([{ action, resource: broker }]);
});

When('they call {action} with request tags {tags}', function (this: HarnessWorld, action: string, requestTags: Tags) {
  this.call([{ action, resource: '*', requestTags }]);
});

When('they call {action} on {resource} with request tags {tags}', function (this: HarnessWorld, action: string, resource: Target, requestTags: Tags) {
  this.call([{ action, resource, requestTags }]);
});

When('they call {action} on {resource} removing the tag keys {string}', function (this: HarnessWorld, action: string, resource: Target, keys: string) {
  this.call([{ action, resource, tagKeys: keys.split(/,\s*/) }]);
});

When('they create a broker tagged {tags}', function (this: HarnessWorld, tags: Tags) {
  this.call(createBrokerCalls(this.store, this.settings.region, tags));
});

When('they create a broker without tags', function (this: HarnessWorld) {
  this.call(createBrokerCalls(this.store, this.settings.region, undefined));
});
