/** The six components of an ARN; `resource` is everything after the fifth colon. */
export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** Splits `arn:partition:service:region:account:resource`; undefined when there are fewer than six components. */
export function splitArn(arn: string): ArnParts | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  const parts: string[] = [];
  let start = 4;
  for (let n = 0; n < 4; n++) {
    const colon = arn.indexOf(':', start);
    if (colon < 0) return undefined;
    parts.push(arn.slice(start, colon));
    start = colon + 1;
  }
  return { partition: parts[0]!, service: parts[1]!, region: parts[2]!, account: parts[3]!, resource: arn.slice(start) };
}
