import { existsSync, readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { Writable } from 'node:stream';
import type { PolicyStore } from '../load/store-types';
import { cucumberApi, environment, planRun } from './cucumber-run';
import { EXIT, write, type CliIo, type ExitCode } from './io';
import type { TestOptions } from './test-command';
import { validStore } from './test-command';
import { affectedBy, changesSince, RunRecorder, type ScenarioState } from './watch-state';

/** Saves come in bursts (editors write, rename, touch): wait this long after the last event. */
const SETTLE_MS = 25;

/**
 * `mq-policy test --watch`: runs everything once, then on every saved change re-runs the affected scenarios
 * (see affectedBy) in this process, reusing the loaded step files, and prints only what changed since the
 * last run. The store is validated on every change: an invalid store is reported and nothing runs until it
 * is fixed. Reports are not written in watch mode (a partial run is no evidence); run `mq-policy test` for them.
 */
export async function watchTests(options: TestOptions, io: CliIo): Promise<ExitCode> {
  const { locations } = options;
  let store = await validStore(locations, io);
  const plan = await planRun(locations, options.cucumberArgs, io);
  const api = cucumberApi();
  const known = new Map<string, ScenarioState>();
  const quiet = new Writable({ write: (_chunk, _enc, done) => done() });
  let support: unknown;
  const show = (p: string): string => relative(io.cwd, p).split(sep).join('/');

  const runScenarios = async (paths: readonly string[] | undefined, why: string, first: boolean): Promise<void> => {
    const started = process.hrtime.bigint();
    const recorder = new RunRecorder();
    const configuration = { ...plan.configuration, format: [], ...(paths ? { paths: [...paths] } : {}) };
    try {
      const { runConfiguration } = await api.loadConfiguration({ file: false, provided: configuration }, environment(io));
      const reuse = support !== undefined && runConfiguration.runtime.parallel === 0 ? { support: support as never } : {};
      const result = await api.runCucumber({ ...runConfiguration, ...reuse }, { ...environment(io), stdout: quiet }, recorder.onMessage);
      support = result.support;
    } catch (err) {
      await write(io.stderr, `[watch] cannot run the scenarios: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
      return;
    }
    const changes = changesSince(known, recorder.scenarios).filter((l) => !first || l.startsWith('✗'));
    for (const s of recorder.scenarios) known.set(s.key, s);
    const failed = recorder.scenarios.filter((s) => !s.passed).length;
    const failing = [...known.values()].filter((s) => !s.passed).length;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const summary = `[watch] ${why}: ${recorder.scenarios.length} scenario${recorder.scenarios.length === 1 ? '' : 's'} run, ${recorder.scenarios.length - failed} passed, ${failed} failed; ${failing} failing in all (${Math.round(ms)} ms)`;
    await write(io.stdout, `${changes.map((l) => `${l}\n`).join('')}${summary}\n`);
  };

  if (store) await runScenarios(undefined, 'first run', true);
  await write(io.stdout, `[watch] watching ${show(locations.store) || '.'} and ${locations.features.map(show).join(', ')}; Ctrl-C to stop\n`);

  const pending = new Map<string, 'feature' | 'store'>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const onChange = (kind: 'feature' | 'store', file: string): void => {
    if (kind === 'feature' && !file.endsWith('.feature')) return;
    pending.set(file, kind);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const batch = [...pending].map(([path, k]) => ({ path: show(path), kind: k }));
      pending.clear();
      running = running.then(() => rerun(batch));
    }, SETTLE_MS);
  };

  const rerun = async (batch: { path: string; kind: 'feature' | 'store' }[]): Promise<void> => {
    if (batch.some((c) => c.kind === 'store')) {
      store = await validStore(locations, io, false);
      if (!store) {
        await write(io.stderr, '[watch] the store is invalid: nothing runs until it is fixed\n');
        return;
      }
    }
    if (!store) return;
    const affected = affectedBy(batch, store as PolicyStore, known, (uri) => readText(resolve(io.cwd, uri)));
    if (affected.kind === 'none') return void (await write(io.stdout, `[watch] ${affected.why}: nothing to re-run\n`));
    await runScenarios(affected.kind === 'all' ? undefined : affected.paths.map((p) => resolve(io.cwd, p)), affected.why, false);
  };

  const watchers: FSWatcher[] = [watchTree(locations.store, (f) => onChange('store', f))];
  for (const f of locations.features) watchers.push(watchTree(staticPrefix(f), (file) => onChange('feature', file)));
  return new Promise((done) => {
    const stop = (): void => {
      for (const w of watchers) w.close();
      done(EXIT.ok);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** Watches a folder recursively, or one file; reports absolute paths. */
function watchTree(path: string, onFile: (file: string) => void): FSWatcher {
  const dir = existsSync(path) && statSync(path).isDirectory() ? path : dirname(path);
  return watch(dir, { recursive: true }, (_event, name) => {
    if (name === null) return;
    const file = resolve(dir, name.toString());
    if (dir === path || file === path) onFile(file);
  });
}

/** The folder part of a glob (`features/**\/*.feature` → `features`). */
function staticPrefix(path: string): string {
  const parts = path.split(sep);
  const i = parts.findIndex((p) => /[*?[{]/.test(p));
  return i < 0 ? path : parts.slice(0, i).join(sep) || sep;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
