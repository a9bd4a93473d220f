import fc from 'fast-check';

/** Pieces of Amazon MQ ARNs within the catalog's rules (catalog §2, reference R1). */
export const partition = fc.constantFrom('aws', 'aws-cn', 'aws-us-gov');
export const region = fc.constantFrom('us-east-1', 'eu-west-1', 'cn-north-1');
export const account = fc.constantFrom('111122223333', '444455556666');

/** Broker names: 1–50 letters, digits, `-`, `_`; a few fixed names so that patterns often meet. */
export const brokerName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('orders-prod', 'orders-dev', 'Billing_1') },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,50}$/) },
);
export const brokerId = fc.oneof(fc.constantFrom('b-0a1b2c3d-4e5f-6789-abcd-ef0123456789', 'b-1234'), fc.uuid().map((u) => `b-${u}`));
export const configurationId = fc.oneof(fc.constantFrom('c-0a1b2c3d-4e5f-6789-abcd-ef0123456789', 'c-42'), fc.uuid().map((u) => `c-${u}`));

export const brokerArn = fc
  .tuple(partition, region, account, brokerName, brokerId)
  .map(([p, r, a, name, id]) => `arn:${p}:mq:${r}:${a}:broker:${name}:${id}`);
export const configurationArn = fc.tuple(partition, region, account, configurationId).map(([p, r, a, id]) => `arn:${p}:mq:${r}:${a}:configuration:${id}`);
export const mqArn = fc.oneof(brokerArn, configurationArn);

type Choice = 'keep' | 'star' | 'one' | 'prefix' | 'suffix';
const choice = fc.tuple(fc.constantFrom<Choice>('keep', 'keep', 'star', 'one', 'prefix', 'suffix'), fc.nat());

/** Applies a wildcard choice to one ARN component; the result still matches the component. */
function widen(text: string, [kind, n]: [Choice, number]): string {
  if (text === '') return kind === 'star' ? '*' : text;
  const i = n % text.length;
  switch (kind) {
    case 'keep':
      return text;
    case 'star':
      return '*';
    case 'one':
      return `${text.slice(0, i)}?${text.slice(i + 1)}`;
    case 'prefix':
      return `${text.slice(0, i)}*`;
    case 'suffix':
      return `*${text.slice(i)}`;
  }
}

/**
 * A Resource pattern that matches `arn`: wildcards per component (never in the service), `*`
 * spanning `:` in the resource part, or a short pattern ending in `*` (R2).
 */
export function arnPatternFor(arn: string): fc.Arbitrary<string> {
  const [, p = '', service = '', r = '', a = '', ...rest] = arn.split(':');
  const resource = rest.join(':');
  return fc.oneof(
    { weight: 5, arbitrary: fc.tuple(choice, choice, choice, choice).map(([cp, cr, ca, cres]) => `arn:${widen(p, cp)}:${service}:${widen(r, cr)}:${widen(a, ca)}:${widen(resource, cres)}`) },
    { weight: 1, arbitrary: fc.constantFrom(`arn:${p}:${service}:*`, `arn:*:${service}:*`, `arn:${p}:${service}:${r}:*`) },
  );
}

/** Any valid ARN pattern; it may or may not match a given request. */
export const arnPattern: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: mqArn.chain(arnPatternFor) },
  { weight: 1, arbitrary: fc.constantFrom('arn:aws:mq:*:*:broker:*', 'arn:aws:mq:*:*:configuration:*', 'arn:aws:ec2:*:*:vpc/*', 'arn:aws:mq:*') },
  // Policy variables in the resource part (R9); literal text under Version 2008-10-17.
  { weight: 1, arbitrary: fc.constantFrom('arn:aws:mq:*:*:broker:${aws:username}*', "arn:aws:mq:*:*:broker:${aws:PrincipalTag/env, 'orders'}-*", 'arn:*:mq:*:*:broker:orders-${aws:PrincipalTag/env}:*') },
);
