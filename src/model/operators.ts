import type { OperatorFamily } from './policy';

export interface OperatorInfo {
  readonly family: OperatorFamily;
  readonly negated: boolean;
}

/** Every base condition operator IAM defines, in AWS's spelling (reference C4). */
export const CONDITION_OPERATORS: Readonly<Record<string, OperatorInfo>> = {
  StringEquals: { family: 'String', negated: false },
  StringNotEquals: { family: 'String', negated: true },
  StringEqualsIgnoreCase: { family: 'String', negated: false },
  StringNotEqualsIgnoreCase: { family: 'String', negated: true },
  StringLike: { family: 'String', negated: false },
  StringNotLike: { family: 'String', negated: true },
  NumericEquals: { family: 'Numeric', negated: false },
  NumericNotEquals: { family: 'Numeric', negated: true },
  NumericLessThan: { family: 'Numeric', negated: false },
  NumericLessThanEquals: { family: 'Numeric', negated: false },
  NumericGreaterThan: { family: 'Numeric', negated: false },
  NumericGreaterThanEquals: { family: 'Numeric', negated: false },
  DateEquals: { family: 'Date', negated: false },
  DateNotEquals: { family: 'Date', negated: true },
  DateLessThan: { family: 'Date', negated: false },
  DateLessThanEquals: { family: 'Date', negated: false },
  DateGreaterThan: { family: 'Date', negated: false },
  DateGreaterThanEquals: { family: 'Date', negated: false },
  Bool: { family: 'Bool', negated: false },
  BinaryEquals: { family: 'Binary', negated: false },
  IpAddress: { family: 'IpAddress', negated: false },
  NotIpAddress: { family: 'IpAddress', negated: true },
  ArnEquals: { family: 'Arn', negated: false },
  ArnLike: { family: 'Arn', negated: false },
  ArnNotEquals: { family: 'Arn', negated: true },
  ArnNotLike: { family: 'Arn', negated: true },
  Null: { family: 'Null', negated: false },
};

/** Families whose values may hold policy variables (reference V1, C4b). */
export const FAMILIES_WITH_VARIABLES: ReadonlySet<OperatorFamily> = new Set<OperatorFamily>(['String', 'Arn']);
