/**
 * Inline Markdown text: HTML and Markdown punctuation neutralised, on one line. Every renderer of store text
 * (reports, and the analysis commands' `--format md` for pull-request comments) passes names, Sids, ARNs and
 * reasons through this, so a Sid like `<img …>` or a name with `|` cannot change the markup.
 */
export function md(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+!|~>]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;');
}
