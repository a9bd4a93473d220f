import { Given, Then } from '@cucumber/cucumber';
import { checkContextValue, checkKnownKey, checkCurrentTime, checkRegion, checkSourceAddress } from '../src/index';
import { failWith } from './support/assertions';
import type { HarnessWorld } from './support/world';

Given('the request comes from {string}', function (this: HarnessWorld, ip: string) {
  this.settings.sourceIp = checkSourceAddress(ip);
  this.fix('aws:SourceIp');
});

Given('the request comes through a VPC endpoint', function (this: HarnessWorld) {
  this.settings.sourceIp = null;
  this.fix('aws:SourceIp');
});

Given('the current time is {string}', function (this: HarnessWorld, time: string) {
  this.settings.currentTime = checkCurrentTime(time);
  this.fix('aws:CurrentTime');
});

Given('the request is made in {string}', function (this: HarnessWorld, region: string) {
  this.settings.region = checkRegion(region);
  this.fix('aws:RequestedRegion');
});

Given('the request is sent without TLS', function (this: HarnessWorld) {
  this.settings.secureTransport = false;
  this.fix('aws:SecureTransport');
});

Given('the context key {string} is {string}', function (this: HarnessWorld, key: string, value: string) {
  checkContextValue(key, value);
  this.override(key, value);
});

Given('the context key {string} is absent', function (this: HarnessWorld, key: string) {
  checkKnownKey(key);
  this.override(key, null);
});

/** Finds a context key ignoring case, as IAM does. */
function contextValue(world: HarnessWorld, key: string): string | readonly string[] | undefined {
  const ctx = world.last().context;
  const hit = Object.keys(ctx).find((k) => k.toLowerCase() === key.toLowerCase());
  return hit === undefined ? undefined : ctx[hit];
}

Then('the request context has {string} = {string}', function (this: HarnessWorld, key: string, value: string) {
  const actual = contextValue(this, key);
  const shown = Array.isArray(actual) ? actual.join(', ') : actual;
  if (shown !== value) failWith(`context key ${key}: expected ${value}, actual ${shown ?? 'absent'}\ncontext: ${JSON.stringify(this.last().context, null, 2)}`);
});

Then('the request context has no {string}', function (this: HarnessWorld, key: string) {
  const actual = contextValue(this, key);
  if (actual !== undefined) failWith(`context key ${key} should be absent, but it is ${JSON.stringify(actual)}`);
});
