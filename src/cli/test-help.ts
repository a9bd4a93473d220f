/**
 * `mq-policy test --help` prints Cucumber's own option list (every Cucumber option passes through `test`).
 * It used to get there the long way: the stale reports removed, the store loaded and validated, the whole
 * Cucumber API loaded, and only then Cucumber's argument parser printing its help and exiting the process.
 * Here the parser alone is loaded, and only when a help flag is among the arguments, so the answer is the
 * same text at a fraction of the start-up, and asking for help never touches the reports or the store.
 */

type ArgvParser = { readonly default: { parse(argv: string[]): unknown } };

/** When the arguments ask for help, Cucumber's parser prints it and ends the process (as it always did). */
export function printCucumberHelpIfAsked(args: readonly string[]): void {
  if (!args.includes('--help') && !args.includes('-h')) return;
  // `mq-policy test` drops its first `--` before Cucumber reads the rest: the parser gets what it got before.
  const separator = args.indexOf('--');
  const cucumberArgs = separator < 0 ? [...args] : [...args.slice(0, separator), ...args.slice(separator + 1)];
  let parser: ArgvParser;
  try {
    parser = require('@cucumber/cucumber/lib/configuration/argv_parser') as ArgvParser;
  } catch {
    return; // another Cucumber layout: the full run reaches the same parser later
  }
  try {
    // Prints and exits on a help flag; returns when `-h` was only an option's value (`--name -h`).
    parser.default.parse(['node', 'cucumber-js', ...cucumberArgs]);
  } catch {
    // A bad option value: the run reports it in its own words, as it always did.
  }
}
