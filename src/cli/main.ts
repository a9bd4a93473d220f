import { catalogVersion } from '../catalog';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXIT, UsageError, write, type CliIo, type ExitCode } from './io';

const USAGE = `usage: mq-policy <command> [options]

commands:
  simulate [--explain]   decide JSON-lines request cases from stdin, one answer line each
  test [cucumber args]   validate the policy store, run the features, write reports/
  --version              print the version and the catalog data version

exit codes: 0 success, 1 usage or harness error, 2 an expectation failed, 3 a policy or request is invalid
`;

/** Runs one command; never throws for user input. */
export async function run(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'simulate': {
        const unknown = rest.filter((a) => a !== '--explain');
        if (unknown.length > 0) throw new UsageError(`simulate: unknown option \`${unknown[0]}\``);
        const { simulate } = await import('./simulate');
        return await simulate(io, { explain: rest.includes('--explain') });
      }
      case 'test': {
        const { runTests } = await import('./test-command');
        return await runTests(rest, io);
      }
      case '--version':
      case 'version': {
        await write(io.stdout, `mq-policy ${packageVersion()}\ncatalog: ${catalogVersion()}\n`);
        return EXIT.ok;
      }
      case undefined:
      case '--help':
      case 'help':
        await write(command === undefined ? io.stderr : io.stdout, USAGE);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new UsageError(`unknown command \`${command}\``);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      await write(io.stderr, `mq-policy: ${err.message}\n${USAGE}`);
      return EXIT.usage;
    }
    await write(io.stderr, `mq-policy: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.usage;
  }
}

export function runFromProcess(): void {
  const io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
  run(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = EXIT.usage;
    },
  );
}

/** The package's version, found whether this runs from src/ (ts-node) or dist/src/ (compiled). */
function packageVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}
