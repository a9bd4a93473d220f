/**
 * A driver for `node --cpu-prof`: the compiled path of workload 1 alone, long enough for a profile
 * without the interpreter's or the latency loop's samples. `node --require ts-node/register/transpile-only
 * --cpu-prof --cpu-prof-dir=/tmp/prof bench/decisions-profile.ts [rounds]`
 */
import { compilePolicySet } from '../src/engine';
import { loadFixedStore, makeRequests } from './decisions';

const rounds = Number(process.argv[2] ?? 40);
const requests = makeRequests(100_000, 42);
const compiled = compilePolicySet(loadFixedStore());
let decided = 0;
const start = process.hrtime.bigint();
for (let k = 0; k < rounds; k++) for (const r of requests) if (compiled.decide(r).kind === 'decision') decided++;
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(`${Math.round((rounds * requests.length) / seconds).toLocaleString('en')} decisions/s (${decided} decided)`);
