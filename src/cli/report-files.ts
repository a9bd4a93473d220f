/** Every file the report builders can write; Cucumber's own outputs (messages, cucumber.html) are not among them. */
export const OWN_REPORT_FILES: readonly string[] = ['index.html', 'summary.md', 'junit.xml', 'coverage.json', 'access-matrix.csv', 'access-matrix.json', 'matrix-changes.md', 'access-diff.md', 'access-diff.json'];

/**
 * Files a `mq-policy test` run removes before it starts, so no report of an earlier run survives it. mutation.json
 * is among them (it describes an earlier run) but not among the report builders' own files: `mq-policy mutate`
 * writes it, and `mq-policy report` shows it only when it matches the store and the run (see mutation-evidence.ts).
 */
export const REPORT_FILES: readonly string[] = [...OWN_REPORT_FILES, 'cucumber.html', 'mutation.json'];
