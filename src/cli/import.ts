import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describeSource } from '../model';
import type { ImportReport } from '../sources';
import { EXIT, UsageError, write, type CliIo, type ExitCode } from './io';
import { readSourceStore, takeSourceOptions, type SourceStore } from './sources';

/** Folders and files an import writes; re-importing replaces exactly these. */
const WRITTEN = ['identity', 'managed', 'boundaries', 'sessions', 'scps', 'trust', 'principals.yaml', 'inventory.yaml', 'import-report.json'];

/**
 * `mq-policy import <kind> FILE… --out DIR`: reads a Terraform plan, an account snapshot or CloudFormation
 * templates into a store folder a user can commit and review, plus DIR/import-report.json. Exit 0 when
 * everything was resolved; 3 when something that decides access was not (listed), unless `--allow-unresolved`.
 */
export async function importCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const [kind, ...afterKind] = args;
  if (kind === undefined || kind.startsWith('-')) throw new UsageError('import: name the source kind: `mq-policy import terraform|aws-account|cloudformation FILE… --out DIR`');
  const files: string[] = [];
  let i = 0;
  while (i < afterKind.length && !afterKind[i]!.startsWith('--')) files.push(afterKind[i++]!);
  const { request, rest } = takeSourceOptions(afterKind.slice(i), 'import', { kind, files });
  let out: string | undefined;
  for (let j = 0; j < rest.length; j++) {
    const arg = rest[j]!;
    if (arg === '--out') out = rest[++j];
    else if (arg.startsWith('--out=')) out = arg.slice('--out='.length);
    else throw new UsageError(`import: unknown option \`${arg}\``);
  }
  if (out === undefined || out === '') throw new UsageError('import: name the store folder to write with `--out DIR`');
  const dir = resolve(io.cwd, out);
  refuseToClobber(dir, out);

  const source = readSourceStore(request!, io.cwd);
  const { report } = source.built;
  const loadErrors = source.load.diagnostics.filter((d) => d.severity === 'error');
  await printSummary(source, io);
  const blocked = report.errors.length > 0 || loadErrors.length > 0 || (!report.complete && !request!.allowUnresolved);
  mkdirSync(dir, { recursive: true });
  for (const entry of WRITTEN) rmSync(join(dir, entry), { recursive: true, force: true });
  const finalReport: ImportReport & { readonly storeWritten: boolean; readonly storeErrors: readonly string[] } = {
    ...report,
    storeWritten: !blocked,
    storeErrors: loadErrors.map((d) => `${describeSource(d.source)}: ${d.message} [${d.code}]`),
  };
  if (!blocked) {
    for (const [path, text] of source.built.files) {
      const file = join(dir, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
  writeFileSync(join(dir, 'import-report.json'), `${JSON.stringify(finalReport, null, 2)}\n`);
  const shown = relative(io.cwd, dir) || '.';
  if (blocked) {
    const why = report.errors.length > 0 ? 'an input could not be read' : loadErrors.length > 0 ? 'the imported policies are invalid' : `${report.unresolved.length} value${report.unresolved.length === 1 ? '' : 's'} that decide access could not be resolved (pass --allow-unresolved to write an incomplete store)`;
    await write(io.stderr, `mq-policy import: no store written: ${why}; see ${join(shown, 'import-report.json')}\n`);
    return EXIT.invalidInput;
  }
  await write(io.stdout, `wrote ${source.built.files.size} files to ${shown}/${report.complete ? '' : ' (incomplete: every command on this store will say what is missing)'}\n`);
  return EXIT.ok;
}

/** Prints what was read, each unresolved value and each note; store diagnostics at their source location. */
export async function printSummary(source: SourceStore, io: CliIo): Promise<void> {
  const { report } = source.built;
  const read = Object.entries(report.read).map(([what, n]) => `${n} ${what}`).join(', ');
  await write(io.stderr, `read ${report.inputs.join(', ')}: ${read || 'nothing the importer reads'}\n`);
  for (const e of report.errors) await write(io.stderr, `error: ${e.from ? `${e.from}: ` : ''}${e.message} [${e.code}]\n`);
  for (const u of report.unresolved) await write(io.stderr, `unresolved: ${u.from}: ${u.what}: ${u.why}\n`);
  for (const n of report.notes) await write(io.stderr, `note: ${n.from ? `${n.from}: ` : ''}${n.message} [${n.code}]\n`);
  for (const d of source.load.diagnostics) {
    if (d.code === 'incomplete-store') continue;
    await write(io.stderr, `${d.severity}: ${describeSource(d.source)}: ${d.message}${d.help !== undefined ? ` (${d.help})` : ''} [${d.code}]\n`);
  }
}

/** A folder that holds something other than a previous import is never overwritten. */
function refuseToClobber(dir: string, shown: string): void {
  if (!existsSync(dir)) return;
  const entries = readdirSync(dir).filter((e) => !e.startsWith('.'));
  if (entries.length === 0 || entries.includes('import-report.json')) return;
  throw new UsageError(`import: \`${shown}\` already holds files that no import wrote; name an empty or new folder`);
}
