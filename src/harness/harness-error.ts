/**
 * A scenario asks for something the store or the catalog does not have (unknown principal, action,
 * broker…). The message is one line with a "did you mean"; steps show it as is.
 */
export class HarnessInputError extends Error {
  override readonly name = 'HarnessInputError';
  constructor(message: string) {
    super(message);
    // The mistake is in the scenario, not in the harness: its message is the whole story, without a stack trace.
    this.stack = `${this.name}: ${message}`;
  }
}
