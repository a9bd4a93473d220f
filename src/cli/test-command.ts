import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicyStore } from '../load';
import { describeSource } from '../model';
import { EXIT, write, type CliIo, type ExitCode } from './io';
import { verdictOf } from './test-outcome';

const MESSAGES = join('reports', 'cucumber.ndjson');

/**
 * `mq-policy test [cucumber options]`: validates the policy store first (exit 3, every problem listed,
 * before any scenario runs), then runs Cucumber with the options passed through (--tags, --parallel,
 * --shard…). Exit 0 all passed, 2 an expectation failed, 1 harness error.
 */
export async function runTests(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const root = join(io.cwd, io.env.MQ_POLICY_STORE ?? 'policies');
  const { store, diagnostics } = loadPolicyStore(root);
  for (const d of diagnostics) {
    await write(io.stderr, `${d.severity}: ${describeSource(d.source)}: ${d.message}${d.help !== undefined ? ` (${d.help})` : ''} [${d.code}]\n`);
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (!store || errors > 0) {
    await write(io.stderr, `mq-policy test: the policy store is invalid (${errors} error${errors === 1 ? '' : 's'}); no scenario was run\n`);
    return EXIT.invalidInput;
  }

  const messages = join(io.cwd, MESSAGES);
  rmSync(messages, { force: true });
  const cli = join(require.resolve('@cucumber/cucumber/package.json'), '..', 'bin', 'cucumber.js');
  const child = spawn(process.execPath, [cli, ...args], { cwd: io.cwd, stdio: 'inherit', env: { ...io.env } });
  const code = await new Promise<number>((resolve) => {
    child.on('error', () => resolve(-1));
    child.on('close', (c) => resolve(c ?? -1));
  });
  if (code === 0) return EXIT.ok;
  if (!existsSync(messages)) {
    await write(io.stderr, `mq-policy test: cucumber stopped (exit ${code}) without writing ${MESSAGES}\n`);
    return EXIT.usage;
  }
  const verdict = verdictOf(readFileSync(messages, 'utf8'));
  if (verdict.kind === 'expectation-failed') {
    const files = verdict.policyFiles.length > 0 ? `; policies involved: ${verdict.policyFiles.join(', ')}` : '';
    await write(io.stderr, `mq-policy test: an expected outcome did not hold${files}\n`);
    return EXIT.expectationFailed;
  }
  await write(io.stderr, `mq-policy test: harness error${verdict.reasons.length > 0 ? `: ${verdict.reasons.join('; ')}` : ` (cucumber exit ${code})`}\n`);
  return EXIT.usage;
}
