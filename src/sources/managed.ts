import type { Estate, EstatePolicy, Origin, SourceOptions } from './estate';

const AWS_MANAGED = /^arn:aws[\w-]*:iam::aws:policy\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]+)$/;

export const isAwsManagedArn = (arn: string): boolean => AWS_MANAGED.test(arn);

/**
 * The estate key of an AWS managed policy, added from the shipped data on first use; undefined (and an
 * unresolved entry) when the data does not know the ARN — never an empty policy in its place.
 */
export function awsManagedPolicy(estate: Estate, arn: string, use: 'identity' | 'boundary', origin: Origin, options: SourceOptions): string | undefined {
  const key = `aws-managed:${use}:${arn}`;
  if (estate.policies.has(key)) return key;
  const found = options.managed(arn);
  if (!found) {
    estate.unresolved.push({ what: `AWS managed policy \`${arn}\``, why: `the shipped managed policy data (${options.managed.dataVersion}) does not know it, so what it grants is unknown`, origin });
    return undefined;
  }
  const policy: EstatePolicy = { name: found.name, use, document: found.document, origin: { file: 'AWS managed policy data', address: arn, pointer: '' }, managed: { arn, version: found.version, data: options.managed.dataVersion } };
  estate.policies.set(key, policy);
  return key;
}

/**
 * AWS's default SCP, attached to every root, OU and account when an organization enables SCPs (AWS
 * Organizations User Guide, "FullAWSAccess"): used for every level a source does not show.
 */
export const FULL_AWS_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } as const;
