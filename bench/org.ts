/**
 * Workload 3: a generated organization (1,000 principals × every Amazon MQ action × 1,000 brokers)
 * written as a policy store, then `mq-policy matrix` over it on all cores. The baseline is the same
 * command on one thread over a tenth of the principals, measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from './workload';

const ROOT = join(__dirname, '..');
const ENVS = ['production', 'staging', 'dev', 'sandbox'];
const TEAMS = Array.from({ length: 20 }, (_, i) => `team${i}`);

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 1)}\n`);
}

export function writeOrg(dir: string, principals: number, brokers: number): void {
  rmSync(dir, { recursive: true, force: true });
  for (const sub of ['identity', 'boundaries', 'scps/0-root', 'scps/1-workloads']) mkdirSync(join(dir, sub), { recursive: true });
  const doc = (Statement: unknown[]): unknown => ({ Version: '2012-10-17', Statement });
  writeJson(join(dir, 'identity', 'read.json'), doc([{ Sid: 'Read', Effect: 'Allow', Action: ['mq:Describe*', 'mq:List*'], Resource: '*' }]));
  writeJson(join(dir, 'identity', 'team-operate.json'), doc([{ Sid: 'OwnTeam', Effect: 'Allow', Action: ['mq:RebootBroker', 'mq:UpdateBroker', 'mq:*User', 'mq:*Tags'], Resource: 'arn:aws:mq:*:111122223333:broker:*', Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } } }]));
  writeJson(join(dir, 'identity', 'admin.json'), doc([{ Sid: 'All', Effect: 'Allow', Action: 'mq:*', Resource: '*' }]));
  writeJson(join(dir, 'identity', 'deny-prod.json'), doc([{ Sid: 'DenyProd', Effect: 'Deny', Action: ['mq:DeleteBroker', 'mq:RebootBroker', 'mq:DeleteTags'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/environment': 'production' } } }]));
  writeJson(join(dir, 'boundaries', 'bound.json'), doc([{ Sid: 'Mq', Effect: 'Allow', Action: 'mq:*', Resource: '*' }, { Sid: 'NoDeleteOutsideDev', Effect: 'Deny', Action: 'mq:Delete*', NotResource: 'arn:aws:mq:*:*:broker:dev-*' }]));
  writeJson(join(dir, 'scps', '0-root', 'full.json'), doc([{ Sid: 'Full', Effect: 'Allow', Action: '*', Resource: '*' }, { Sid: 'Regions', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } } }]));
  writeJson(join(dir, 'scps', '1-workloads', 'mq.json'), doc([{ Sid: 'Mq', Effect: 'Allow', Action: ['mq:*', 'ec2:*'], Resource: '*' }]));
  const rand = seededRandom(3);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  let p = 'account: "111122223333"\nsourceIp: 203.0.113.10\ngroups:\n  readers:\n    policies: [read]\n  operators:\n    policies: [read, team-operate, deny-prod]\n  admins:\n    policies: [admin, deny-prod]\nusers:\n';
  for (let i = 0; i < principals; i++) {
    const group = i % 10 === 0 ? 'admins' : i % 3 === 0 ? 'readers' : 'operators';
    p += `  u${i}:\n    userName: u${i}\n    userId: AIDA${String(i).padStart(16, '0')}\n    groups: [${group}]\n${i % 4 === 0 ? '    boundary: bound\n' : ''}    tags: {team: ${pick(TEAMS)}}\n`;
  }
  writeFileSync(join(dir, 'principals.yaml'), p);
  let inv = 'brokers:\n';
  for (let i = 0; i < brokers; i++) {
    const env = pick(ENVS);
    inv += `  ${env === 'dev' ? 'dev' : env}-b${i}:\n    id: b-${String(i).padStart(8, '0')}-0000-4000-8000-000000000000\n    region: ${rand() < 0.9 ? 'eu-west-1' : 'us-east-1'}\n    tags: {environment: ${env}, team: ${pick(TEAMS)}}\n`;
  }
  writeFileSync(join(dir, 'inventory.yaml'), inv);
}

export interface MatrixFigures {
  readonly principals: number;
  readonly brokers: number;
  readonly decisions: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly peakMemoryMB: number;
  readonly baselinePerSecond: number;
  readonly ratio: number;
  /** Issue 16: the whole organization in under this many seconds, peak memory under this many MB. */
  readonly target: { readonly seconds: number; readonly peakMemoryMB: number };
  readonly meetsTarget: boolean;
}

export const MATRIX_TARGET = { seconds: 10, peakMemoryMB: 400 } as const;

function runMatrix(store: string, extra: readonly string[]): { decisions: number; seconds: number; peakMemoryMB: number } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'mq-policy.js'), 'matrix', '--store', store, '--format', 'json', '--out', join(store, '..', 'matrix.json'), '--stats', ...extra], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const m = /matrix: ([\d,]+) decisions in ([\d.]+) s .* peak memory (\d+) MB/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`matrix failed (${r.status}): ${r.stderr.slice(-500)}`);
  return { decisions: Number(m[1]!.replace(/,/g, '')), seconds: Number(m[2]), peakMemoryMB: Number(m[3]) };
}

export function benchMatrix(principals = 1000, brokers = 1000): MatrixFigures {
  const dir = join(ROOT, '.tmp', 'org');
  const store = join(dir, 'policies');
  writeOrg(store, principals, brokers);
  const baseline = runMatrix(store, ['--shard', '1/10', '--workers', '0']);
  const full = runMatrix(store, []);
  const baselinePerSecond = baseline.decisions / baseline.seconds;
  const perSecond = full.decisions / full.seconds;
  return {
    principals,
    brokers,
    decisions: full.decisions,
    seconds: full.seconds,
    perSecond,
    peakMemoryMB: full.peakMemoryMB,
    baselinePerSecond,
    ratio: perSecond / baselinePerSecond,
    target: MATRIX_TARGET,
    meetsTarget: full.seconds < MATRIX_TARGET.seconds && full.peakMemoryMB < MATRIX_TARGET.peakMemoryMB,
  };
}

if (require.main === module) console.log(benchMatrix(Number(process.argv[2] ?? 1000), Number(process.argv[3] ?? 1000)));
