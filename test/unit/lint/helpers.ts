import { readDocument } from '../../../src/load';
import { lint, type Finding, type LintReport } from '../../../src/lint';
import type { PolicyKind } from '../../../src/model';

export const TODAY = '2026-11-30';

/** A statement list as a pretty-printed 2012-10-17 policy (so every value has its own line). */
export function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

export function lintText(text: string, options: { file?: string; kind?: PolicyKind; format?: 'json' | 'yaml' } = {}): LintReport {
  const file = options.file ?? 'policies/identity/p.json';
  return lint([{ file, kind: options.kind ?? 'identity', read: readDocument(text, options.format ?? 'json') }], { today: TODAY });
}

export function codes(report: LintReport): string[] {
  return report.findings.map((f) => f.code);
}

export function findingsOf(text: string, code: string, options?: Parameters<typeof lintText>[1]): Finding[] {
  return lintText(text, options).findings.filter((f) => f.code === code);
}
