import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mutateStore, type MutationReport, type RecordedExpectation } from '../analysis';
import type { PolicyStore } from '../load/store-types';
import { allDecisions, MUTATION_JSON, type MutationEvidence, type ReadRun } from '../reports';

/**
 * The mutation score as evidence in the reports. `mq-policy test --mutate` computes it for exactly the run's
 * expectations; `mq-policy mutate` writes reports/mutation.json with the store's content hash and the hash of
 * the recorded run it re-decided, and `mq-policy report` shows that file only when both still match. Any
 * other score would describe another store or another suite, so the reports say it is absent or stale instead.
 */

/** Every recorded expectation of a run, named by the scenario that asserted it. */
export function recordedExpectations(run: ReadRun): RecordedExpectation[] {
  return allDecisions(run.features).map(({ scenario, record }) => ({ record, scenario: `${scenario.uri}${scenario.line !== undefined ? `:${scenario.line}` : ''} ${scenario.name}${scenario.example !== undefined ? ` (${scenario.example})` : ''}` }));
}

export function scopeOf(report: MutationReport, storeRoot: string, storeSha256: string | undefined): string {
  const policies = new Set(report.mutants.map((m) => m.policy)).size;
  return `${report.mutants.length} mutants of the ${policies} policies some principal holds in ${storeRoot}${storeSha256 !== undefined ? ` (content sha256 ${storeSha256.slice(0, 16)}…)` : ''}, each re-decided against the ${report.expectations} expectations this run recorded`;
}

export const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/** `mq-policy test --mutate`: the score of this run, computed in process. */
export function mutationOfRun(store: PolicyStore, run: ReadRun, storeRoot: string, storeSha256: string | undefined, runSha256: string | undefined): MutationEvidence {
  const report = mutateStore(store, recordedExpectations(run));
  return { kind: 'computed', report, scope: scopeOf(report, storeRoot, storeSha256), ...(storeSha256 !== undefined ? { storeSha256 } : {}), ...(runSha256 !== undefined ? { runSha256 } : {}) };
}

/** A run without `--mutate`: said plainly, with the two ways to get the score. */
export const NOT_COMPUTED: MutationEvidence = { kind: 'absent', why: 'not computed for this run (`mq-policy test --mutate`, or `mq-policy mutate` then `mq-policy report`)' };

/** `mq-policy report`: reports/mutation.json when it was computed on exactly this store and this recorded run. */
export function mutationFromFile(outDir: string, storeSha256: string | undefined, runSha256: string): MutationEvidence {
  const file = join(outDir, MUTATION_JSON);
  if (!existsSync(file)) return NOT_COMPUTED;
  let doc: { format?: unknown; storeSha256?: unknown; runSha256?: unknown; scope?: unknown; report?: MutationReport };
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as typeof doc;
  } catch {
    return { kind: 'stale', why: `${MUTATION_JSON} cannot be read; run \`mq-policy mutate\` again` };
  }
  if (doc.format !== 'mq-policy-mutation/1' || doc.report === undefined || typeof doc.scope !== 'string') return { kind: 'stale', why: `${MUTATION_JSON} was not written by this version of \`mq-policy mutate\`; run it again` };
  if (storeSha256 === undefined) return { kind: 'stale', why: `there is no policy store to check ${MUTATION_JSON} against (name it with --store)` };
  if (doc.storeSha256 !== storeSha256) return { kind: 'stale', why: `${MUTATION_JSON} was computed on another version of the policy store; run \`mq-policy mutate\` again` };
  if (doc.runSha256 !== runSha256) return { kind: 'stale', why: `${MUTATION_JSON} re-decided the expectations of another recorded run; run \`mq-policy mutate\` again` };
  return { kind: 'computed', report: doc.report, scope: doc.scope, storeSha256, runSha256 };
}
