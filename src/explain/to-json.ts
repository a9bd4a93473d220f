import type { AuthorizationResult, Decision, Determining, StatementRef } from '../model';
import { crossAccountSentence } from './cross-account';

/** How a statement is named in machine-readable answers (simulate-format.md). */
export function statementJson(ref: StatementRef): Record<string, unknown> {
  return { policy: ref.policy, statement: ref.statementIndex, ...(ref.sid !== undefined ? { sid: ref.sid } : {}) };
}

export function determiningJson(d: Determining): Record<string, unknown> {
  if (d.type === 'statement') return statementJson(d.statement);
  if (d.type === 'cross-account') {
    const c = d.crossAccount;
    return { crossAccount: { principalAccount: c.principalAccount, resourceAccount: c.resourceAccount, ...(c.principalPartition !== undefined ? { principalPartition: c.principalPartition, resourcePartition: c.resourcePartition } : {}), service: c.service }, note: crossAccountSentence(c) };
  }
  return { layer: d.layer, ...(d.level !== undefined ? { level: d.level } : {}), ...(d.note !== undefined ? { note: d.note } : {}) };
}

/** The full explanation: every evaluated statement with its reasons (the `--explain` view). */
export function explanationJson(decision: Decision): Record<string, unknown> {
  return {
    layers: decision.layers,
    notes: decision.notes,
    statements: (decision.statements ?? []).map((s) => ({
      ...statementJson(s.statement),
      effect: s.statement.effect,
      applies: s.applies,
      ...(s.reasons.length > 0 ? { reasons: s.reasons.map((r) => (r.kind === 'condition-failed' || r.kind === 'context-key-missing' ? { kind: r.kind, operator: r.condition.operator, key: r.condition.key, expected: r.condition.expected, actual: r.condition.actual } : r)) } : {}),
    })),
  };
}

/** One answer line of `mq-policy simulate`. */
export function answerJson(id: unknown, result: AuthorizationResult, explain: boolean): Record<string, unknown> {
  if (result.kind === 'cannot-decide') {
    return { id, error: { code: result.code, message: result.message, ...(result.source ? { policy: result.source.policy, statement: result.source.statementIndex, pointer: result.source.pointer } : {}) } };
  }
  return {
    id,
    decision: result.decision,
    determining: result.determining.map(determiningJson),
    missingContextKeys: result.missingContextKeys,
    ...(explain ? { explanation: explanationJson(result) } : {}),
  };
}

/**
 * `JSON.stringify(answerJson(id, result, explain))`, character for character. A plain decision (the
 * answer to nearly every case of a large batch) is written directly, without the intermediate objects;
 * everything else goes through answerJson.
 */
export function answerText(id: unknown, result: AuthorizationResult, explain: boolean): string {
  if (explain || result.kind !== 'decision') return JSON.stringify(answerJson(id, result, explain));
  let determining = '';
  for (const d of result.determining) {
    if (determining !== '') determining += ',';
    if (d.type === 'statement') {
      const ref = d.statement;
      determining += `{"policy":${JSON.stringify(ref.policy)},"statement":${JSON.stringify(ref.statementIndex)}${ref.sid !== undefined ? `,"sid":${JSON.stringify(ref.sid)}` : ''}}`;
    } else if (d.type === 'layer' && d.note === undefined) {
      determining += `{"layer":${JSON.stringify(d.layer)}${d.level !== undefined ? `,"level":${JSON.stringify(d.level)}` : ''}}`;
    } else determining += JSON.stringify(determiningJson(d));
  }
  return `{"id":${JSON.stringify(id)},"decision":${JSON.stringify(result.decision)},"determining":[${determining}],"missingContextKeys":${JSON.stringify(result.missingContextKeys)}}`;
}
