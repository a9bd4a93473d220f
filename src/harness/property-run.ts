import * as fc from 'fast-check';
import type { Evaluation } from './evaluate';
import { explain } from './record';

/** How many cases each property step tries, and the seed to replay a failure with (from the environment). */
export interface PropertyOptions {
  readonly numRuns: number;
  readonly seed?: number;
  readonly path?: string;
}

export interface PropertyOutcome {
  readonly passed: boolean;
  readonly numRuns: number;
  readonly seed: number;
  /** For a failure: the shrunk counterexample request, its explanation and how to replay it. */
  readonly message: string;
  readonly counterexample?: Evaluation;
  /** fast-check's path to the shrunk counterexample (with the seed, it replays the failure at once). */
  readonly path?: string;
}

/** The outcome of one generated case: a law holds or names the evaluation that breaks it. */
export type LawCheck = { readonly holds: true } | { readonly holds: false; readonly evaluation: Evaluation; readonly why: string };

/**
 * Runs a law with fast-check. The predicate never throws for a broken law; it returns the evaluation
 * that breaks it, so the failure prints the shrunk request and its explanation, plus the seed and path.
 */
export function runLaw<T>(arbitrary: fc.Arbitrary<T>, law: (value: T) => LawCheck, options: PropertyOptions): PropertyOutcome {
  let last: { evaluation: Evaluation; why: string } | undefined;
  const details = fc.check(
    fc.property(arbitrary, (value) => {
      const r = law(value);
      if (!r.holds) last = { evaluation: r.evaluation, why: r.why };
      return r.holds;
    }),
    { numRuns: options.numRuns, ...(options.seed !== undefined ? { seed: options.seed } : {}), ...(options.path !== undefined ? { path: options.path } : {}) },
  );
  if (!details.failed) return { passed: true, numRuns: details.numRuns, seed: details.seed, message: `held for ${details.numRuns} generated cases (seed ${details.seed})` };
  // Re-run the shrunk counterexample so `last` is its evaluation, not the last one shrinking tried.
  const shrunk = details.counterexample?.[0] as T | undefined;
  const final = shrunk !== undefined ? law(shrunk) : undefined;
  const evaluation = final && !final.holds ? final.evaluation : last?.evaluation;
  const why = final && !final.holds ? final.why : last?.why ?? 'the law threw';
  // The explanation comes first (what a person reads), then how to replay, then the full request.
  const lines = [`law broken after ${details.numRuns} generated case(s): ${why}`];
  if (evaluation) lines.push(explain(evaluation));
  lines.push(`replay with MQ_POLICY_PROPERTY_SEED=${details.seed} MQ_POLICY_PROPERTY_PATH=${details.counterexamplePath ?? ''}`);
  if (details.errorInstance && !evaluation) lines.push(`error: ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`);
  if (evaluation) {
    lines.push('shrunk counterexample request:');
    lines.push(JSON.stringify({ principal: evaluation.request.principal, action: evaluation.request.action, resource: evaluation.request.resource, context: evaluation.context }, null, 2));
  }
  return { passed: false, numRuns: details.numRuns, seed: details.seed, message: lines.join('\n'), ...(evaluation ? { counterexample: evaluation } : {}), ...(details.counterexamplePath ? { path: details.counterexamplePath } : {}) };
}
