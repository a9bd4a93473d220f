import fc from 'fast-check';

/** Runs per property; `FC_NUM_RUNS=2000 npm run test:unit` for a deeper search. */
export const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 150);

fc.configureGlobal({ numRuns: NUM_RUNS, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) });
