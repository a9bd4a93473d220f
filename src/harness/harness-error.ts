/**
 * A scenario asks for something the store or the catalog does not have (unknown principal, action,
 * broker…). The message is one line with a "did you mean"; steps show it as is.
 */
export class HarnessInputError extends Error {
  override readonly name = 'HarnessInputError';
}
