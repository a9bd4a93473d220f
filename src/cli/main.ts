import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXIT, UsageError, write, type CliIo, type ExitCode } from './io';

interface Command {
  readonly summary: string;
  /** Loaded on demand so `mq-policy simulate` never pays for Cucumber or the report builders. */
  readonly run: (args: readonly string[], io: CliIo) => Promise<ExitCode>;
}

/** One entry per command; each command's module parses its own options. */
const COMMANDS: Record<string, Command> = {
  init: { summary: 'init [dir]               scaffold a policy store, features, an example step and a CI workflow (never overwrites)', run: async (a, io) => (await import('./init')).initCommand(a, io) },
  simulate: { summary: 'simulate [--explain]     decide JSON-lines request cases from stdin, one answer line each', run: async (a, io) => (await import('./simulate')).simulateCommand(a, io) },
  lint: { summary: 'lint [paths…] [--store D] [--waivers F] [--format text|json|sarif] [--fail-on error|security-warning|warning] [--no-analysis]  check policies against the catalog and, over every request class, the store', run: async (a, io) => (await import('./lint')).lintCommand(a, io) },
  matrix: { summary: 'matrix [--store D] [--format md|csv|json|html] [--out F] [--shard i/n] [--merge F…] [--workers N] [--stats]  access matrix of the store', run: async (a, io) => (await import('./matrix')).matrixCommand(a, io) },
  report: { summary: 'report [--store D] [--in F] [--out D] rebuild index.html, summary.md, coverage.json from a recorded run', run: async (a, io) => (await import('./report')).reportCommand(a, io) },
  diff: { summary: 'diff --base REV [--head REV] [--store DIR] [--format text|json|md]  request classes whose decision changed; exit 2 on an unaccepted new allow', run: async (a, io) => (await import('./diff')).diffCommand(a, io) },
  mutate: { summary: 'mutate [--min-score N] [--in F] [--store DIR] [--format text|json|md|html]  mutation score of the recorded suite; exit 2 below N %', run: async (a, io) => (await import('./mutate')).mutateCommand(a, io) },
  analyze: { summary: 'analyze [--store DIR] [--format text|json|md] [--shard i/n] [--merge F…]  dead, shadowed and redundant statements; over-permissive actions', run: async (a, io) => (await import('./analyze')).analyzeCommand(a, io) },
  test: { summary: 'test [features…] [--store D] [--features P…] [--steps P…] [--out D] [--watch] [--name RE] [--tags EXPR] [--parallel N] [cucumber options]  validate the store, run the features, write reports/', run: async (a, io) => ((await import('./test-help')).printCucumberHelpIfAsked(a), (await import('./test-command')).runTests(a, io)) },
  import: { summary: 'import terraform|aws-account|cloudformation FILE… --out DIR [--allow-unresolved]  read an estate into a store folder', run: async (a, io) => (await import('./import')).importCommand(a, io) },
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.summary}`);
  return `usage: mq-policy <command> [options]\n\ncommands:\n${lines.join('\n')}\n  --version                print the version and the catalog data version\n\n${EXIT_CODES}\n`;
}

const EXIT_CODES = 'exit codes: 0 success, 1 usage or harness error, 2 an expectation failed, 3 a policy or request is invalid';

/** Runs one command; never throws for user input. */
export async function run(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  try {
    if (name === '--version' || name === 'version') {
      await write(io.stdout, `mq-policy ${packageVersion()}\ncatalog: ${(await import('../catalog')).catalogVersion()}\n`);
      return EXIT.ok;
    }
    if (name === undefined || name === '--help' || name === 'help') {
      await write(name === undefined ? io.stderr : io.stdout, usage());
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command \`${name}\``);
    // `test --help` is Cucumber's own option list (test-help.ts); every other command answers with its usage line.
    if (name !== 'test' && (rest[0] === '--help' || rest[0] === '-h')) {
      await write(io.stdout, `usage: mq-policy ${command.summary}\n\n${EXIT_CODES}\n`);
      return EXIT.ok;
    }
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      await write(io.stderr, `mq-policy: ${err.message}\n${usage()}`);
      return EXIT.usage;
    }
    await write(io.stderr, `mq-policy: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.usage;
  }
}

export function runFromProcess(): void {
  // A reader that stops early (`| head`, a closed pipe) is not an error of ours: stop quietly.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`mq-policy: cannot write the output: ${err.message}\n`);
    process.exit(1);
  });
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
