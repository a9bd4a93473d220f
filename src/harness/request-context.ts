import type { ContextValue } from '../model';
import { findAction, resourceType } from '../catalog';
import { mergeTags } from '../load/merge-tags';
import type { StoredPrincipal } from '../load/store-types';
import type { Call } from './call';
import { DEFAULT_REGION, type ScenarioSettings } from './scenario-settings';

/** Context keys in insertion order with the spelling AWS uses; look-ups ignore case like IAM does. */
class Context {
  private readonly entries = new Map<string, [string, ContextValue]>();
  set(key: string, value: ContextValue): void {
    this.entries.set(key.toLowerCase(), [key, value]);
  }
  delete(key: string): void {
    this.entries.delete(key.toLowerCase());
  }
  toRecord(): Record<string, ContextValue> {
    return Object.fromEntries([...this.entries.values()]);
  }
}

/** Whether the action is authorized against a resource that can carry tags (reference T3). */
function takesResourceTags(action: string): boolean {
  const known = findAction(action);
  const tagKey = (keys: readonly string[]): boolean => keys.some((k) => k.toLowerCase().startsWith('aws:resourcetag/'));
  // The key is listed on the resource type (mq brokers, configurations), sometimes on the action's entry too.
  return known?.details?.resourceTypes.some((t) => tagKey(t.conditionKeys) || tagKey(resourceType(known.service, t.name)?.conditionKeys ?? [])) ?? false;
}

/**
 * The request context AWS builds for this principal, call and scenario (reference §8, §9):
 * principal keys always; MFA and token time only for temporary credentials; resource tags only
 * for resource-bound actions; request tags only when the request carries tags.
 */
export function requestContext(principal: StoredPrincipal, call: Call, settings: ScenarioSettings): Record<string, ContextValue> {
  const c = new Context();
  c.set('aws:PrincipalArn', principal.principalArn);
  c.set('aws:PrincipalAccount', principal.account);
  c.set('aws:PrincipalType', principal.type === 'user' ? 'User' : 'AssumedRole');
  c.set('aws:userid', principal.userId);
  if (principal.userName !== undefined) c.set('aws:username', principal.userName);
  c.set('aws:PrincipalIsAWSService', 'false');
  for (const [k, v] of Object.entries(mergeTags(principal.tags, settings.principalTags))) c.set(`aws:PrincipalTag/${k}`, v);

  // Access keys of an IAM user carry neither key; sessions (and a user signed in with MFA) do.
  const mfa = settings.mfa ?? principal.mfa;
  if (principal.temporaryCredentials || settings.mfa === true) {
    c.set('aws:MultiFactorAuthPresent', mfa ? 'true' : 'false');
    if (mfa) c.set('aws:MultiFactorAuthAge', '600');
    c.set('aws:TokenIssueTime', new Date(Date.parse(settings.currentTime) - 3600_000).toISOString().replace('.000Z', 'Z'));
  }

  const sourceIp = settings.sourceIp === undefined ? principal.sourceIp : settings.sourceIp;
  if (sourceIp !== null) c.set('aws:SourceIp', sourceIp);
  const resource = call.resource;
  const region = resource !== '*' && resource.kind !== 'arn' ? resource.region : resource !== '*' ? (resource.arn.split(':')[3] || settings.region) ?? DEFAULT_REGION : settings.region ?? DEFAULT_REGION;
  c.set('aws:RequestedRegion', region);
  c.set('aws:SecureTransport', settings.secureTransport ? 'true' : 'false');
  c.set('aws:CurrentTime', settings.currentTime);
  c.set('aws:EpochTime', String(Math.floor(Date.parse(settings.currentTime) / 1000)));
  if (call.action.toLowerCase().startsWith('ec2:')) c.set('ec2:Region', region);

  if (resource !== '*' && resource.kind !== 'arn' && takesResourceTags(call.action)) {
    for (const [k, v] of Object.entries(resource.tags)) c.set(`aws:ResourceTag/${k}`, v);
  }
  if (call.requestTags) {
    for (const [k, v] of Object.entries(call.requestTags)) c.set(`aws:RequestTag/${k}`, v);
    c.set('aws:TagKeys', Object.keys(call.requestTags));
  }
  if (call.tagKeys) c.set('aws:TagKeys', [...call.tagKeys]);
  for (const [k, v] of Object.entries(call.serviceContext ?? {})) c.set(k, v);

  for (const { key, value } of settings.overrides.values()) {
    if (value === null) c.delete(key);
    else c.set(key, value);
  }
  return c.toRecord();
}
