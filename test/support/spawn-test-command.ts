import { spawn } from 'node:child_process';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..');

export interface ProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `mq-policy test` in its own process, in `cwd`, as CI runs it: Cucumber registers the built-in steps once
 * per process, so runs inside one test process would not be independent. The CI's own variables are
 * removed so a run on GitHub Actions tests the same thing as one here; `env` adds or overrides variables.
 */
export async function spawnTestCommand(cwd: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<ProcessResult> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['GITHUB_STEP_SUMMARY', 'GITHUB_SHA', 'MQ_POLICY_STORE', 'MQ_POLICY_PARALLEL_MIN_SCENARIOS']) delete childEnv[k];
  Object.assign(childEnv, env);
  // When dist/ is stale the sources run through ts-node, which must find this repository's tsconfig, not a default.
  childEnv['TS_NODE_PROJECT'] = join(REPO, 'tsconfig.json');
  const child = spawn(process.execPath, [join(REPO, 'bin', 'mq-policy.js'), 'test', ...args], { cwd, env: childEnv });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  return { code, stdout, stderr };
}
