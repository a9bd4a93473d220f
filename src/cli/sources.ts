import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { loadPolicyStore, memoryStoreFiles, shippedManagedPolicies } from '../load';
import type { StoreLoadResult } from '../load/store-types';
import { buildStore, mergeEstates, readAccountSnapshot, readCloudFormationTemplate, readTerraformPlan, SOURCE_KINDS, toSourceLocation, type BuiltStore, type Estate, type SourceKind, type SourceOptions } from '../sources';
import { UsageError } from './io';

/** What a command was told about the sources to read (`import` and every `--source`). */
export interface SourceRequest {
  readonly kind: SourceKind;
  readonly files: readonly string[];
  /** aws-account: outputs of `aws mq list-brokers` / `describe-broker` / `list-tags`. */
  readonly mq: readonly string[];
  /** aws-account: `aws organizations describe-policy` outputs per level, root first. */
  readonly scp: readonly { readonly level: string; readonly file: string }[];
  readonly account?: string;
  readonly region?: string;
  readonly partition?: string;
  readonly parameters: ReadonlyMap<string, string>;
  readonly allowUnresolved: boolean;
}

const VALUE_FLAGS = ['--account', '--region', '--partition'] as const;
const LIST_FLAGS = ['--mq', '--scp', '--parameter'] as const;

/**
 * Takes the source options out of a command's arguments: `--source KIND:FILE [FILE…]` (or, for `import`,
 * the kind and files given first), `--mq FILE…`, `--scp LEVEL=FILE…`, `--parameter K=V…`, `--account`,
 * `--region`, `--partition`, `--allow-unresolved`. Returns the other arguments in order.
 */
export function takeSourceOptions(args: readonly string[], command: string, positional?: { readonly kind: string; readonly files: readonly string[] }): { request?: SourceRequest; rest: string[] } {
  const rest: string[] = [];
  let kind: SourceKind | undefined;
  const files: string[] = [];
  const lists: Record<string, string[]> = { '--mq': [], '--scp': [], '--parameter': [] };
  const values: Record<string, string | undefined> = {};
  let allowUnresolved = false;
  let any = false;
  const setKind = (k: string): void => {
    if (!(SOURCE_KINDS as readonly string[]).includes(k)) throw new UsageError(`${command}: unknown source kind \`${k}\`: use ${SOURCE_KINDS.map((s) => `\`${s}\``).join(', ')}`);
    if (kind !== undefined && kind !== k) throw new UsageError(`${command}: one source kind at a time (\`${kind}\` and \`${k}\`)`);
    kind = k as SourceKind;
  };
  if (positional) {
    setKind(positional.kind);
    files.push(...positional.files);
    any = true;
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const following = (): string[] => {
      const out = inline !== undefined ? [inline] : [];
      while (args[i + 1] !== undefined && !args[i + 1]!.startsWith('--')) out.push(args[++i]!);
      if (out.length === 0) throw new UsageError(`${command}: \`${flag}\` needs a value`);
      return out;
    };
    if (flag === '--source') {
      any = true;
      const [first, ...more] = following();
      const colon = first!.indexOf(':');
      if (colon <= 0) throw new UsageError(`${command}: \`--source\` takes KIND:FILE, e.g. \`--source terraform:plan.json\``);
      setKind(first!.slice(0, colon));
      files.push(first!.slice(colon + 1), ...more);
    } else if ((LIST_FLAGS as readonly string[]).includes(flag)) lists[flag]!.push(...following());
    else if ((VALUE_FLAGS as readonly string[]).includes(flag)) {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${command}: \`${flag}\` needs a value`);
      values[flag] = v;
    } else if (arg === '--allow-unresolved') allowUnresolved = true;
    else rest.push(arg);
  }
  const used = [...Object.entries(lists).filter(([, l]) => l.length > 0).map(([f]) => f), ...Object.keys(values), ...(allowUnresolved ? ['--allow-unresolved'] : [])];
  if (!any) {
    if (used.length > 0) throw new UsageError(`${command}: \`${used[0]}\` belongs to a source: add \`--source KIND:FILE\``);
    return { rest };
  }
  if (files.length === 0 || files.some((f) => f === '')) throw new UsageError(`${command}: name the ${kind} input file(s)`);
  if (kind !== 'aws-account' && (lists['--mq']!.length > 0 || lists['--scp']!.length > 0)) throw new UsageError(`${command}: \`--mq\` and \`--scp\` belong to the \`aws-account\` source`);
  if (kind !== 'cloudformation' && lists['--parameter']!.length > 0) throw new UsageError(`${command}: \`--parameter\` belongs to the \`cloudformation\` source`);
  const account = values['--account'];
  if (account !== undefined && !/^\d{12}$/.test(account)) throw new UsageError(`${command}: \`--account\` must be a 12-digit AWS account ID, not \`${account}\``);
  const parameters = new Map<string, string>();
  for (const p of lists['--parameter']!) {
    const at = p.indexOf('=');
    if (at <= 0) throw new UsageError(`${command}: \`--parameter\` takes KEY=VALUE, not \`${p}\``);
    parameters.set(p.slice(0, at), p.slice(at + 1));
  }
  const scp = lists['--scp']!.map((s) => {
    const at = s.indexOf('=');
    if (at <= 0) throw new UsageError(`${command}: \`--scp\` takes LEVEL=FILE (root first), not \`${s}\``);
    return { level: s.slice(0, at), file: s.slice(at + 1) };
  });
  return {
    request: {
      kind: kind!,
      files,
      mq: lists['--mq']!,
      scp,
      ...(account !== undefined ? { account } : {}),
      ...(values['--region'] !== undefined ? { region: values['--region'] } : {}),
      ...(values['--partition'] !== undefined ? { partition: values['--partition'] } : {}),
      parameters,
      allowUnresolved,
    },
    rest,
  };
}

