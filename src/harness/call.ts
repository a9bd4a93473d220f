import type { StoredResource, Tags } from '../load/store-types';

/** A resource that exists only in one scenario ("a broker tagged environment=production"). */
export type CallResource = StoredResource | '*' | { readonly arn: string; readonly kind: 'arn' };

/** One authorization request as a scenario states it. */
export interface Call {
  readonly action: string;
  readonly resource: CallResource;
  /** Tags sent with the request (CreateBroker, CreateConfiguration, CreateTags): aws:RequestTag and aws:TagKeys. */
  readonly requestTags?: Tags;
  /** Tag keys removed (DeleteTags): aws:TagKeys only. */
  readonly tagKeys?: readonly string[];
  /** Service-specific keys the operation sets (ec2:AuthorizedService…). */
  readonly serviceContext?: Readonly<Record<string, string>>;
}

export function resourceArn(resource: CallResource): string {
  return resource === '*' ? '*' : resource.arn;
}

export function resourceLabel(resource: CallResource): string {
  if (resource === '*') return '*';
  if (resource.kind === 'arn') return resource.arn;
  return resource.name;
}
