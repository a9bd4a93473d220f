import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { PACKAGE_ROOT } from './package-root';
import { EXIT, UsageError, write, type CliIo, type ExitCode } from './io';

const TEMPLATES = join(PACKAGE_ROOT, 'templates', 'init');
/** The README section goes into README.md only when there is none; an existing README is never touched. */
const README_SECTION = 'README-section.md';

/** Template path → path in the user's repository (`dot-github/` → `.github/`: npm drops some dot files from packages). */
function targetOf(templatePath: string): string {
  return templatePath.split('/').map((segment) => (segment.startsWith('dot-') ? `.${segment.slice(4)}` : segment)).join('/');
}

function templateFiles(dir = TEMPLATES): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? templateFiles(join(dir, e.name)) : [relative(TEMPLATES, join(dir, e.name)).split(sep).join('/')]));
}

/**
 * `mq-policy init [dir]`: a working starting point (a policy store, features, an example step, a GitHub
 * Actions workflow, a README section) that passes `mq-policy test` and `mq-policy lint` as it is. Never
 * overwrites: when any file it would write exists, it lists them and writes nothing (exit 1).
 */
export async function initCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const unknown = args.find((a) => a.startsWith('-'));
  if (unknown !== undefined) throw new UsageError(`init: unknown option \`${unknown}\`; usage: mq-policy init [dir]`);
  if (args.length > 1) throw new UsageError('init: one folder at most; usage: mq-policy init [dir]');
  const target = resolve(io.cwd, args[0] ?? '.');
  const readmeTarget = existsSync(join(target, 'README.md')) ? 'README.mq-policy.md' : 'README.md';
  const plan = templateFiles().map((t) => ({ from: join(TEMPLATES, t), to: t === README_SECTION ? readmeTarget : targetOf(t) }));
  const shown = (p: string): string => relative(io.cwd, join(target, p)).split(sep).join('/') || p;
  const existing = plan.filter((f) => existsSync(join(target, f.to)));
  if (existing.length > 0) {
    await write(io.stderr, `mq-policy init: ${existing.length === 1 ? 'this file exists' : 'these files exist'} already; nothing was written:\n${existing.map((f) => `  ${shown(f.to)}\n`).join('')}move ${existing.length === 1 ? 'it' : 'them'} away, or run \`mq-policy init <another folder>\`\n`);
    return EXIT.usage;
  }
  for (const f of plan) {
    mkdirSync(dirname(join(target, f.to)), { recursive: true });
    writeFileSync(join(target, f.to), readFileSync(f.from), { flag: 'wx' });
  }
  const here = relative(io.cwd, target);
  const cd = here === '' ? '' : `cd ${here} && `;
  await write(
    io.stdout,
    `created:\n${plan.map((f) => `  ${shown(f.to)}\n`).join('')}${readmeTarget !== 'README.md' ? `README.md exists: paste ${shown(readmeTarget)} into it\n` : ''}next: ${cd}npx mq-policy test && npx mq-policy lint\n`,
  );
  return EXIT.ok;
}