/** A source read into a store: the estate, the store files, and the store as the loader sees it. */
export interface SourceStore {
  readonly estate: Estate;
  readonly built: BuiltStore;
  /** Load result with every diagnostic pointed back at the source file. */
  readonly load: StoreLoadResult;
  /** How the in-memory store names its files (`terraform:plan.json#`). */
  readonly prefix: string;
}

/** Reads the source files (the only I/O), runs the pure reader, builds the store files and loads them. */
export function readSourceStore(request: SourceRequest, cwd: string): SourceStore {
  const show = (abs: string): string => relative(cwd, abs).split(sep).join('/') || abs;
  const undecodable: string[] = [];
  const read = (file: string): { file: string; text: string } => {
    const abs = resolve(cwd, file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(abs);
    } catch (err) {
      throw new UsageError(`cannot read \`${file}\`: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    try {
      // Strict: a byte that is not UTF-8 would otherwise become U+FFFD inside a policy without a word.
      return { file: show(abs), text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '') };
    } catch {
      undecodable.push(show(abs));
      return { file: show(abs), text: '' };
    }
  };
  const managed = shippedManagedPolicies();
  const options: SourceOptions = {
    managed,
    parameters: request.parameters,
    ...(request.account !== undefined ? { account: request.account } : {}),
    ...(request.region !== undefined ? { region: request.region } : {}),
    ...(request.partition !== undefined ? { partition: request.partition } : {}),
  };
  let estate: Estate;
  if (request.kind === 'terraform') estate = mergeEstates(request.files.map((f) => read(f)).map((i) => readTerraformPlan(i.text, i.file, options)));
  else if (request.kind === 'cloudformation') estate = mergeEstates(request.files.map((f) => read(f)).map((i) => readCloudFormationTemplate(i.text, i.file, options)));
  else {
    if (request.files.length !== 1) throw new UsageError('aws-account: name one `aws iam get-account-authorization-details` output (brokers go in `--mq FILE…`, SCPs in `--scp LEVEL=FILE…`)');
    const mq = request.mq.map((m) => {
      // `NAME=FILE` names the broker an `aws mq list-tags` output belongs to (the output itself does not say).
      const at = m.indexOf('=');
      return at > 0 ? { ...read(m.slice(at + 1)), target: m.slice(0, at) } : read(m);
    });
    estate = readAccountSnapshot(read(request.files[0]!), mq, request.scp.map((s) => ({ level: s.level, ...read(s.file) })), options);
  }
  if (undecodable.length > 0) {
    // Bad input is exit 3 with every problem listed, like a bad policy: the reader's own complaint about empty text is dropped.
    estate.errors.splice(0, estate.errors.length, ...estate.errors.filter((e) => !undecodable.includes(e.origin?.file ?? '')));
    for (const f of undecodable) estate.errors.push({ code: 'not-utf8', message: `\`${f}\` is not UTF-8 text: save it as UTF-8 (terraform show -json and the AWS CLI write UTF-8)`, origin: { file: f, address: '(file)', pointer: '' } });
  }
  const built = buildStore(estate, managed.dataVersion);
  const name = `${request.kind}:${estate.inputs.join(',')}`;
  const prefix = `${name}#`;
  const loaded = loadPolicyStore(memoryStoreFiles(built.files, name, prefix));
  const load: StoreLoadResult = { ...loaded, diagnostics: loaded.diagnostics.map((d) => toSourceLocation(built, prefix, d)) };
  return { estate, built, load, prefix };
}
