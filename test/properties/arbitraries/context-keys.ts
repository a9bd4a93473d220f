import fc from 'fast-check';
import type { OperatorFamily } from '../../../src/model';
import { TAG_KEYS, tagKeyList, tagValue, VARIABLE_TAG_KEYS } from './tag';

/** A JSON value as a policy may write it under a condition key. */
export type PolicyValue = string | number | boolean;

/**
 * One family of condition keys: the keys, what a request may carry for them (always well typed,
 * so the engine can decide), and what a policy may compare them with.
 */
export interface KeyFamily {
  readonly family: Exclude<OperatorFamily, 'Null'>;
  readonly keys: readonly string[];
  readonly multivalued: boolean;
  readonly operators: readonly string[];
  readonly contextValue: fc.Arbitrary<string>;
  readonly policyValue: fc.Arbitrary<PolicyValue>;
}

const principalArns = [
  'arn:aws:iam::111122223333:user/ops/alice',
  'arn:aws:iam::111122223333:role/teams/Operator',
  'arn:aws:iam::444455556666:role/Auditor',
  'arn:aws:sts::111122223333:assumed-role/Operator/alice-session',
];

/** Policy variables naming single-valued keys, with and without a default (V1, V4). */
const variable = fc.oneof(
  fc.constantFrom(...VARIABLE_TAG_KEYS).map((k) => `\${aws:PrincipalTag/${k}}`),
  fc.constantFrom('${aws:username}', "${aws:username, 'alice'}", "${aws:PrincipalTag/env, 'prod'}"),
);

const stringPolicyValue: fc.Arbitrary<PolicyValue> = fc.oneof(
  { weight: 4, arbitrary: tagValue },
  { weight: 1, arbitrary: fc.constantFrom('alice', 'pro*', '*', 'd?v', 'release${?}', '${*}') },
  { weight: 1, arbitrary: variable },
);

export const STRING: KeyFamily = {
  family: 'String',
  keys: [...TAG_KEYS.flatMap((k) => [`aws:ResourceTag/${k}`, `aws:RequestTag/${k}`, `aws:PrincipalTag/${k}`]), 'aws:username'],
  multivalued: false,
  operators: ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'],
  contextValue: fc.oneof(tagValue, fc.constantFrom('alice', 'release?', '*')),
  policyValue: stringPolicyValue,
};

const numbers = ['0', '1', '3', '3.0', '10', '-1', '1e1', '.5'];
export const NUMERIC: KeyFamily = {
  family: 'Numeric',
  keys: ['aws:MultiFactorAuthAge'],
  multivalued: false,
  operators: ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'],
  contextValue: fc.constantFrom(...numbers),
  policyValue: fc.oneof(fc.constantFrom(...numbers), fc.constantFrom(0, 3, 10)),
};

// The same instant appears as ISO with and without offset and as epoch seconds (C4c).
const dates = ['2026-01-01T00:00:00Z', '2026-01-01', '1767225600', '2026-01-01T02:00:00+02:00', '2025-06-15T12:30:00Z', '2027-03-01T00:00:00.5Z'];
export const DATE: KeyFamily = {
  family: 'Date',
  keys: ['aws:CurrentTime', 'aws:TokenIssueTime'],
  multivalued: false,
  operators: ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'],
  contextValue: fc.constantFrom(...dates),
  policyValue: fc.constantFrom(...dates),
};

export const BOOL: KeyFamily = {
  family: 'Bool',
  keys: ['aws:SecureTransport', 'aws:MultiFactorAuthPresent'],
  multivalued: false,
  operators: ['Bool'],
  contextValue: fc.constantFrom('true', 'false'),
  policyValue: fc.constantFrom<PolicyValue>('true', 'false', true, false),
};

// No MQ key is Binary; an unknown key is a legal, merely absent-unless-sent key (C13).
const blobs = ['AAEC', 'aGVsbG8=', 'd29ybGQ=', 'AA=='];
export const BINARY: KeyFamily = {
  family: 'Binary',
  keys: ['custom:Blob'],
  multivalued: false,
  operators: ['BinaryEquals'],
  contextValue: fc.constantFrom(...blobs),
  policyValue: fc.constantFrom(...blobs),
};

export const IP: KeyFamily = {
  family: 'IpAddress',
  keys: ['aws:SourceIp'],
  multivalued: false,
  operators: ['IpAddress', 'NotIpAddress'],
  contextValue: fc.constantFrom('203.0.113.5', '203.0.114.1', '10.1.2.3', '2001:db8::1', '192.0.2.1'),
  policyValue: fc.constantFrom('203.0.113.0/24', '10.0.0.0/8', '203.0.113.5', '2001:db8::/32', '::1/128', '0.0.0.0/0'),
};

export const ARN: KeyFamily = {
  family: 'Arn',
  keys: ['aws:PrincipalArn', 'aws:SourceArn'],
  multivalued: false,
  operators: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'],
  contextValue: fc.constantFrom(...principalArns),
  policyValue: fc.oneof(
    fc.constantFrom(...principalArns),
    fc.constantFrom('arn:aws:iam::111122223333:role/*', 'arn:aws:iam::*:user/ops/alice', 'arn:aws:iam::*:*', 'arn:aws:iam::111122223333:role/teams/${aws:username}', '*'),
  ),
};

/** The multivalued key MQ requests carry; plain operators on it are undefined (C11), so only set operators are generated. */
export const TAG_KEYS_FAMILY: KeyFamily = {
  family: 'String',
  keys: ['aws:TagKeys'],
  multivalued: true,
  operators: STRING.operators,
  contextValue: fc.constant(''), // unused: see multivaluedContextValue
  policyValue: fc.oneof(fc.constantFrom(...TAG_KEYS), fc.constantFrom('e*', '*', 'Env')),
};
export const multivaluedContextValue: fc.Arbitrary<string[]> = tagKeyList;

export const SINGLE_VALUED_FAMILIES: readonly KeyFamily[] = [STRING, NUMERIC, DATE, BOOL, BINARY, IP, ARN];
export const ALL_FAMILIES: readonly KeyFamily[] = [...SINGLE_VALUED_FAMILIES, TAG_KEYS_FAMILY];

/** Every key a generated request may carry, each once (lower-cased keys are distinct). */
export const ALL_KEYS: readonly string[] = ALL_FAMILIES.flatMap((f) => f.keys);
