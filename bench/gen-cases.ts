import { fixedStore, randomCase, randomRequest, seededRandom } from './workload';

/** Writes N simulate cases to stdout: `small` (each with its own policy) or `fixed` (the fixed store). */
const [kind = 'small', count = '100000'] = process.argv.slice(2);
const rand = seededRandom(7);
const store = fixedStore();
let out = '';
for (let i = 0; i < Number(count); i++) {
  out += JSON.stringify(kind === 'fixed' ? { id: `c${i}`, policies: store, request: randomRequest(rand) } : randomCase(rand, i)) + '\n';
}
process.stdout.write(out);
