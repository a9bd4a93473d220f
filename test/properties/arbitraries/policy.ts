import fc from 'fast-check';
import type { PolicySet } from '../../../src/engine';
import type { Policy, PolicyKind } from '../../../src/model';
import { parsePolicy } from '../../../src/parse';
import type { RequestDoc } from './request';
import { statementDoc, type StatementDoc, type StatementOptions } from './statement';

/** A policy document (plain JSON), as a file would hold it. */
export interface PolicyDoc {
  readonly Version?: string;
  readonly Statement: readonly StatementDoc[];
}

/** Policy documents per layer; SCPs as levels (root first). */
export interface PolicySetDoc {
  readonly identity: readonly PolicyDoc[];
  readonly boundary?: readonly PolicyDoc[];
  readonly scp?: readonly (readonly PolicyDoc[])[];
  readonly session?: readonly PolicyDoc[];
}

/** Mostly 2012-10-17 (variables and escapes), sometimes 2008-10-17 or no Version (everything literal, G2). */
const version = fc.oneof(
  { weight: 6, arbitrary: fc.constant<string | undefined>('2012-10-17') },
  { weight: 1, arbitrary: fc.constantFrom<string | undefined>('2008-10-17', undefined) },
);

export function policyDoc(options: StatementOptions = {}): fc.Arbitrary<PolicyDoc> {
  return fc
    .record({ version, statements: fc.array(statementDoc(options), { minLength: 1, maxLength: 3 }) })
    .map(({ version: v, statements }) => (v === undefined ? { Statement: statements } : { Version: v, Statement: statements }));
}

/** A policy set around one request: identity policies always, the guardrail layers sometimes. */
export function policySetDoc(near?: RequestDoc): fc.Arbitrary<PolicySetDoc> {
  const policy = policyDoc(near ? { near } : {});
  const sometimes = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
  const layer = (max: number): fc.Arbitrary<PolicyDoc[] | undefined> => sometimes(fc.array(policy, { minLength: 1, maxLength: max }));
  return fc
    .record({
      identity: fc.array(policy, { minLength: 1, maxLength: 3 }),
      boundary: layer(2),
      scp: sometimes(fc.array(fc.array(policy, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 })),
      session: layer(2),
    })
    .map(({ identity, boundary, scp, session }) => ({ identity, ...(boundary ? { boundary } : {}), ...(scp ? { scp } : {}), ...(session ? { session } : {}) }));
}

/** Runs a generated document through the real parser; a diagnostic means the generator is wrong. */
export function toPolicy(doc: PolicyDoc, kind: PolicyKind, name: string): Policy {
  const r = parsePolicy(doc, { name, kind });
  if (!r.policy) throw new Error(`generated policy ${name} is invalid: ${r.diagnostics.map((d) => `${d.message} (${d.source.pointer})`).join('; ')}\n${JSON.stringify(doc)}`);
  return r.policy;
}

export function toPolicySet(doc: PolicySetDoc): PolicySet {
  return {
    identity: doc.identity.map((p, i) => toPolicy(p, 'identity', `identity[${i}]`)),
    ...(doc.boundary ? { boundary: doc.boundary.map((p, i) => toPolicy(p, 'boundary', `boundary[${i}]`)) } : {}),
    ...(doc.scp ? { scp: doc.scp.map((level, l) => level.map((p, i) => toPolicy(p, 'scp', `scp[${l}][${i}]`))) } : {}),
    ...(doc.session ? { session: doc.session.map((p, i) => toPolicy(p, 'session', `session[${i}]`)) } : {}),
  };
}
