import { grantingText, outcomeWord, type MatrixChange } from './access-matrix';
import { md } from './escape';

/** `matrix-changes.md`: every change against the baseline, uncut (summary.md points here when it shortens). */
export function matrixChangesMarkdown(changes: readonly MatrixChange[], baseline: string): string {
  const allows = changes.filter((c) => c.after === 'Allowed');
  const denies = changes.filter((c) => c.before === 'Allowed' && c.after !== 'Allowed');
  const rest = changes.filter((c) => c.after !== 'Allowed' && c.before !== 'Allowed');
  const line = (c: MatrixChange): string => {
    const grant = c.after === 'Allowed' && c.determining ? ` — granted by ${md(grantingText(c.determining))}` : '';
    return `- ${md(c.principal)} · ${md(c.action)} · ${md(c.resourceClass)}: ${c.before !== undefined ? outcomeWord(c.before) : '(new cell)'} → **${c.after !== undefined ? outcomeWord(c.after) : '(cell removed)'}**${grant}`;
  };
  const section = (title: string, list: readonly MatrixChange[]): string[] => (list.length === 0 ? [] : [`## ${title} (${list.length})`, '', ...list.map(line), '']);
  return `${[`# Access matrix changes against ${md(baseline)}`, '', ...section('New allows', allows), ...section('New denies', denies), ...section('Other changes', rest)].join('\n')}\n`;
}
