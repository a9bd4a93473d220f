import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closest, MAX_SUGGESTION_LENGTH, suggestAction, type SuggestionMeter } from '../../../src/catalog';
import { PolicyCache } from '../../../src/parse';

describe('"did you mean" does bounded work', () => {
  it('a megabyte-long unknown action gets no suggestion and costs no edit-distance table', () => {
    const meter: SuggestionMeter = { cells: 0 };
    assert.equal(suggestAction(`mq:${'DeleteBroker'.repeat(100_000)}`, meter), undefined);
    assert.equal(meter.cells, 0);
  });

  it('names of any length cost at most the product of the bounded lengths per candidate, and candidates far off in length are skipped', () => {
    const candidates = ['DeleteBroker', 'RebootBroker', 'x'.repeat(10_000), 'DescribeBrokerInstanceOptions'];
    const meter: SuggestionMeter = { cells: 0 };
    assert.equal(closest('DeleteBrokr', candidates, meter), 'DeleteBroker');
    assert.ok(meter.cells > 0, 'the meter counts');
    assert.ok(meter.cells <= 11 * 29 * candidates.length, `${meter.cells} cells`);
    const long: SuggestionMeter = { cells: 0 };
    closest('y'.repeat(MAX_SUGGESTION_LENGTH), ['y'.repeat(MAX_SUGGESTION_LENGTH - 1), 'DeleteBroker'], long);
    assert.ok(long.cells <= MAX_SUGGESTION_LENGTH * MAX_SUGGESTION_LENGTH, `${long.cells} cells`);
  });

  it('suggestions themselves are unchanged', () => {
    assert.equal(suggestAction('mq:DeleteBrokr'), 'mq:DeleteBroker');
    assert.equal(suggestAction('mqq:ListBrokers'), 'mq:ListBrokers');
    assert.equal(closest('zzzzzz', ['DeleteBroker']), undefined);
  });
});

describe('the policy cache holds a bounded number of bytes', () => {
  const bigLayers = (n: number, statements: number): Record<string, unknown> => ({
    identity: [{ Version: '2012-10-17', Statement: Array.from({ length: statements }, (_, i) => ({ Sid: `S${n}x${i}`, Effect: 'Allow', Action: 'mq:ListBrokers', Resource: '*' })) }],
  });

  it('distinct large policies never hold more than the budget (130 distinct 1 MB policies used to keep about 1.1 GB)', () => {
    const one = JSON.stringify(bigLayers(0, 100)).length;
    const budget = one * 10; // room for ten
    const cache = new PolicyCache(128, 1_000_000, 1, budget);
    for (let n = 0; n < 40; n++) {
      cache.resolve(bigLayers(n, 100));
      assert.ok(cache.heldBytes <= budget, `${cache.heldBytes} > ${budget}`);
    }
    assert.ok(cache.size < 40, 'old entries were evicted');
  });

  it('a set larger than an eighth of the budget is validated each time, not cached', () => {
    const layers = bigLayers(1, 100);
    const cache = new PolicyCache(128, 1_000_000, 1, JSON.stringify(layers).length * 7);
    assert.equal(cache.resolve(layers).uses, 1);
    assert.equal(cache.resolve(layers).uses, 1);
    assert.equal(cache.heldBytes, 0);
  });
});

describe('the living document reads the simulate and JSON figures of npm run bench', () => {
  it('shows each simulate workload against its JSON.parse floor, and the 4 MB line', async () => {
    const { benchmarkSummary } = await import('../../../src/reports');
    const workload = { cases: 20000, millis: 1500, floorMillis: 800, ratio: 1.875 };
    const s = benchmarkSummary({ simulate: { ownPolicies: workload, sharedPolicies: { ...workload, cases: 10000 } }, json: { bytes: 4194375, fastMillis: 110, strictMillis: 240, floorMillis: 60 } });
    assert.deepEqual(s?.rows.map((r) => r.figure), ['1,500 ms; JSON.parse floor 800 ms; 1.88× the floor', '1,500 ms; JSON.parse floor 800 ms; 1.88× the floor', '110 ms (strict reader 240 ms; JSON.parse 60 ms)']);
  });
});
