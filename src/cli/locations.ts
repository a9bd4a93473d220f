import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { UsageError } from './io';

/**
 * Where a command finds its inputs and puts its outputs, one rule for every command:
 * a flag wins, then the environment (`MQ_POLICY_STORE`), then the working directory's convention
 * (`policies/`, `features/`, `steps/` when it exists, `reports/`). Every path is absolute once resolved,
 * so a command never joins an absolute path onto the working directory.
 */
export interface Locations {
  /** The policy store folder. */
  readonly store: string;
  /** How the store was named, for messages ("from --store", "from MQ_POLICY_STORE"). */
  readonly storeOrigin: 'flag' | 'env' | 'default';
  /** Feature files, folders or globs. */
  readonly features: readonly string[];
  /** Whether --features named them (false: the default features/). */
  readonly featuresGiven: boolean;
  /** The user's own step files, folders or globs; empty when there are none. */
  readonly steps: readonly string[];
  /** The reports folder. */
  readonly out: string;
}

/** The location options as written on the command line, before resolution. */
export interface LocationOptions {
  readonly store?: string;
  readonly features?: readonly string[];
  readonly steps?: readonly string[];
  readonly out?: string;
}

export type LocationFlag = 'store' | 'features' | 'steps' | 'out';
const SINGLE: ReadonlySet<LocationFlag> = new Set(['store', 'out']);
const ALL: readonly LocationFlag[] = ['store', 'features', 'steps', 'out'];

/**
 * Takes the location flags a command accepts out of its arguments and returns the others in order.
 * `--store DIR` and `--out DIR` take one value; `--features PATH…` and `--steps PATH…` take every following
 * argument up to the next option. `--flag=value` works for all four. Arguments after a bare `--` are left alone.
 */
export function takeLocationOptions(args: readonly string[], accepted: readonly LocationFlag[] = ALL, command = 'mq-policy'): { options: LocationOptions; rest: string[] } {
  const options: { store?: string; features?: string[]; steps?: string[]; out?: string } = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      rest.push(...args.slice(i));
      break;
    }
    const eq = arg.indexOf('=');
    const flag = (arg.startsWith('--') ? (eq > 0 ? arg.slice(2, eq) : arg.slice(2)) : '') as LocationFlag;
    if (!accepted.includes(flag)) {
      rest.push(arg);
      continue;
    }
    const values: string[] = [];
    if (eq > 0) values.push(arg.slice(eq + 1));
    else if (SINGLE.has(flag)) {
      if (args[i + 1] !== undefined) values.push(args[++i]!);
    } else while (args[i + 1] !== undefined && !args[i + 1]!.startsWith('-')) values.push(args[++i]!);
    if (values.length === 0 || values.some((v) => v === '')) throw new UsageError(`${command}: \`--${flag}\` needs ${SINGLE.has(flag) ? 'a folder' : 'one or more paths'}`);
    if (SINGLE.has(flag)) {
      if (options[flag as 'store' | 'out'] !== undefined) throw new UsageError(`${command}: \`--${flag}\` given twice`);
      options[flag as 'store' | 'out'] = values[0]!;
    } else (options[flag as 'features' | 'steps'] ??= []).push(...values);
  }
  return { options, rest };
}

/** Resolves the options against the environment and the working directory (see {@link Locations}). */
export function resolveLocations(options: LocationOptions, env: Readonly<Record<string, string | undefined>>, cwd: string): Locations {
  const fromEnv = env['MQ_POLICY_STORE'];
  const [storeText, storeOrigin] = options.store !== undefined ? [options.store, 'flag' as const] : fromEnv !== undefined && fromEnv !== '' ? [fromEnv, 'env' as const] : ['policies', 'default' as const];
  const defaultSteps = resolve(cwd, 'steps');
  return {
    store: resolve(cwd, storeText),
    storeOrigin,
    features: (options.features ?? ['features']).map((p) => absolute(cwd, p)),
    featuresGiven: options.features !== undefined,
    steps: options.steps ? options.steps.map((p) => absolute(cwd, p)) : existsSync(defaultSteps) && statSync(defaultSteps).isDirectory() ? [defaultSteps] : [],
    out: resolve(cwd, options.out ?? 'reports'),
  };
}

/** `takeLocationOptions` then `resolveLocations`: what most commands need in one call. */
export function locate(args: readonly string[], env: Readonly<Record<string, string | undefined>>, cwd: string, accepted: readonly LocationFlag[] = ALL, command = 'mq-policy'): { locations: Locations; rest: string[] } {
  const { options, rest } = takeLocationOptions(args, accepted, command);
  return { locations: resolveLocations(options, env, cwd), rest };
}

/** Where the store came from, for one-line messages: "`/x/policies` (from --store)". */
export function describeStore(locations: Pick<Locations, 'store' | 'storeOrigin'>): string {
  const origin = locations.storeOrigin === 'flag' ? 'from --store' : locations.storeOrigin === 'env' ? 'from MQ_POLICY_STORE' : 'the default, policies/ of the working directory';
  return `\`${locations.store}\` (${origin})`;
}

/** Paths and globs alike become absolute; a glob keeps its pattern characters. */
function absolute(cwd: string, p: string): string {
  return isAbsolute(p) ? p : resolve(cwd, p);
}
