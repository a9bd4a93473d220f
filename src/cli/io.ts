import type { Readable, Writable } from 'node:stream';

/** Everything a command touches of the process, passed in so commands run in-process in tests. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, usage: 1, expectationFailed: 2, invalidInput: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A user-facing failure: printed as one line, never as a stack trace. */
export class UsageError extends Error {}

/** Writes with back-pressure, so a slow reader never makes us buffer the whole output. */
export async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await new Promise<void>((resolve) => stream.once('drain', resolve));
}
