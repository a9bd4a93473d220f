import { Given } from '@cucumber/cucumber';
import { HarnessInputError, type StoredResource } from '../src/index';
import type { HarnessWorld } from './support/world';

/**
 * "A token for a broker": sts:GetWebIdentityToken takes no resource but `*`, so IAM tells brokers apart only by
 * the audience the token names (`sts:IdentityTokenAudience`), which must be the one the broker accepts
 * (inventory.yaml `tokenAudience`). The request asks for an RS256 token valid 300 s, STS's default lifetime.
 */
function requestToken(world: HarnessWorld, broker: StoredResource | '*', extra: readonly string[]): void {
  if (broker === '*' || broker.kind !== 'broker') throw new HarnessInputError('name a broker of inventory.yaml: a token is requested for one broker');
  if (broker.tokenAudience === undefined) throw new HarnessInputError(`broker \`${broker.name}\` has no \`tokenAudience\` in inventory.yaml: set the audience its IAM authentication accepts`);
  world.override('sts:IdentityTokenAudience', [broker.tokenAudience, ...extra]);
  world.override('sts:SigningAlgorithm', 'RS256');
  world.override('sts:DurationSeconds', '300');
}

Given('a token request for the {resource} broker', function (this: HarnessWorld, broker: StoredResource | '*') {
  requestToken(this, broker, []);
});

Given('a token request for the {resource} broker that also names the audience {string}', function (this: HarnessWorld, broker: StoredResource | '*', audience: string) {
  requestToken(this, broker, [audience]);
});
