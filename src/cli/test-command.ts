import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { EXIT, type CliIo, type ExitCode } from './io';

/** `mq-policy test`: runs the Cucumber features; a failed scenario is exit 2. */
export async function runTests(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const cli = join(require.resolve('@cucumber/cucumber/package.json'), '..', 'bin', 'cucumber.js');
  const child = spawn(process.execPath, [cli, ...args], { cwd: io.cwd, stdio: 'inherit', env: { ...io.env } });
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  return code === 0 ? EXIT.ok : code === 1 ? EXIT.expectationFailed : EXIT.usage;
}
