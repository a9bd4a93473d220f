import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeSource } from '../model';
import type { StoreDiagnostic } from '../load/store-types';
import { failureReports, type ReportMeta, type RunFailure } from '../reports';
import { removeStaleReports } from './run-reports';
import type { CliIo } from './io';

/** An invalid store as a failed run: one problem per error diagnostic, with its file and line. */
export function invalidStoreFailure(diagnostics: readonly StoreDiagnostic[]): RunFailure {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return {
    kind: 'invalid-store',
    headline: `the policy store is invalid (${errors.length} error${errors.length === 1 ? '' : 's'}); no scenario was run`,
    problems: errors.map((d) => ({
      name: `${describeSource(d.source)} [${d.code}]`,
      ...(d.source.file !== undefined ? { file: d.source.file } : {}),
      ...(d.source.line !== undefined ? { line: d.source.line } : {}),
      message: `${d.message}${d.help !== undefined ? ` (${d.help})` : ''}`,
    })),
  };
}

/**
 * Writes junit.xml, summary.md and index.html for a run that stopped before its scenarios, after removing
 * every report of an earlier run; summary.md also goes to GITHUB_STEP_SUMMARY when CI sets it.
 */
export function writeFailureReports(outDir: string, failure: RunFailure, meta: ReportMeta, io: Pick<CliIo, 'env'>): string[] {
  mkdirSync(outDir, { recursive: true });
  removeStaleReports(outDir);
  const files = failureReports(failure, meta);
  const written: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(outDir, name), content);
    written.push(join(outDir, name));
  }
  const stepSummary = io.env['GITHUB_STEP_SUMMARY'];
  if (stepSummary !== undefined && stepSummary !== '' && files['summary.md'] !== undefined) appendFileSync(stepSummary, `${files['summary.md']}\n`);
  return written;
}
