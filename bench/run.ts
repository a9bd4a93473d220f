/**
 * `npm run bench`: each workload's figure with the ratio against a baseline measured in the same
 * run. Results go to stdout and reports/bench.json (with the machine's CPU count and Node version).
 */
import { cpus } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDecisions } from './decisions';
import { benchSimulate, benchStart } from './processes';
import { benchMatrix } from './org';
import { benchScenarios } from './scenarios';
import { benchAnalysis, type Timing } from './analysis';

function line(text: string): void {
  process.stdout.write(`${text}\n`);
}

function main(): void {
  const only = process.argv.slice(2);
  const want = (n: string): boolean => only.length === 0 || only.includes(n);
  const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model };
  line(`mq-policy bench — node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})`);

  if (want('decisions')) {
    const d = benchDecisions();
    results.decisions = d;
    line(`1. decisions, one thread, fixed store (${d.statements} statements), ${d.requests.toLocaleString('en')} varied requests:`);
    line(`   compiled ${Math.round(d.compiledPerSecond).toLocaleString('en')}/s, p50 ${d.p50Micros.toFixed(1)} µs, p99 ${d.p99Micros.toFixed(1)} µs; interpreted ${Math.round(d.interpretedPerSecond).toLocaleString('en')}/s; ratio ${d.ratio.toFixed(1)}× (target ≥ 1,000,000/s)`);
  }
  if (want('simulate')) {
    const s = benchSimulate();
    results.simulate = s;
    line(`2. simulate end to end, ${s.cases.toLocaleString('en')} cases with their own policies (${(s.bytes / 1e6).toFixed(1)} MB), process start included:`);
    line(`   ${Math.round(s.casesPerSecond).toLocaleString('en')} cases/s (${s.millis.toFixed(0)} ms); --explain path ${s.explainMillis.toFixed(0)} ms; ratio ${s.ratio.toFixed(1)}× (target ≥ 50,000 cases/s)`);
  }
  if (want('matrix')) {
    const m = benchMatrix();
    results.matrix = m;
    line(`3. access matrix, generated organization of ${m.principals.toLocaleString('en')} principals × every Amazon MQ action × ${m.brokers.toLocaleString('en')} brokers:`);
    line(`   ${m.decisions.toLocaleString('en')} decisions in ${m.seconds.toFixed(1)} s (${Math.round(m.perSecond).toLocaleString('en')}/s on all cores), peak memory ${m.peakMemoryMB} MB; one thread ${Math.round(m.baselinePerSecond).toLocaleString('en')}/s; ratio ${m.ratio.toFixed(1)}× (target < 60 s, < 500 MB)`);
  }
  if (want('scenarios')) {
    const c = benchScenarios();
    results.scenarios = c;
    line(`4. ${c.scenarios.toLocaleString('en')} generated scenarios through Cucumber: --parallel 2 ${(c.parallelMillis / 1000).toFixed(1)} s; serial ${(c.serialMillis / 1000).toFixed(1)} s; ratio ${c.ratio.toFixed(1)}× (target < 30 s)`);
  }
  if (want('start')) {
    const t = benchStart();
    results.start = t;
    line(`5. start: mq-policy --version ${t.versionMillis.toFixed(0)} ms median; bare node ${t.nodeMillis.toFixed(0)} ms; overhead ${t.overheadMillis.toFixed(0)} ms (target < 300 ms)`);
  }
  if (want('analysis')) {
    const a = benchAnalysis();
    results.analysis = a;
    const t = (x: Timing): string => `${x.seconds.toFixed(2)} s${x.cpuSeconds !== undefined ? ` (cpu ${x.cpuSeconds.toFixed(2)} s)` : ''}`;
    line(`6. analysis over every request class, compiled CLI, process start included (floor: --version ${t(a.start)}):`);
    line(`   shipped store: diff against a one-statement change ${t(a.shipped.diff)} (target < 2 s), analyze ${t(a.shipped.analyze)} (target < 2 s), mutate of the recorded suite ${t(a.shipped.mutate)} (target < 10 s)`);
    line(`   generated organization, ${a.organization.principals.toLocaleString('en')} principals, ${a.organization.brokers} brokers, --workers ${a.organization.workers}: diff ${t(a.organization.diff)}, analyze ${t(a.organization.analyze)} (target < 60 s)`);
  }
  mkdirSync(join(__dirname, '..', 'reports'), { recursive: true });
  writeFileSync(join(__dirname, '..', 'reports', 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
  line('written: reports/bench.json');
}

main();
