import { testedLine } from './build';
import { esc, md, mdFence } from './escape';
import type { ReportMeta } from './inputs';
import { junitXml, type ExtraCase } from './junit';
import { STYLE } from './living-doc-assets';

/**
 * Reports for a run that never got to its scenarios: an invalid policy store (exit 3) or a harness error
 * (exit 1). Every report still says what failed, so CI shows a red JUnit and a red summary and nobody
 * reads a stale green one: junit.xml has one failed test case per problem (file and line), summary.md's
 * first line says what failed, index.html opens with the same list.
 */
export interface RunFailure {
  readonly kind: 'invalid-store' | 'harness-error';
  /** `the policy store is invalid (2 errors); no scenario was run`. */
  readonly headline: string;
  readonly problems: readonly { readonly name: string; readonly file?: string; readonly line?: number; readonly message: string }[];
}

export function failureReports(failure: RunFailure, meta: ReportMeta = {}): Record<string, string> {
  const suite = failure.kind === 'invalid-store' ? 'mq-policy policy store' : 'mq-policy harness';
  const cases: ExtraCase[] = failure.problems.map((p) => ({ suite, name: p.name, ...(p.file !== undefined ? { file: p.file } : {}), ...(p.line !== undefined ? { line: p.line } : {}), failure: { message: p.message } }));
  if (cases.length === 0) cases.push({ suite, name: failure.headline, failure: { message: failure.headline } });
  const tested = testedLine(meta);
  const where = (p: RunFailure['problems'][number]): string => (p.file !== undefined ? `${p.file}${p.line !== undefined ? `:${p.line}` : ''}` : '');
  const summary = [
    `## ❌ mq-policy: ${failure.headline}`,
    '',
    ...(tested !== undefined ? [`<sub>This run tests ${md(tested)}, not what is deployed in AWS.</sub>`, ''] : []),
    ...failure.problems.slice(0, 200).map((p) => `- ${where(p) !== '' ? `\`${md(where(p))}\`: ` : ''}${md(p.message)}`),
    ...(failure.problems.length > 200 ? [`- …and ${failure.problems.length - 200} more; see junit.xml.`] : []),
    '',
    'No scenario ran, so there is no access matrix, coverage or living document for this run.',
    '',
  ].join('\n');
  const items = failure.problems.map((p) => `<li>${where(p) !== '' ? `<code>${esc(where(p))}</code>: ` : ''}${esc(p.message)}</li>`).join('');
  const html = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>mq-policy: run failed</title><style>${STYLE}</style></head><body><header><h1>Amazon MQ access: living documentation</h1></header><main><section class="banner" id="failures" role="alert"><h2>✗ ${esc(failure.headline)}</h2><ol>${items}</ol><p>No scenario ran: this document has no controls, scenarios or access matrix for this run.</p></section>${tested !== undefined ? `<p class="tested">This run tests ${esc(tested)}, not what is deployed in AWS.</p>` : ''}</main></body></html>\n`;
  return { 'junit.xml': junitXml(undefined, cases), 'summary.md': `${summary}${failure.problems.length === 0 ? `\n${mdFence(failure.headline)}\n` : ''}`, 'index.html': html };
}
