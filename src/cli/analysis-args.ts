import { resolve } from 'node:path';
import { UsageError } from './io';
import { locate } from './locations';

/** Options the analysis commands share: the store, output, sharding and workers. */
export interface AnalysisArgs {
  readonly store: string;
  readonly format: string;
  readonly out?: string;
  readonly shard?: { readonly index: number; readonly count: number };
  readonly merge: readonly string[];
  readonly workers?: number;
  /** Command-specific flags with their values. */
  readonly flags: ReadonlyMap<string, string>;
}

/**
 * Parses `--store DIR` (the shared location rule), `--format`, `--out`, `--shard i/n`,
 * `--merge F…`, `--workers N`, and the command's own flags (`valued` take a value, `bare` do not).
 */
export function parseAnalysisArgs(command: string, all: readonly string[], cwd: string, env: Readonly<Record<string, string | undefined>>, formats: readonly string[], valued: readonly string[], bare: readonly string[] = []): AnalysisArgs {
  // The store is found as every command finds it (--store, then MQ_POLICY_STORE, then policies/).
  const { locations, rest: args } = locate(all, env, cwd, ['store'], command);
  const store = locations.store;
  let format = formats[0]!;
  let out: string | undefined;
  let shard: AnalysisArgs['shard'];
  let workers: number | undefined;
  const merge: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${command}: \`${flag}\` needs a value`);
      return v;
    };
    if (flag === '--format') {
      const v = value();
      if (!formats.includes(v)) throw new UsageError(`${command}: \`--format\` must be one of ${formats.join(', ')}, not \`${v}\``);
      format = v;
    } else if (flag === '--out') out = resolve(cwd, value());
    else if (flag === '--workers') {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 0) throw new UsageError(`${command}: \`--workers\` takes a whole number (0 = in this process)`);
      workers = v;
    } else if (flag === '--shard') {
      const m = /^(\d+)\/(\d+)$/.exec(value());
      if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new UsageError(`${command}: \`--shard\` takes i/n with 1 ≤ i ≤ n, e.g. \`--shard 1/3\``);
      shard = { index: Number(m[1]), count: Number(m[2]) };
    } else if (flag === '--merge') {
      while (args[i + 1] !== undefined && !args[i + 1]!.startsWith('--')) merge.push(resolve(cwd, args[++i]!));
      if (merge.length === 0) throw new UsageError(`${command}: \`--merge\` takes the JSON files of the shards`);
    } else if (valued.includes(flag)) flags.set(flag, value());
    else if (bare.includes(flag)) flags.set(flag, 'true');
    else throw new UsageError(`${command}: unknown option \`${flag}\``);
  }
  return { store, format, ...(out !== undefined ? { out } : {}), ...(shard ? { shard } : {}), merge, ...(workers !== undefined ? { workers } : {}), flags };
}

/** The principals of shard i/n: every n-th of the sorted list, as `mq-policy matrix` splits them. */
export function shardOf<T>(all: readonly T[], shard: AnalysisArgs['shard']): T[] {
  return shard ? all.filter((_, i) => i % shard.count === shard.index - 1) : [...all];
}
