import { Given } from '@cucumber/cucumber';
import { HarnessInputError, allowOnly, assumeRole, policyNamed, withProbe, actionsMatching, type StoredPrincipal, type Tags } from '../src/index';
import type { HarnessWorld } from './support/world';

Given('the {principal}', function (this: HarnessWorld, principal: StoredPrincipal) {
  this.principal = principal;
});

Given('the {principal} without MFA', function (this: HarnessWorld, principal: StoredPrincipal) {
  this.principal = principal;
  this.settings.mfa = false;
  this.fix('aws:MultiFactorAuthPresent');
});

Given('the {principal} signed in with MFA', function (this: HarnessWorld, principal: StoredPrincipal) {
  this.principal = principal;
  this.settings.mfa = true;
  this.fix('aws:MultiFactorAuthPresent');
});

Given('the {principal} with session tags {tags}', function (this: HarnessWorld, principal: StoredPrincipal, tags: Tags) {
  if (principal.type !== 'session') throw new HarnessInputError(`\`${principal.name}\` is an IAM user; only assumed-role sessions carry session tags`);
  this.principal = principal;
  this.settings.principalTags = tags;
});

Given('the {principal}, with the policy {word} in place of {word}', function (this: HarnessWorld, principal: StoredPrincipal, replacement: string, original: string) {
  policyNamed(this.store, replacement);
  const attached = [...principal.identityPolicies, ...principal.sessionPolicies, ...(principal.boundary !== undefined ? [principal.boundary] : [])];
  if (!attached.includes(original)) throw new HarnessInputError(`\`${principal.name}\` has no policy \`${original}\`; its policies are ${attached.map((a) => `\`${a}\``).join(', ')}`);
  this.principal = principal;
  (this.settings.replacements as Map<string, string>).set(original, replacement);
});

Given('a user whose only policy allows {string}', function (this: HarnessWorld, actions: string) {
  const probe = withProbe(this.store, 'probe', allowOnly(actions.split(/,\s*/)));
  this.store = probe.store;
  this.principal = probe.principal;
});

Given('a user whose only policy allows {string} on {string}', function (this: HarnessWorld, actions: string, resource: string) {
  const probe = withProbe(this.store, 'probe', allowOnly(actions.split(/,\s*/), resource));
  this.store = probe.store;
  this.principal = probe.principal;
});

Given('a user whose only policy allows every {word} action except {action}', function (this: HarnessWorld, service: string, action: string) {
  const others = actionsMatching(`${service}:*`).filter((a) => a.toLowerCase() !== action.toLowerCase());
  const probe = withProbe(this.store, 'probe', allowOnly(others));
  this.store = probe.store;
  this.principal = probe.principal;
});

/** A session built in the scenario (AssumeRole) instead of principals.yaml: no MFA, the store's usual address. */
Given('the role {word} assumed as session {word}', function (this: HarnessWorld, role: string, session: string) {
  this.principal = assumeRole(this.store, role, session);
});

Given('the role {word} assumed as session {word} with session tags {tags}', function (this: HarnessWorld, role: string, session: string, tags: Tags) {
  this.principal = assumeRole(this.store, role, session, { sessionTags: tags });
});

Given('the role {word} assumed as session {word} with the session policy {word}', function (this: HarnessWorld, role: string, session: string, policy: string) {
  this.principal = assumeRole(this.store, role, session, { sessionPolicy: policy });
});

Given('the role {word} assumed as session {word} with session tags {tags} with the session policy {word}', function (this: HarnessWorld, role: string, session: string, tags: Tags, policy: string) {
  this.principal = assumeRole(this.store, role, session, { sessionTags: tags, sessionPolicy: policy });
});
