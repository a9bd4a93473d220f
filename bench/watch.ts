/**
 * Watch latency: `mq-policy test --watch` on one feature (features/tag-based-access/production-deny.feature)
 * over a copy of the example store; the time from writing a changed policy file to the printed result line
 * of the re-run. Floor: the same feature run once by `mq-policy test` in a fresh process (what a user
 * without --watch waits for after a save).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const FEATURE = join('features', 'tag-based-access', 'production-deny.feature');
const POLICY = join('policies', 'identity', 'deny-production-changes.json');

export interface WatchFigures {
  readonly saves: number;
  readonly medianMillis: number;
  readonly maxMillis: number;
  readonly freshRunMillis: number;
  readonly ratio: number;
}

export async function benchWatch(saves = 7): Promise<WatchFigures> {
  const dir = join(ROOT, '.tmp', 'bench-watch');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'features'), { recursive: true });
  cpSync(join(ROOT, 'policies'), join(dir, 'policies'), { recursive: true });
  cpSync(join(ROOT, FEATURE), join(dir, 'features', 'production-deny.feature'));
  const original = readFileSync(join(dir, POLICY), 'utf8');

  const fresh = process.hrtime.bigint();
  const once = spawnSync(process.execPath, [join(ROOT, 'bin', 'mq-policy.js'), 'test', '--out', join(dir, 'reports')], { cwd: dir, encoding: 'utf8' });
  const freshRunMillis = Number(process.hrtime.bigint() - fresh) / 1e6;
  if (once.status !== 0) throw new Error(`the feature does not pass: ${once.stdout}${once.stderr}`);

  const child = spawn(process.execPath, [join(ROOT, 'bin', 'mq-policy.js'), 'test', '--watch'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiters: ((line: string) => void)[] = [];
  const lines: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    let nl: number;
    while ((nl = out.indexOf('\n')) >= 0) {
      const line = out.slice(0, nl);
      out = out.slice(nl + 1);
      if (!line.startsWith('[watch] ')) continue;
      const waiter = waiters.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  const nextLine = (): Promise<string> => (lines.length > 0 ? Promise.resolve(lines.shift()!) : new Promise((resolve) => waiters.push(resolve)));
  try {
    await nextLine(); // first run
    await nextLine(); // watching …
    const times: number[] = [];
    for (let i = 0; i < saves; i++) {
      // Alternate a real change (one more action in the Deny) and the original, so every save changes the file.
      const text = i % 2 === 0 ? original.replace('"mq:RebootBroker",', '"mq:RebootBroker", "mq:UpdateUser",') : original;
      await new Promise((r) => setTimeout(r, 150));
      const line = nextLine();
      const started = process.hrtime.bigint();
      writeFileSync(join(dir, POLICY), text);
      const result = await line;
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (!/ 0 failed;/.test(result)) throw new Error(`watch re-run failed: ${result}`);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    return { saves, medianMillis: median, maxMillis: times[times.length - 1]!, freshRunMillis, ratio: freshRunMillis / median };
  } finally {
    child.kill('SIGTERM');
  }
}

if (require.main === module) benchWatch().then((f) => console.log(f));
