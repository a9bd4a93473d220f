/** Every file the report builders can write; Cucumber's own outputs (messages, cucumber.html) are not among them. */
export const OWN_REPORT_FILES: readonly string[] = ['index.html', 'summary.md', 'junit.xml', 'coverage.json', 'access-matrix.csv', 'access-matrix.json', 'matrix-changes.md'];

/** Files a `mq-policy test` run removes before it starts, so no report of an earlier run survives it. */
export const REPORT_FILES: readonly string[] = [...OWN_REPORT_FILES, 'cucumber.html'];
