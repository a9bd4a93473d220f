/** Media type of the JSON every property step attaches: the seed that replays its run, passing or not. */
export const PROPERTY_MEDIA_TYPE = 'application/vnd.mq-policy.property+json';

/** One fast-check run of a law: `MQ_POLICY_PROPERTY_SEED=<seed>` (and `_PATH` for a failure) replays it. */
export interface PropertyRecord {
  readonly law: string;
  readonly seed: number;
  readonly numRuns: number;
  readonly passed: boolean;
  /** fast-check's replay path of the shrunk counterexample, for a failure. */
  readonly path?: string;
}
