import fc from 'fast-check';
import { findAction } from '../../../src/catalog';
import type { Request } from '../../../src/model';
import { parseRequest } from '../../../src/parse';
import { mqActionCased } from './action';
import { brokerArn, configurationArn } from './arn';
import { recase } from './case';
import { ALL_FAMILIES, multivaluedContextValue } from './context-keys';

/** A request as a simulate case writes it (plain JSON). */
export interface RequestDoc {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context: Readonly<Record<string, string | readonly string[]>>;
}

/** Principals whose layers all apply: an IAM user and a role session. */
export const ORDINARY_PRINCIPALS = ['arn:aws:iam::111122223333:user/ops/alice', 'arn:aws:sts::111122223333:assumed-role/Operator/alice-session'] as const;

/** Principals with special rules: root (no identity policies), federated user (E3b), service-linked role (no SCPs). */
export const SPECIAL_PRINCIPALS = [
  'arn:aws:iam::111122223333:root',
  'arn:aws:sts::111122223333:federated-user/alice',
  'arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForAmazonMQ/mq-session',
] as const;

export const ordinaryPrincipal = fc.constantFrom(...ORDINARY_PRINCIPALS);
export const anyPrincipal = fc.oneof({ weight: 3, arbitrary: ordinaryPrincipal }, { weight: 1, arbitrary: fc.constantFrom(...SPECIAL_PRINCIPALS) });

/** Every key of the generated universe, present or not, spelled in a random letter case; values are well typed. */
export const context: fc.Arbitrary<Record<string, string | string[]>> = fc
  .record({
    entries: fc.tuple(
      ...ALL_FAMILIES.flatMap((family) =>
        family.keys.map((key) => fc.option<string | string[], undefined>(family.multivalued ? multivaluedContextValue : family.contextValue, { nil: undefined, freq: 2 }).map((v) => [key, v] as const)),
      ),
    ),
    spelling: recase,
  })
  .map(({ entries, spelling }) => {
    const out: Record<string, string | string[]> = {};
    for (const [key, value] of entries) if (value !== undefined) out[spelling(key)] = value;
    return out;
  });

/**
 * The resource an action is authorized against: `*` for wildcard-only actions; otherwise a broker
 * or configuration ARN of a type the action takes, or (`star`) the `*` every action accepts.
 */
export function resourceFor(action: string, broker: string, configuration: string, star: boolean): string {
  const types = findAction(action)?.details?.resourceTypes.map((t) => t.name) ?? [];
  if (types.length === 0 || star) return '*';
  if (types.includes('brokers') && (!types.includes('configurations') || broker.length % 2 === 0)) return broker;
  return configuration;
}

export interface RequestOptions {
  readonly principal?: fc.Arbitrary<string>;
  readonly action?: fc.Arbitrary<string>;
  /** Keep the generated resource's own partition and account (often another account: E0). Default: the caller's. */
  readonly crossAccount?: boolean;
}

/** The resource moved into the principal's partition and account, so the request is a same-account one. */
export function inCallersAccount(principal: string, resource: string): string {
  if (resource === '*') return resource;
  const [, partition, , , account] = principal.split(':');
  const parts = resource.split(':');
  parts[1] = partition!;
  parts[4] = account!;
  return parts.join(':');
}

export function requestDocOf(options: RequestOptions = {}): fc.Arbitrary<RequestDoc> {
  return fc
    .record({
      principal: options.principal ?? anyPrincipal,
      action: options.action ?? mqActionCased,
      broker: brokerArn,
      configuration: configurationArn,
      star: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      context,
    })
    .map(({ principal, action, broker, configuration, star, context: ctx }) => {
      const resource = resourceFor(action, broker, configuration, star);
      return { principal, action, resource: options.crossAccount ? resource : inCallersAccount(principal, resource), context: ctx };
    });
}

export const requestDoc: fc.Arbitrary<RequestDoc> = requestDocOf();

/** Runs a generated request through the real parser; a problem means the generator is wrong. */
export function toRequest(doc: RequestDoc): Request {
  const r = parseRequest(doc);
  if ('problems' in r) throw new Error(`generated request is invalid: ${r.problems.map((p) => p.message).join('; ')}\n${JSON.stringify(doc)}`);
  return r.request;
}
