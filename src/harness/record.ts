import { DECISION_MEDIA_TYPE, type DecisionRecord, type Determining, type RecordedStatement, type StatementRef } from '../model';
import { crossAccountSentence } from '../explain/cross-account';
import { explainText } from '../explain/to-text';
import { resourceLabel } from './call';
import type { Evaluation } from './evaluate';
import type { PolicyStore } from '../load/store-types';
import { variationsFrom } from './variations';

export { DECISION_MEDIA_TYPE };

function recorded(ref: StatementRef): RecordedStatement {
  return {
    policy: ref.policy,
    kind: ref.kind,
    ...(ref.level !== undefined ? { level: ref.level } : {}),
    ...(ref.source.file !== undefined ? { file: ref.source.file } : {}),
    ...(ref.source.line !== undefined ? { line: ref.source.line } : {}),
    statementIndex: ref.statementIndex,
    ...(ref.sid !== undefined ? { sid: ref.sid } : {}),
    effect: ref.effect,
  };
}

/** A determining statement or layer as records and matrix cells carry it (file and line included). */
export function recordedDetermining(d: Determining): DecisionRecord['determining'][number] {
  if (d.type === 'statement') return recorded(d.statement);
  // A cross-account request lacks the resource account's allow, as a layer would (E0).
  if (d.type === 'cross-account') return { layer: `resource account ${d.crossAccount.resourceAccount}`, note: crossAccountSentence(d.crossAccount) };
  return { layer: d.layer, ...(d.level !== undefined ? { level: d.level } : {}) };
}

/** The explanation of one evaluation, named with store names. */
export function explain(evaluation: Evaluation): string {
  return explainText(evaluation.result, evaluation.request, { principal: evaluation.principal.name, resource: resourceLabel(evaluation.call.resource) });
}

/**
 * The JSON every decision step attaches to its scenario (reports are built from these alone). Given the
 * store the run loaded, the record also says how its request differs from the matrix's (see variationsFrom).
 */
export function decisionRecord(evaluation: Evaluation, expected?: string, passed?: boolean, store?: PolicyStore): DecisionRecord {
  const r = evaluation.result;
  const resource = evaluation.call.resource;
  const named = resource !== '*' && resource.kind !== 'arn' ? resource : undefined;
  return {
    principal: evaluation.principal.name,
    principalArn: evaluation.principal.arn,
    action: evaluation.request.action,
    resource: evaluation.request.resource,
    ...(named ? { resourceName: named.name, resourceTags: named.tags } : {}),
    context: evaluation.context,
    ...(expected !== undefined ? { expected } : {}),
    outcome: r.kind === 'decision' ? r.decision : 'CannotDecide',
    ...(passed !== undefined ? { passed } : {}),
    determining: r.kind === 'decision' ? r.determining.map(recordedDetermining) : [],
    exercised:
      r.kind === 'decision'
        ? (r.statements ?? []).filter((o) => !o.reasons.some((x) => x.kind === 'action-not-matched' || x.kind === 'resource-not-matched')).map((o) => ({ ...recorded(o.statement), applied: o.applies }))
        : [],
    missingContextKeys: r.kind === 'decision' ? r.missingContextKeys : [],
    explanation: explain(evaluation),
    ...(store ? variationsFrom(store, evaluation) : {}),
  };
}
