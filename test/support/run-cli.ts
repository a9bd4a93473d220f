import { PassThrough, Readable } from 'node:stream';
import { run } from '../../src/cli/main';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `mq-policy ARGS` in this process, as the binary would, and collects what it writes. `stdin` is text,
 * or byte chunks fed exactly as given (tests of chunk edges and bad UTF-8 need that).
 */
export async function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string>; stdin?: string | readonly Buffer[] } = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const stdin = typeof options.stdin === 'string' ? Readable.from([Buffer.from(options.stdin)]) : Readable.from(options.stdin ?? []);
  const code = await run(args, { stdin, stdout, stderr, env: options.env ?? {}, cwd: options.cwd ?? process.cwd() });
  return { code, stdout: out, stderr: err };
}
