/**
 * `npm run bench`: each workload's figure with the ratio against a baseline measured in the same
 * run. Results go to stdout and reports/bench.json (with the machine's CPU count and Node version).
 */
import { cpus, loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDecisions } from './decisions';
import { benchSimulate, benchStart, type SimulateWorkload } from './processes';
import { benchJsonLine } from './json-line';
import { benchMatrix } from './org';
import { benchScenarios, type WorkloadFigures } from './scenarios';
import { benchAnalysis, type Timing } from './analysis';
import { benchWatch } from './watch';

function line(text: string): void {
  process.stdout.write(`${text}\n`);
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const want = (n: string): boolean => only.length === 0 || only.includes(n);
  const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, loadAverageAtStart: loadavg() };
  line(`mq-policy bench — node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

  if (want('decisions')) {
    const d = benchDecisions();
    results.decisions = d;
    line(`1. decisions, one thread, fixed store (${d.statements} statements), ${d.requests.toLocaleString('en')} varied requests:`);
    const k = (n: number): string => Math.round(n).toLocaleString('en');
    line(`   compiled ${k(d.compiledPerSecond)}/s median of ${d.compiledRounds.length} rounds (best ${k(d.compiledBestPerSecond)}/s; by CPU time ${k(d.compiledCpuPerSecond)}/s), p50 ${d.p50Micros.toFixed(1)} µs, p99 ${d.p99Micros.toFixed(1)} µs (clock ${d.clockMicros.toFixed(2)} µs included); load average ${d.loadAverage.map((l) => l.toFixed(1)).join(' ')}`);
    line(`   baseline: interpreted ${k(d.interpretedPerSecond)}/s, ratio ${d.ratio.toFixed(1)}×; compiled without generated code ${k(d.closurePathPerSecond)}/s, ratio ${d.generatedRatio.toFixed(2)}×`);
    line(`   the same set on 1,000 of the requests, which stay in cache: ${k(d.inCachePerSecond)}/s, by CPU time ${k(d.inCacheCpuPerSecond)}/s (${(d.inCacheCpuPerSecond / d.compiledCpuPerSecond).toFixed(2)}× the 100,000 by CPU time: the difference is reading requests from memory)`);
    line(`   target ≥ ${d.target.perSecond.toLocaleString('en')}/s, p99 < ${d.target.p99Micros} µs: ${d.meetsTarget ? 'met' : 'not met'} (${(d.compiledPerSecond / d.target.perSecond).toFixed(2)}× the target rate)`);
  }
  if (want('simulate')) {
    const s = benchSimulate();
    results.simulate = s;
    const show = (label: string, w: SimulateWorkload): void => {
      line(`   ${label}: ${w.cases.toLocaleString('en')} cases (${(w.bytes / 1e6).toFixed(1)} MB, ${w.decided.toLocaleString('en')} decided), ${w.runs} runs each, alternating with the floor, load average ${w.loadAverage.map((l) => l.toFixed(1)).join(' → ')}:`);
      line(`      wall: median ${w.millis.toFixed(0)} ms (${Math.round(w.casesPerSecond).toLocaleString('en')} cases/s), min ${w.minMillis.toFixed(0)} ms; JSON.parse floor median ${w.floorMillis.toFixed(0)} ms, min ${w.floorMinMillis.toFixed(0)} ms; ratio ${w.ratio.toFixed(2)}× (of minima ${w.minRatio.toFixed(2)}×) (target ≤ 2×${w.ratio <= 2 ? ': met' : ': not met'})`);
      if (w.cpuRatio !== undefined) line(`      CPU (all threads): median ${w.cpuMillis!.toFixed(0)} ms, min ${w.cpuMinMillis!.toFixed(0)} ms; floor median ${w.floorCpuMillis!.toFixed(0)} ms, min ${w.floorCpuMinMillis!.toFixed(0)} ms; ratio ${w.cpuRatio.toFixed(2)}× (of minima ${w.cpuMinRatio!.toFixed(2)}×)`);
    };
    line('2. simulate end to end, process start included, against a node process that only JSON.parse\'s each line of the same file:');
    show('(a) own policies', s.ownPolicies);
    show('(b) one shared policy set', s.sharedPolicies);
    const two = s.ownPoliciesTwoWorkers;
    line(`   (a) with --workers 2: ${two.wall.toFixed(0)} ms${two.cpu !== undefined ? `, CPU ${two.cpu.toFixed(0)} ms` : ''} (one thread: ${s.ownPolicies.millis.toFixed(0)} ms${s.ownPolicies.cpuMillis !== undefined ? `, CPU ${s.ownPolicies.cpuMillis.toFixed(0)} ms` : ''})`);
    line(`   --explain on (a): ${s.explainMillis.toFixed(0)} ms (${s.explainRatio.toFixed(2)}× the plain run)`);
  }
  if (want('json')) {
    const j = benchJsonLine();
    results.json = j;
    line(`6. one ${(j.bytes / 1e6).toFixed(1)} MB line with a single escape: simulate's reader ${j.fastMillis.toFixed(0)} ms, strict reader ${j.strictMillis.toFixed(0)} ms; bare JSON.parse ${j.floorMillis.toFixed(0)} ms; ratios ${j.fastRatio.toFixed(1)}× and ${j.strictRatio.toFixed(1)}× (target < 500 ms)`);
  }
  if (want('matrix')) {
    const m = benchMatrix();
    results.matrix = m;
    line(`3. access matrix, generated organization of ${m.principals.toLocaleString('en')} principals × every Amazon MQ action × ${m.brokers.toLocaleString('en')} brokers:`);
    line(`   ${m.decisions.toLocaleString('en')} decisions in ${m.seconds.toFixed(1)} s (${Math.round(m.perSecond).toLocaleString('en')}/s on all cores), peak memory ${m.peakMemoryMB} MB; one thread ${Math.round(m.baselinePerSecond).toLocaleString('en')}/s; ratio ${m.ratio.toFixed(1)}× (target < ${m.target.seconds} s, < ${m.target.peakMemoryMB} MB${m.meetsTarget ? ': met' : ': not met'})`);
  }
  if (want('scenarios')) {
    const c = benchScenarios();
    results.scenarios = c;
    const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
    const row = (label: string, f: WorkloadFigures): void => {
      const cpu = f.cpu ? `; CPU ${secs(f.cpu.serial)} serial, ${secs(f.cpu.parallel2)} --parallel 2` : '';
      line(`   ${label}: serial ${secs(f.serial)} (min ${secs(f.min.serial)}); --parallel 1 ${secs(f.parallel1)}, 2 ${secs(f.parallel2)} (min ${secs(f.min.parallel2)}), 4 ${secs(f.parallel4)}${cpu}`);
      line(`      serial/parallel-2 ${f.ratio.toFixed(2)}× median of ${f.ratios.length} rounds (min ${f.ratioMin.toFixed(2)}×; baseline: the serial run of the same round; target ≥ 1×${f.meetsTarget ? ': met' : ': not met'}); ${f.split}; load average ${f.loadAverages.map((l) => l.toFixed(1)).join(', ')}`);
    };
    line(`4. ${c.scenarios.toLocaleString('en')} generated scenarios, mq-policy test end to end, medians of ${c.rounds} rounds (target: ${c.target}):`);
    row(`one file of ${c.scenarios.toLocaleString('en')}`, c.oneFile);
    row('100 files of 20', c.filesOf20);
    line(`   before: Cucumber's own --parallel 2 on the one file ${secs(c.cucumberParallel2Millis)} (no reports); load average ${c.loadAverage.toFixed(1)} on ${cpus().length} CPUs`);
  }
  if (want('start')) {
    const t = benchStart();
    results.start = t;
    line(`5. start-up, median per command on a trivial input, baseline a bare \`node -e 0\` of ${t.nodeMillis.toFixed(0)} ms in the same run (targets: every command < 300 ms, --version < 150 ms; load average ${t.loadAverage.toFixed(1)}):`);
    for (const [command, millis] of Object.entries(t.commands)) {
      const cpu = t.commandsCpu?.[command];
      const target = t.targets[command]!;
      line(`   mq-policy ${command}: ${millis.toFixed(0)} ms (target < ${target} ms${millis < target ? ': met' : ': not met'}; ${(millis / t.nodeMillis).toFixed(2)}× bare node, ${(millis - t.nodeMillis).toFixed(0)} ms over it)${cpu !== undefined ? `; CPU ${cpu.toFixed(0)} ms, ${cpu < target ? 'under' : 'over'} the target (bare node ${t.nodeCpuMillis!.toFixed(0)} ms): wall time on a loaded machine is mostly the wait for a core` : ''}`);
    }
  }
  if (want('watch')) {
    const w = await benchWatch();
    results.watch = w;
    line(`6. mq-policy test --watch, one feature: saved policy → printed result median ${w.medianMillis.toFixed(0)} ms, max ${w.maxMillis.toFixed(0)} ms over ${w.saves} saves; a fresh \`mq-policy test\` of it ${w.freshRunMillis.toFixed(0)} ms; ratio ${w.ratio.toFixed(1)}× (target < 1 s)`);
  }
  if (want('analysis')) {
    const a = benchAnalysis();
    results.analysis = a;
    const t = (x: Timing): string => `${x.seconds.toFixed(2)} s${x.cpuSeconds !== undefined ? ` (cpu ${x.cpuSeconds.toFixed(2)} s)` : ''}`;
    line(`7. analysis over every request class, compiled CLI, process start included (floor: --version ${t(a.start)}):`);
    line(`   shipped store: diff against a one-statement change ${t(a.shipped.diff)} (target < 2 s), analyze ${t(a.shipped.analyze)} (target < 2 s), mutate of the recorded suite ${t(a.shipped.mutate)} (target < 10 s)`);
    line(`   lint of the shipped store ${t(a.shipped.lint)}, of which the store-wide checks add ${(a.shipped.lint.seconds - a.shipped.lintWithoutAnalysis.seconds).toFixed(2)} s (--no-analysis ${t(a.shipped.lintWithoutAnalysis)})`);
    line(`   generated organization, ${a.organization.principals.toLocaleString('en')} principals, ${a.organization.brokers} brokers, --workers ${a.organization.workers}: diff ${t(a.organization.diff)}, analyze ${t(a.organization.analyze)} (target < 60 s)`);
  }
  results.loadAverageAtEnd = loadavg();
  mkdirSync(join(__dirname, '..', 'reports'), { recursive: true });
  writeFileSync(join(__dirname, '..', 'reports', 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
  line('written: reports/bench.json');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
