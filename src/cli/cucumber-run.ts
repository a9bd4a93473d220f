import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { IConfiguration } from '@cucumber/cucumber/api';
import { EXIT, UsageError, write, type CliIo, type ExitCode } from './io';
import { COMPILED, PACKAGE_ROOT } from './package-root';
import type { Locations } from './locations';
import { checkOneCucumber, findUserSteps, resolveFromDir } from './user-steps';

/** The built-in step library matching this code: dist/steps/*.js when compiled, steps/*.ts under ts-node. */
const BUILTIN_STEPS = COMPILED ? join(PACKAGE_ROOT, 'dist', 'steps', '**', '*.js') : join(PACKAGE_ROOT, 'steps', '**', '*.ts');
/** This repository's own steps/ is the built-in library, never "user steps" on top of it. */
const BUILTIN_SOURCES = join(PACKAGE_ROOT, 'steps');

type CucumberApi = typeof import('@cucumber/cucumber/api');

/** Cucumber's API, loaded on demand so other commands never pay for it. */
export function cucumberApi(): CucumberApi {
  return require('@cucumber/cucumber/api') as CucumberApi;
}

/** What a run needs: Cucumber's configuration, and where its messages go. */
export interface RunPlan {
  readonly configuration: Partial<IConfiguration>;
  readonly messages: string;
}

/**
 * The whole Cucumber configuration of `mq-policy test`, from the locations and the user's Cucumber options
 * (`--tags`, `--name`, `--parallel`, paths…). A cucumber.js in the working directory is not read: the
 * harness decides which steps and features run, so a user repository never picks up anything else.
 */
export async function planRun(locations: Locations, cucumberArgs: readonly string[], io: CliIo): Promise<RunPlan> {
  const api = cucumberApi();
  const given = (await api.loadConfiguration({ file: false, provided: [...cucumberArgs] }, environment(io))).useConfiguration;
  const paths = given.paths.length > 0 ? [...given.paths, ...(locations.featuresGiven ? locations.features : [])] : locations.features;
  for (const p of paths) {
    // A glob may match nothing yet; a named file or folder must exist (`file.feature:12` names line 12 of it).
    if (!/[*?[{]/.test(p) && !existsSync(resolve(io.cwd, p.replace(/(:\d+)+$/, '')))) {
      throw new UsageError(`test: no feature files at \`${p}\`${locations.featuresGiven || given.paths.length > 0 ? '' : ' (write scenarios under features/, or start with `mq-policy init`)'}`);
    }
  }
  const user = findUserSteps(locations.steps.filter((s) => s !== BUILTIN_SOURCES), io.cwd);
  const userFiles = [...user.require, ...user.import];
  if (userFiles.length > 0) {
    checkOneCucumber(userFiles, { cucumber: require.resolve('@cucumber/cucumber/package.json'), harness: join(PACKAGE_ROOT, 'package.json') }, resolveFromDir, io.cwd);
  }
  const requireModules = [
    ...(COMPILED ? [] : [require.resolve('ts-node/register/transpile-only')]),
    ...(user.typescript ? [join(__dirname, COMPILED ? 'typescript-hook.js' : 'typescript-hook.ts')] : []),
  ];
  const messages = join(locations.out, 'cucumber.ndjson');
  const stdoutGiven = given.format.some((f) => (typeof f === 'string' ? !f.includes(':') : f[1] === undefined));
  const configuration: Partial<IConfiguration> = {
    ...given,
    paths: [...paths],
    requireModule: [...requireModules, ...given.requireModule],
    require: [BUILTIN_STEPS, ...user.require, ...given.require],
    import: [...user.import, ...given.import],
    format: [...(stdoutGiven ? [] : ['progress']), ['message', messages], ['junit', join(locations.out, 'junit.xml')], ['html', join(locations.out, 'cucumber.html')], ...given.format],
    worldParameters: { ...given.worldParameters, store: locations.store },
    // Decision attachments go to the reports; the console shows each failure's explanation, not attachment lines.
    formatOptions: { printAttachments: false, ...given.formatOptions },
  };
  return { configuration, messages };
}

export function environment(io: CliIo): { cwd: string; env: Record<string, string | undefined>; stdout: CliIo['stdout']; stderr: CliIo['stderr'] } {
  return { cwd: io.cwd, env: { ...io.env }, stdout: io.stdout, stderr: io.stderr };
}

/** One Cucumber run of a configuration in this process; a run that cannot start is a harness error (exit 1), in one line. */
export async function runCucumberOnce(configuration: Partial<IConfiguration>, io: CliIo): Promise<{ success: boolean } | ExitCode> {
  const api = cucumberApi();
  try {
    const { runConfiguration } = await api.loadConfiguration({ file: false, provided: configuration }, environment(io));
    return { success: (await api.runCucumber(runConfiguration, environment(io))).success };
  } catch (err) {
    await write(io.stderr, `mq-policy test: cannot run the scenarios: ${firstLine(err)}\n`);
    return EXIT.usage;
  }
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.trim().split('\n').map((l) => l.trim()).filter((l) => l !== '').slice(0, 3).join(' ');
}
